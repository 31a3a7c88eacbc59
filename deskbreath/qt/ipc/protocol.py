r"""The command protocol between ``deskbreath <command>`` and the running app (Qt-free).

Why a protocol of its own: the CLI process is short-lived and the app must never crash or
hang because of what arrives on its socket, so every request is validated here, before any
controller code sees it. The socket itself lives in :mod:`deskbreath.qt.ipc.server`.

Wire format (version 1)
-----------------------
One JSON object per line, UTF-8, ``\n``-terminated, at most :data:`MAX_LINE` bytes
(without the newline). A client may send several requests on one connection; each gets
exactly one reply line, in order. Blank lines are ignored. A connection that sends no
complete request for a few seconds gets an error reply and is closed; so does one that
sends a line longer than :data:`MAX_LINE`.

Requests carry ``"v": 1`` and a ``"cmd"``; unknown fields are errors::

    {"v": 1, "cmd": "now", "exercise": "breathing"}   # exercise: a catalogue id, or null
    {"v": 1, "cmd": "snooze", "seconds": 900}          # seconds: number > 0, or null = first choice
    {"v": 1, "cmd": "pause", "seconds": 3600}          # at most one of seconds / until /
    {"v": 1, "cmd": "pause", "until": "14:30"}         #   until_tomorrow; none = until resumed.
    {"v": 1, "cmd": "pause", "until_tomorrow": true}   #   "until" is the next such local time.
    {"v": 1, "cmd": "resume"}
    {"v": 1, "cmd": "status"}
    {"v": 1, "cmd": "settings"}                        # open the settings dialog
    {"v": 1, "cmd": "statistics"}                      # open the statistics window
    {"v": 1, "cmd": "save"}                            # record the bout under way as of now
    {"v": 1, "cmd": "show"}                            # show the status window / tray message
    {"v": 1, "cmd": "quit"}
    {"v": 1, "cmd": "prompt", "action": "start"}       # the prompt on screen: start, skip,
    {"v": 1, "cmd": "prompt", "action": "snooze", "seconds": 900}  # snooze, focus; seconds
    {"v": 1, "cmd": "prompt", "action": "focus", "activation_token": "…"}  # as for snooze;
                                                       # activation_token: XDG_ACTIVATION_TOKEN

Replies::

    {"v": 1, "ok": true, "message": "Snoozed for 15 min."}
    {"v": 1, "ok": true, "message": "Running · sitting 47 min · …", "status": {…}}  # status
    {"v": 1, "ok": false, "error": "unknown command 'dance'; known: now, snooze, …"}
    {"v": 1, "ok": false, "error": "too many clients; try again", "busy": true}

``busy`` marks the reply of an app whose client slots are all taken: it was sent before the
request was read, so nothing was done, and the client may send it again a little later.

``status`` is the ``deskbreath status --json`` document (:func:`deskbreath.core.report.
status_document`). A request with a different ``"v"`` gets an error reply naming the version
this app speaks.

Wording: ``message`` and the errors a person using deskbreath can meet (a command refused, a
version mismatch after an upgrade, an internal error) are in the user's language. Errors
about malformed wire data (a wrong field, type or length), which only the author of another
client meets, stay English, like log lines.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from typing import Any

from deskbreath.core.commands import CommandError, CommandTarget
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.localtime import next_occurrence
from deskbreath.core.prompt_commands import PromptAction
from deskbreath.core.settings.values import Invalid, parse_clock
from deskbreath.core.wording import status_summary
from deskbreath.i18n import _

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_LINE = 4096
"""Longest request line in bytes, without the newline. Requests are tiny; the limit only
stops a runaway client from growing the app's buffers."""
MAX_REPLY = 64 * 1024
"""Longest reply line the client accepts (a status reply is well under 1 KiB)."""
MAX_SECONDS = 366 * 24 * 3600.0
"""Longest snooze or pause a request may ask for (a year; longer is a typo)."""

COMMANDS: dict[str, frozenset[str]] = {
    "now": frozenset({"exercise"}),
    "snooze": frozenset({"seconds"}),
    "pause": frozenset({"seconds", "until", "until_tomorrow"}),
    "resume": frozenset(),
    "status": frozenset(),
    "settings": frozenset(),
    "statistics": frozenset(),
    "save": frozenset(),
    "show": frozenset(),
    "quit": frozenset(),
    "prompt": frozenset({"action", "seconds", "activation_token"}),
}
"""Each command and the fields it accepts besides ``v`` and ``cmd`` (``prompt`` needs its
``action``; every other field is optional)."""
MAX_TOKEN = 1024
"""Longest activation token a ``prompt focus`` request may carry (real ones are under 100
characters: a UUID on KDE, a short string on GNOME)."""

class ProtocolError(ValueError):
    """A request or reply that breaks the protocol; the message says what was wrong."""


@dataclass(frozen=True)
class Request:
    """A validated request. Only the fields of its command are ever set."""

    cmd: str
    exercise: str | None = None
    seconds: float | None = None
    until: time | None = None
    until_tomorrow: bool = False
    action: PromptAction | None = None
    activation_token: str | None = None


def parse_clock_time(text: str) -> time:
    """``"14:30"`` → ``time(14, 30)``.

    Raises:
        ValueError: not a 24-hour ``HH:MM`` time; the message shows the right form.
    """
    try:
        return parse_clock(text)  # the settings file's rule, so "until" and day_start agree
    except Invalid:
        raise ValueError(
            _("%(text)s is not a time of day; write it like 14:30 (24-hour HH:MM)")
            % {"text": repr(text)}
        ) from None


def encode_request(fields: Mapping[str, Any]) -> bytes:
    """One request line: ``fields`` (at least ``cmd``) plus the protocol version."""
    return _encode({"v": PROTOCOL_VERSION, **fields})


def decode_request(line: bytes, exercise_ids: Collection[str] | None = None) -> Request:
    """Validate one request line (with or without its newline).

    Args:
        line: the request line.
        exercise_ids: the exercises ``now`` may name (a catalogue's ids); the shipped
            catalogue's if not given.

    Raises:
        ProtocolError: oversized, not UTF-8, not a JSON object, wrong version, unknown
            command or field, or a field of the wrong type or range.
    """
    data = _decode_object(line, "request", MAX_LINE)
    command = data.get("cmd")
    if not isinstance(command, str):
        raise ProtocolError(f'a request needs a "cmd" string; got {_short(command)}')
    if command not in COMMANDS:
        known = ", ".join(COMMANDS)
        raise ProtocolError(f"unknown command {_short(command)}; known: {known}")
    extra = set(data) - {"v", "cmd"} - COMMANDS[command]
    if extra:
        raise ProtocolError(f"{command!r} does not take {', '.join(sorted(map(repr, extra)))}")

    exercise = data.get("exercise")
    ids = packaged_catalogue().ids if exercise_ids is None else exercise_ids
    if exercise is not None and (not isinstance(exercise, str) or exercise not in ids):
        raise ProtocolError(
            f"unknown exercise {_short(exercise)}; choose one of {', '.join(ids)}"
        )
    seconds = _seconds(data.get("seconds"))
    until_text = data.get("until")
    until: time | None = None
    if until_text is not None:
        if not isinstance(until_text, str):
            raise ProtocolError(f'"until" must be an "HH:MM" string; got {_short(until_text)}')
        try:
            until = parse_clock_time(until_text)
        except ValueError as error:
            raise ProtocolError(str(error)) from None
    until_tomorrow = data.get("until_tomorrow", False)
    if not isinstance(until_tomorrow, bool):
        raise ProtocolError(f'"until_tomorrow" must be true or false; got {_short(until_tomorrow)}')
    if sum((seconds is not None, until is not None, until_tomorrow)) > 1:
        raise ProtocolError('pause takes at most one of "seconds", "until", "until_tomorrow"')
    action, token = _prompt_fields(command, data, seconds)
    return Request(command, exercise, seconds, until, until_tomorrow, action, token)


def _prompt_fields(command: str, data: Mapping[str, Any],
                   seconds: float | None) -> tuple[PromptAction | None, str | None]:
    """The ``prompt`` command's action and token, checked; (None, None) for other commands."""
    if command != "prompt":
        return None, None
    known = ", ".join(PromptAction)
    if "action" not in data:
        raise ProtocolError(f'"prompt" needs an "action": one of {known}')
    try:
        action = PromptAction(data["action"])
    except ValueError:
        raise ProtocolError(
            f'unknown prompt action {_short(data["action"])}; known: {known}') from None
    if seconds is not None and action is not PromptAction.SNOOZE:
        raise ProtocolError(f'"seconds" goes with the snooze action, not {action.value!r}')
    token = data.get("activation_token")
    if token is not None:
        if action is not PromptAction.FOCUS:
            raise ProtocolError(
                f'"activation_token" goes with the focus action, not {action.value!r}')
        if (not isinstance(token, str) or not token or len(token) > MAX_TOKEN
                or not token.isprintable()):
            raise ProtocolError(
                f'"activation_token" must be a non-empty printable string of at most '
                f"{MAX_TOKEN} characters; got {_short(token)}")
    return action, token


def encode_reply(reply: Mapping[str, Any]) -> bytes:
    """One reply line. Replies built by :func:`dispatch` already carry the version."""
    return _encode({"v": PROTOCOL_VERSION, **reply})


def decode_reply(line: bytes) -> dict[str, Any]:
    """Check one reply line and return it as a dict with ``ok`` and ``message`` or ``error``.

    Raises:
        ProtocolError: not a well-formed version-1 reply.
    """
    data = _decode_object(line, "reply", MAX_REPLY)
    ok = data.get("ok")
    if ok is True and isinstance(data.get("message"), str):
        if "status" in data and not isinstance(data["status"], dict):
            raise ProtocolError('a reply\'s "status" must be an object')
        return data
    if ok is False and isinstance(data.get("error"), str):
        return data
    raise ProtocolError(f"not a deskbreath reply: {_short(data)}")


def error_reply(message: str) -> dict[str, Any]:
    """The reply for a request that could not be carried out."""
    return {"v": PROTOCOL_VERSION, "ok": False, "error": message}


def busy_reply() -> dict[str, Any]:
    """The reply to a client that found every slot taken; its request was not read."""
    return {**error_reply(_("too many clients; try again")), "busy": True}


def is_busy(reply: Mapping[str, Any]) -> bool:
    """True for :func:`busy_reply`: nothing was done, and trying again later is safe."""
    return reply.get("ok") is False and reply.get("busy") is True


def dispatch(request: Request, target: CommandTarget, now: datetime,
             zone: tzinfo, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """Carry out one request on ``target`` and build its reply.

    ``now`` and the local ``zone`` turn ``"until": "14:30"`` into the next moment the wall
    clock shows 14:30.

    ``catalogue`` names the exercises in the status summary (the shipped one if not given).

    Never raises: a :class:`CommandError` becomes an error reply with its message; any other
    exception is logged with its traceback and reported as an internal error, so a bug in
    one command cannot take the app down through its socket.
    """
    try:
        return _carry_out(request, target, now, zone, catalogue or packaged_catalogue())
    except CommandError as error:
        return error_reply(str(error))
    except Exception as error:
        log.exception("command %r failed", request.cmd)
        return error_reply(_("internal error while running %(command)s: %(error)s")
                           % {"command": repr(request.cmd), "error": error})


def _carry_out(request: Request, target: CommandTarget, now: datetime, zone: tzinfo,
               catalogue: Catalogue) -> dict[str, Any]:
    message: str
    if request.cmd == "now":
        message = target.start_now(request.exercise)
    elif request.cmd == "snooze":
        message = target.snooze(request.seconds)
    elif request.cmd == "pause":
        until = None if request.until is None else next_occurrence(request.until, now, zone)
        message = target.pause(
            seconds=request.seconds, until=until, until_tomorrow=request.until_tomorrow
        )
    elif request.cmd == "resume":
        message = target.resume()
    elif request.cmd == "status":
        document = target.status()
        return {"v": PROTOCOL_VERSION, "ok": True,
                "message": status_summary(document, now, catalogue), "status": document}
    elif request.cmd == "settings":
        message = target.open_settings()
    elif request.cmd == "statistics":
        message = target.open_statistics()
    elif request.cmd == "save":
        message = target.save_progress()
    elif request.cmd == "show":
        message = target.show()
    elif request.cmd == "quit":
        message = target.quit()
    elif request.cmd == "prompt":
        message = _prompt(request, target)
    else:  # decode_request only lets known commands through
        raise CommandError(f"unknown command {request.cmd!r}")
    return {"v": PROTOCOL_VERSION, "ok": True, "message": message}


def _prompt(request: Request, target: CommandTarget) -> str:
    if request.action is PromptAction.START:
        return target.prompt_start()
    if request.action is PromptAction.SNOOZE:
        return target.prompt_snooze(request.seconds)
    if request.action is PromptAction.SKIP:
        return target.prompt_skip()
    if request.action is PromptAction.FOCUS:
        return target.prompt_focus(request.activation_token)
    raise CommandError(f"unknown prompt action {request.action!r}")  # decode_request checks


def _encode(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _decode_object(line: bytes, what: str, limit: int) -> dict[str, Any]:
    body = line[:-1] if line.endswith(b"\n") else line
    if len(body) > limit:
        raise ProtocolError(f"{what} is {len(body)} bytes long; the limit is {limit}")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProtocolError(f"{what} is not UTF-8 text") from None
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"{what} is not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ProtocolError(f"{what} must be a JSON object; got {_short(data)}")
    version = data.get("v")
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise ProtocolError(
            _("unsupported protocol version %(got)s; this deskbreath speaks %(version)d (is the "
              "running app a different deskbreath version?)")
            % {"got": _short(version), "version": PROTOCOL_VERSION}
        )
    return data


def _seconds(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProtocolError(f'"seconds" must be a number; got {_short(value)}')
    try:
        seconds = float(value)
    except OverflowError:  # an integer with hundreds of digits
        seconds = math.inf
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
        raise ProtocolError(
            f'"seconds" must be above 0 and at most {MAX_SECONDS:.0f}; got {_short(value)}'
        )
    return seconds


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 60 else text[:57] + "…"
