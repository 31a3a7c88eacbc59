"""What idle backends share: failure bookkeeping, a polling base class, the null fallback.

The :class:`~deskbreath.core.idle.IdleSource` protocol, and the threading and failure
contracts every backend keeps, are in :mod:`deskbreath.core.idle`, beside the code that
depends on them.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class BackendUnavailable(Exception):  # noqa: N818  # the name reads as the state it reports
    """A backend cannot work in this session; ``reason`` says why, for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FailureCount:
    """Turns errors into a ``healthy`` flag: a few failures in a row mean the backend is gone.

    One failed query is often transient (a busy service, a timeout during suspend), so it
    only costs one ``None`` answer; ``limit`` failures in a row without a success mean the
    backend should be replaced.
    """

    def __init__(self, backend: str, limit: int = 3) -> None:
        self._backend = backend
        self._limit = limit
        self._in_a_row = 0
        self.last_error: str | None = None

    @property
    def healthy(self) -> bool:
        """False once ``limit`` failures came in a row without a success."""
        return self._in_a_row < self._limit

    def succeeded(self) -> None:
        """Reset the count of failures in a row."""
        self._in_a_row = 0

    def failed(self, error: str) -> None:
        """Count one failure and log it (a warning when the backend just became unhealthy)."""
        self._in_a_row += 1
        self.last_error = error
        if self._in_a_row == self._limit:
            log.warning("%s failed %d times in a row, last: %s; it should be replaced",
                        self._backend, self._in_a_row, error)
        else:
            log.info("%s query failed (%d in a row): %s", self._backend, self._in_a_row, error)


class PollFailed(Exception):  # noqa: N818  # the name reads as the event it reports
    """One query of a polled backend failed; the message says how, for the log."""


class PolledIdleSource:
    """Base for backends that ask the system on every :meth:`idle_seconds` call.

    It owns the failure bookkeeping every such backend needs, so each one only says how to
    ask: a subclass implements :meth:`_poll`, which returns the idle seconds or raises
    :class:`PollFailed`. A failure costs one ``None`` answer and counts towards ``healthy``;
    a success resets the count.

    Args:
        name: the backend's name, for :attr:`name` and the log.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._failures = FailureCount(name)

    @property
    def name(self) -> str:
        """The name given at construction."""
        return self._name

    @property
    def healthy(self) -> bool:
        """False after three failed polls in a row without a success."""
        return self._failures.healthy

    def idle_seconds(self) -> float | None:
        """:meth:`_poll`'s seconds; None when it failed (counted towards ``healthy``)."""
        try:
            seconds = self._poll()
        except PollFailed as error:
            self._failures.failed(str(error))
            return None
        self._failures.succeeded()
        return seconds

    def close(self) -> None:
        """Nothing to release; a subclass with a connection closes it."""

    def _poll(self) -> float:
        """Seconds since the last user input.

        Raises:
            PollFailed: the system could not tell this time.
        """
        raise NotImplementedError


class NullIdleSource:
    """The fallback when no backend works: it never knows the idle time.

    So sitting time counts while the session runs. It says it is a fallback, so the
    diagnostics view can warn about it.
    """

    is_fallback = True

    def __init__(self, reason: str = "no idle backend available") -> None:
        self.reason = reason

    @property
    def name(self) -> str:
        """``none (<reason>)``, for diagnostics."""
        return f"none ({self.reason})"

    def idle_seconds(self) -> float | None:
        """Always None: no backend can tell."""
        return None

    def close(self) -> None:
        """Nothing to release."""
