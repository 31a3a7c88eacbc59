"""D-Bus adapters (QtDBus): idle backends for GNOME and org.freedesktop.ScreenSaver, lock/sleep."""
