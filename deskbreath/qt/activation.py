"""Give a prompt's window the keyboard because the user asked for it.

In the way the platform Qt runs on honours (``deskbreath prompt focus``):

- **xcb** (X11, and Xwayland in a Wayland session): Qt's own request is refused by window
  managers with focus-stealing prevention, so a ``_NET_ACTIVE_WINDOW`` request marked as a
  direct user action follows it (:mod:`deskbreath.desktop.activation.x11`).
- **wayland** (a native Wayland window): the compositor activates a window only with an XDG
  activation token (the ``xdg-activation-v1`` protocol). A desktop that starts a command from
  a shortcut may pass one in ``XDG_ACTIVATION_TOKEN``; the command line sends it here, and Qt
  uses the variable for the window's next activation request (QtWayland reads and clears it).
  Without a token the compositor may only mark the window as wanting attention.
- anything else (Windows, macOS): Qt's ``activateWindow()``, which the prompt window's
  ``reveal()`` has already called.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from deskbreath.desktop.activation.x11 import ActivationError, request_activation
from deskbreath.qt.controller import PromptView

log = logging.getLogger(__name__)


class WindowActivator:
    """Activates prompt windows on the platform Qt loaded.

    Args:
        platform: ``QGuiApplication.platformName()``.
        env: the app's environment (``DISPLAY`` for xcb); ``os.environ`` if not given.
    """

    def __init__(self, platform: str, env: Mapping[str, str] | None = None) -> None:
        self.platform = platform
        self._env = os.environ if env is None else env

    def __call__(self, view: PromptView, token: str | None) -> None:
        """Activate ``view``'s window (a QWidget; other views are left alone)."""
        if not isinstance(view, QWidget):
            return
        if self.platform == "xcb":
            try:
                request_activation(self._env.get("DISPLAY"), int(view.winId()))
            except ActivationError as error:
                log.warning("could not ask the window manager to focus the prompt: %s", error)
        elif self.platform.startswith("wayland"):
            handle = view.windowHandle()
            if token and handle is not None:
                os.environ["XDG_ACTIVATION_TOKEN"] = token  # QtWayland reads and clears it
                handle.requestActivate()
            elif not token:
                log.info("no XDG activation token came with `prompt focus`; the compositor "
                         "decides whether the prompt gets the keyboard")
