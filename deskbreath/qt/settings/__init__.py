"""The settings UI and its service.

The dialog, one editor per value type (built by the factory from the schema), the file
watcher, apply and save.
"""
