"""Wayland idle time from ``ext-idle-notify-v1`` through the optional ``pywayland``.

Works on compositors that offer ``ext_idle_notifier_v1`` (KWin 5.27+, sway 1.8+, Hyprland,
…); GNOME does not, and is served by the Mutter backend instead. Install with
``pip install deskbreath[wayland]``. The PyPI wheels of pywayland (0.4.17 and 0.4.19 checked)
ship generated ``pywayland.protocol.ext_idle_notify_v1`` bindings, so nothing is generated at
run time. A pywayland built from source generates its protocol modules from the
wayland-protocols found at build time; one without ``ext_idle_notify_v1`` makes this backend
unavailable, and says so.

The protocol only reports *crossings*: ``idled`` once the seat has been idle for the
notification's timeout, ``resumed`` at the next input. So the idle time is exact while idle
(timeout + time since ``idled``) and reported as 0 while active (a pause shorter than the
timeout counts as activity, which is a few seconds against a natural break of minutes).

Event loop choice: this module stays Qt-free. The connection is read without blocking
(``poll`` with a zero timeout, then dispatch) from ``idle_seconds()`` and from :meth:`pump`;
events are stamped when they are read. The composition root attaches
:class:`~deskbreath.desktop.idle.wayland_events.WaylandActivityEvents` as
:attr:`WaylandIdleSource.activity_events`: a Qt socket notifier on :meth:`fileno` that calls
:meth:`pump`, so events are stamped on arrival, and the user's return (``resumed``) and the
natural break (a second notification, :meth:`WaylandIdleSource.notify_after`) as events, so an
idle user is not polled.

Tested against a real compositor: tests/desktop/idle/test_wayland_kwin.py runs KWin 5.27
(``kwin_wayland --virtual``), sees ``idled`` after the timeout, ``resumed`` after pointer input
from ``org_kde_kwin_fake_input``, the activity events firing at input and at the threshold,
and the backend turning unhealthy when KWin exits.
tests/desktop/idle/test_wayland.py covers the unavailable paths and the idle arithmetic
(:class:`IdleNotifyState`) with a fake clock.
"""

from __future__ import annotations

import importlib
import math
import select
import time
from collections.abc import Callable
from typing import Any

from deskbreath.core.idle import ClosableActivityEvents
from deskbreath.desktop.idle.base import BackendUnavailable, FailureCount

NAME = "Wayland ext-idle-notify-v1"
INSTALL_HINT = "install deskbreath[wayland] for ext-idle-notify-v1"
DEFAULT_TIMEOUT_MS = 5_000
ANSWER_TIMEOUT_S = 3.0
"""How long start-up waits for the compositor to list its globals. libwayland's own
``roundtrip()`` waits forever, and a stuck compositor must not stop the app from starting."""


def _readable(fd: int, timeout_s: float) -> bool:
    """Whether ``fd`` has something to read within ``timeout_s``.

    Uses poll, not select: select cannot watch a descriptor numbered 1024 or more.
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(max(0, math.ceil(timeout_s * 1000))))


class IdleNotifyState:
    """Idle time from ``idled``/``resumed`` crossings of one notification.

    Args:
        timeout_s: the notification's timeout: ``idled`` comes this long after the last input.
    """

    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._idled_at: float | None = None

    def idled(self, now: float) -> None:
        """Record that ``idled`` arrived at ``now`` (monotonic seconds)."""
        self._idled_at = now

    def resumed(self, now: float) -> None:  # noqa: ARG002  # same shape as idled()
        """Forget the ``idled``: input came."""
        self._idled_at = None

    @property
    def idle(self) -> bool:
        """Whether ``idled`` came and no ``resumed`` since."""
        return self._idled_at is not None

    def idle_seconds(self, now: float) -> float:
        """The timeout plus the seconds since ``idled``; 0 while active."""
        if self._idled_at is None:
            return 0.0
        return self._timeout_s + max(0.0, now - self._idled_at)


def _import_pywayland() -> tuple[Any, Any, Any]:
    """Pywayland's Display, WlSeat and ExtIdleNotifierV1, imported only when needed."""
    try:
        display = importlib.import_module("pywayland.client").Display
        seat = importlib.import_module("pywayland.protocol.wayland").WlSeat
    except ImportError as error:
        raise BackendUnavailable(INSTALL_HINT) from error
    try:
        notifier = importlib.import_module(
            "pywayland.protocol.ext_idle_notify_v1").ExtIdleNotifierV1
    except (ImportError, AttributeError) as error:
        raise BackendUnavailable(
            "this pywayland build ships no ext_idle_notify_v1 bindings (it was built "
            "without wayland-protocols 1.27+); rebuild pywayland against newer "
            "wayland-protocols") from error
    return display, seat, notifier


class WaylandIdleSource:
    """Idle time from an ``ext_idle_notification_v1`` on the compositor's first seat.

    Args:
        display: the Wayland display name (``WAYLAND_DISPLAY``), None for the default.
        timeout_ms: the notification timeout, i.e. the resolution of short pauses.
        monotonic: the clock that stamps events (injectable for tests).
        answer_timeout_s: how long to wait for the compositor's list of globals.

    Attributes:
        activity_events: the user's return and the natural break as events, or None (the
            default: the idle time is polled). Closed with the source.
        on_resumed: called after the notification's ``resumed`` was read (input came), or
            None. It runs inside :meth:`pump`: it must not read the connection itself.

    Raises:
        BackendUnavailable: pywayland or its ext-idle-notify bindings are missing, the display
            cannot be reached or does not answer in time, or the compositor lacks
            ``ext_idle_notifier_v1`` or a seat.
    """

    def __init__(self, display: str | None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS,
                 monotonic: Callable[[], float] = time.monotonic,
                 answer_timeout_s: float = ANSWER_TIMEOUT_S) -> None:
        display_class, seat_class, notifier_class = _import_pywayland()
        self.activity_events: ClosableActivityEvents | None = None
        self.on_resumed: Callable[[], None] | None = None
        self._monotonic = monotonic
        self._read_failed = False
        self._failures = FailureCount(NAME)
        self._state = IdleNotifyState(timeout_ms / 1000.0)
        self._display: Any = display_class(display)
        try:
            self._display.connect()
        except ValueError as error:
            self._display = None
            raise BackendUnavailable(f"cannot connect to Wayland display {display!r}") from error
        globals_: dict[str, Any] = {}

        def on_global(registry: Any, name: int, interface: str, version: int) -> None:
            if interface == "ext_idle_notifier_v1" and "notifier" not in globals_:
                globals_["notifier"] = registry.bind(name, notifier_class, 1)
            elif interface == "wl_seat" and "seat" not in globals_:
                globals_["seat"] = registry.bind(name, seat_class, min(version, 1))

        registry = self._display.get_registry()
        registry.dispatcher["global"] = on_global
        self._roundtrip(answer_timeout_s)
        if "notifier" not in globals_ or "seat" not in globals_:
            missing = "ext_idle_notifier_v1" if "notifier" not in globals_ else "a wl_seat"
            self.close()
            raise BackendUnavailable(f"the compositor does not offer {missing}")
        notification = globals_["notifier"].get_idle_notification(timeout_ms, globals_["seat"])
        notification.dispatcher["idled"] = lambda _n: self._state.idled(self._monotonic())
        notification.dispatcher["resumed"] = self._on_resumed
        self._objects = (registry, globals_["seat"], globals_["notifier"], notification)
        self._display.flush()

    def _on_resumed(self, _notification: Any) -> None:
        self._state.resumed(self._monotonic())
        if self.on_resumed is not None:
            self.on_resumed()

    def _roundtrip(self, timeout_s: float) -> None:
        """``wl_display.sync`` and wait for its ``done``, at most ``timeout_s``.

        Everything the compositor sent before it (the registry's globals) has been dispatched
        by then.
        """
        done: list[bool] = []
        callback = self._display.sync()
        callback.dispatcher["done"] = lambda *_args: done.append(True)
        deadline = time.monotonic() + timeout_s
        try:
            while not done:
                self._display.flush()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BackendUnavailable(
                        f"the Wayland compositor did not answer within {timeout_s:g} s")
                if _readable(self.fileno(), remaining):
                    self._display.read()
                self._display.dispatch()
        except (RuntimeError, OSError) as error:  # the compositor hung up or sent an error
            self.close()
            raise BackendUnavailable(f"lost the Wayland connection: {error}") from error
        except BackendUnavailable:
            self.close()
            raise

    @property
    def name(self) -> str:
        """:data:`NAME`."""
        return NAME

    @property
    def healthy(self) -> bool:
        """False once closed, or after three lost reads in a row."""
        return self._display is not None and self._failures.healthy

    @property
    def connected(self) -> bool:
        """False once closed, or while the last read of the connection failed."""
        return self._display is not None and not self._read_failed

    @property
    def idle(self) -> bool:
        """Whether the seat is idle as of the last read: ``idled`` came, no ``resumed`` since."""
        return self._state.idle

    def fileno(self) -> int:
        """The connection's fd, for a Qt socket notifier that calls :meth:`pump`."""
        if self._display is None:
            return -1
        return int(self._display.get_fd())

    def pump(self) -> None:
        """Read and dispatch whatever the compositor sent, without blocking."""
        if self._display is None:
            return
        try:
            if _readable(self.fileno(), 0.0):
                # read() queues what arrived (libwayland reads without blocking);
                # dispatch() without block=True runs the queued handlers.
                self._display.read()
            self._display.dispatch()
        except (RuntimeError, OSError) as error:
            # pywayland raises RuntimeError when the compositor closed the connection or
            # sent a protocol error; poll raises OSError for a bad fd.
            self._read_failed = True
            self._failures.failed(f"lost the Wayland connection: {error}")
            return
        self._display.flush()
        self._read_failed = False
        self._failures.succeeded()

    def notify_after(self, timeout_ms: int, idled: Callable[[], None]) -> IdleAlarm | None:
        """A second ``ext_idle_notification_v1``: ``idled`` runs at its ``idled`` event.

        The compositor counts its timeout from the notification's creation (or from the
        last input after it), not from the last input before it: checked against KWin 5.27,
        whose ``IdleDetector`` starts its timer when it is created (a 2 s notification made
        while the seat had been idle 3 s sent ``idled`` 2.05 s later); wlroots'
        ``wlr_idle_notifier_v1`` (sway, …) arms its timer at creation too (read in its
        source, not run here: Debian 12's sway predates the protocol). KWin's timer is a coarse
        ``QTimer``, which may fire up to 5 % early (a 7.3 s one came after 7.0 s): callers
        check the idle time when it comes.

        Args:
            timeout_ms: the notification's timeout, at least 1 ms.
            idled: called at ``idled``, inside :meth:`pump` (it must not read the
                connection itself); never after :meth:`IdleAlarm.destroy`.

        Returns:
            The notification, or None when the connection is closed or lost.
        """
        if not self.connected:
            return None
        notifier, seat = self._objects[2], self._objects[1]
        try:
            proxy = notifier.get_idle_notification(max(1, timeout_ms), seat)
            alarm = IdleAlarm(self._display, proxy, idled)
            self._display.flush()
        except (RuntimeError, OSError) as error:
            self._read_failed = True
            self._failures.failed(f"lost the Wayland connection: {error}")
            return None
        return alarm

    def idle_seconds(self) -> float | None:
        """Read pending events, then the idle seconds; None once closed, or when the read failed."""
        if self._display is None:
            return None
        self.pump()
        if self._read_failed:
            return None
        return self._state.idle_seconds(self._monotonic())

    def close(self) -> None:
        """Close the activity events, then disconnect from the compositor. Safe to call twice."""
        if self.activity_events is not None:
            self.activity_events.close()
        if self._display is not None:
            self._display.disconnect()
            self._display = None


class IdleAlarm:
    """One extra ``ext_idle_notification_v1`` (:meth:`WaylandIdleSource.notify_after`).

    Args:
        display: the pywayland display it was created on.
        proxy: the notification's pywayland proxy.
        idled: called once at its ``idled`` event, unless destroyed before.
    """

    def __init__(self, display: Any, proxy: Any, idled: Callable[[], None]) -> None:
        self._display = display
        self._proxy: Any = proxy
        self._idled: Callable[[], None] | None = idled
        proxy.dispatcher["idled"] = self._on_idled

    def destroy(self) -> None:
        """Send the ``destroy`` request; ``idled`` will not run. Safe to call twice.

        An ``idled`` already on its way is dropped by libwayland (the proxy is gone).
        """
        self._idled = None
        proxy, self._proxy = self._proxy, None
        if proxy is None or proxy.destroyed:  # destroyed with the display's disconnect
            return
        try:
            proxy.destroy()
            self._display.flush()
        except (RuntimeError, OSError, ValueError):  # the connection is gone: nothing to destroy
            pass

    def _on_idled(self, _proxy: Any) -> None:
        idled, self._idled = self._idled, None
        if idled is not None:
            idled()
