"""Away because the screen is locked or the machine sleeps: logind, screensavers, Win, Mac."""
