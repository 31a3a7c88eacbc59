"""The tray icon, its menu, state icons, and the shell that falls back to a status window."""
