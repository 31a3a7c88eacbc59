"""Where the user's idle time comes from: the IdleSource interface, its backends and detect()."""
