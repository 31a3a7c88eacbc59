"""The app's windows: the prompt and its exercises, settings and diagnostics dialogs."""
