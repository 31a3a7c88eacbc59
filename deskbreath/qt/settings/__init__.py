"""The settings UI and its service: dialog, fields, texts, file watcher, apply and save."""
