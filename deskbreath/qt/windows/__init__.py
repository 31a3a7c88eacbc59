"""The app's windows: the prompt and its exercises, the status window, diagnostics."""
