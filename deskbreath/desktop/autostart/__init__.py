"""Start at login: an XDG autostart entry, the Windows Run key, a macOS LaunchAgent."""
