"""Keep Xlib from ending the process when the connection to an X server breaks.

Why: when an Xlib connection breaks (the X server ended, as at logout), Xlib calls the
process-wide I/O error handler and then ``exit(1)``, from inside whatever Xlib call noticed
it. In deskbreath that call was usually the idle backend's ``XScreenSaverQueryInfo`` or
``XCloseDisplay``, running inside a Qt event (a tick, or a window closing during Quit).
``exit()`` then ran C++ static destructors while the QApplication and its windows were still
alive, and Qt crashed in them (seen under gdb: ``QOpenGLContext::doneCurrent`` from
``__run_exit_handlers``, called by ``_XDefaultIOError``); at best the process ended at once,
with the exercise on screen unrecorded and the lock and socket files left behind.

libX11 1.7 added ``XSetIOErrorExitHandler`` (per display) for this. Both hooks are needed:
``_XIOError`` first calls the process-wide handler, whose default (and Qt's, which ends in
``_XDefaultIOError``) calls ``exit(1)`` itself, and only then the display's exit handler,
whose default calls ``exit(1)`` too. This module installs a process-wide handler that acts
for the displays given to it (and defers to the previous handler for any other):

- :func:`survive_io_errors`, for a display only deskbreath's code uses (the idle backend's):
  the handler and an exit handler on the display return. The Xlib call that noticed the
  break returns an error; the caller must not use the display again (:func:`is_broken`),
  except for ``XCloseDisplay``, which then completes without talking to the server.
- :func:`end_process_on_io_error`, for Qt's own Xlib display: Qt goes on using it, and Xlib
  on a broken display writes past its buffer ("request would exceed buffer size") and
  crashes. So the handler calls the given function, which records what is on screen,
  removes the lock and socket and ends the process with ``os._exit`` (no C++ destructors).
  Usually Qt notices the break on its XCB connection first and ends the event loop normally;
  this covers an Xlib call (GLX, a new window) that meets the dead server before that.

This module holds process-wide state, because Xlib's I/O error handler is process-wide: the
installed handler, the previous one it defers to, and the displays it protects. Call it from
the GUI thread only. Qt-free: it uses ctypes and libX11.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Callable

log = logging.getLogger(__name__)

_IOErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_IOErrorExitHandler = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)

# Process-wide Xlib state (see the module docstring). The ctypes callbacks must live as long
# as the process: Xlib keeps raw pointers to them.
_guarded: dict[int, bool] = {}  # display pointer -> its connection broke
_enders: dict[int, Callable[[], object]] = {}  # display pointer -> ends the process
_previous: Callable[[int | None], int] | None = None
_xlib: ctypes.CDLL | None = None


def _load_xlib() -> ctypes.CDLL | None:
    global _xlib  # noqa: PLW0603 - the one labelled piece of Xlib state (module docstring)
    if _xlib is None:
        path = ctypes.util.find_library("X11")
        if path is None:
            return None
        try:
            xlib = ctypes.CDLL(path)
        except OSError:
            return None
        xlib.XSetIOErrorHandler.argtypes = [_IOErrorHandler]
        xlib.XSetIOErrorHandler.restype = ctypes.c_void_p
        xlib._XDefaultIOError.argtypes = [ctypes.c_void_p]
        xlib._XDefaultIOError.restype = ctypes.c_int
        _xlib = xlib
    return _xlib


def _on_io_error(display: int | None) -> int:
    if display is not None and display in _enders:
        log.warning("the X server connection broke (Xlib display 0x%x, Qt's); ending the "
                    "process before Xlib or Qt use the broken display", display)
        try:
            _enders[display]()
        finally:
            os._exit(0)  # the ender should not return; never go back into Xlib
    if display in _guarded:
        if not _guarded[display]:
            log.warning("the X server connection broke (Xlib display 0x%x); that display "
                        "is closed, the process carries on", display)
        _guarded[display] = True
        return 0
    if _previous is not None:  # not ours: as before (Qt's handler, or Xlib's default: exit)
        return int(_previous(display))
    xlib = _load_xlib()
    return int(xlib._XDefaultIOError(display)) if xlib is not None else 0


def _on_io_error_exit(display: int | None, _data: int | None) -> None:
    """Xlib calls this instead of ``exit(1)`` for a guarded display; returning is allowed."""
    if display is not None:
        _guarded[display] = True


_HANDLER = _IOErrorHandler(_on_io_error)
_EXIT_HANDLER = _IOErrorExitHandler(_on_io_error_exit)
_HANDLER_ADDRESS = ctypes.cast(_HANDLER, ctypes.c_void_p).value


def survive_io_errors(display: int) -> bool:
    """Make a broken connection on the Xlib ``display`` an error, never the end of the process.

    Args:
        display: an open Xlib ``Display *`` (as an int), e.g. from ``XOpenDisplay``.

    Returns:
        False when libX11 is missing or older than 1.7 (no ``XSetIOErrorExitHandler``); then
        nothing changed and a broken connection still ends the process, as Xlib always did.
    """
    xlib = _load_xlib()
    if xlib is None or not hasattr(xlib, "XSetIOErrorExitHandler"):
        log.info("libX11 has no XSetIOErrorExitHandler (needs 1.7); a lost X server ends "
                 "the process at once")
        return False
    set_exit_handler = xlib.XSetIOErrorExitHandler
    set_exit_handler.argtypes = [ctypes.c_void_p, _IOErrorExitHandler, ctypes.c_void_p]
    set_exit_handler.restype = None
    _install_handler(xlib)
    _guarded.setdefault(display, False)
    set_exit_handler(display, _EXIT_HANDLER, None)
    return True


def end_process_on_io_error(display: int, end: Callable[[], object]) -> bool:
    """When the connection of ``display`` breaks, call ``end`` instead of Xlib's ``exit(1)``.

    Args:
        display: an open Xlib ``Display *`` (as an int) that other code (Qt) goes on using.
        end: records what must be kept and ends the process (``os._exit``); if it returns,
            the process ends with status 0 right after.

    Returns:
        False when libX11 is missing; then nothing changed.
    """
    xlib = _load_xlib()
    if xlib is None:
        return False
    _install_handler(xlib)
    _enders[display] = end
    return True


def _install_handler(xlib: ctypes.CDLL) -> None:
    """Install the process-wide handler.

    Again on every call: a handler set since (Qt sets one when it connects) becomes the one
    deferred to, instead of silently replacing ours.
    """
    global _previous  # noqa: PLW0603 - Xlib's process-wide handler (module docstring)
    previous = xlib.XSetIOErrorHandler(_HANDLER)
    if previous != _HANDLER_ADDRESS:
        _previous = _IOErrorHandler(previous) if previous else None


def is_broken(display: int) -> bool:
    """True once the connection of a guarded ``display`` has broken."""
    return _guarded.get(display, False)


def forget(display: int) -> None:
    """Stop tracking ``display`` (after ``XCloseDisplay``: its address may be reused)."""
    _guarded.pop(display, None)
    _enders.pop(display, None)
