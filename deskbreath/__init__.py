"""deskbreath: a tray app for paced belly breathing, thoracic rotation and posture checks."""

__version__ = "0.1.0"
APP_NAME = "deskbreath"
"""The one spelling of the app's name in file names, socket names and desktop entries."""
