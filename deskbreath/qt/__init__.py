"""The Qt application: controller, scheduler adapter, tray, windows, settings UI, command socket."""
