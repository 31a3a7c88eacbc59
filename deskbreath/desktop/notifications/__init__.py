"""Desktop notifications: org.freedesktop.Notifications, the notification portal, a tray balloon."""
