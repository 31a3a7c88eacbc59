"""The menu entry, icons and AppStream metadata in the user's XDG data dirs (Qt-free)."""
