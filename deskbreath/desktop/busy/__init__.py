"""Busy signals that hold a due prompt back (do not disturb, fullscreen, meetings, typing)."""
