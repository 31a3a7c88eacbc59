"""deskbreath: a tray app for paced belly breathing, thoracic rotation and posture checks."""

__version__ = "0.1.0"
APP_NAME = "deskbreath"
"""The one spelling of the app's name in file names, socket names and desktop entries."""
APP_ID = "io.github.deskbreath.deskbreath"
"""The reverse-DNS id: desktop entry and icon names, AppStream component, Wayland app_id."""
