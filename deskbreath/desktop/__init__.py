"""Adapters to the desktop: one sub-package per capability, a Protocol, detect() and a fallback."""
