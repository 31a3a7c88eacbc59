"""deskbreath: a tray app for paced belly breathing, thoracic rotation and posture checks."""

__version__ = "0.1.0"
