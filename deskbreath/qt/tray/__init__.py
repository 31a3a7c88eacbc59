"""The tray icon, its menu and state icons, and the status window that stands in without a tray."""
