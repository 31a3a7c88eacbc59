"""deskbreath: a tray app for paced belly breathing, thoracic rotation and posture checks."""

__version__ = "0.1.0"
APP_NAME = "deskbreath"
"""The one spelling of the app's name in file names, socket names and desktop entries."""
APP_ID = "io.github.deskbreath.deskbreath"
"""The reverse-DNS id: desktop entry and icon names, AppStream component, Wayland app_id.

Reverse-DNS because AppStream (and so software centres and Flathub) asks for it and a
Wayland compositor matches windows to their desktop entry by it; ``io.github.<owner>``
because the project's home is its GitHub organisation, not a domain of its own."""
