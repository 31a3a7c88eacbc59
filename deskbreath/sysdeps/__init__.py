"""System packages deskbreath needs, and how to get them on this distro (stdlib only)."""
