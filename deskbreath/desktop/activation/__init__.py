"""Giving a window the keyboard when the user asked for it (``deskbreath prompt focus``)."""
