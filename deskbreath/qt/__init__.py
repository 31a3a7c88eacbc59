"""Everything that imports PySide6: scheduler adapter, controller, tray, windows, IPC, D-Bus."""
