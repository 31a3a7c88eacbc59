"""Time since the last keyboard or pointer input: Mutter, ScreenSaver, Wayland, X11, Win, Mac."""
