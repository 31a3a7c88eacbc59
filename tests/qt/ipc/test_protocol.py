"""The wire protocol: encoding, validation and dispatch, without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, time, timedelta
from typing import Any

import pytest

from deskbreath.core.localtime import next_occurrence
from deskbreath.core.prompt_commands import PromptAction
from deskbreath.qt.ipc.protocol import (
    MAX_LINE,
    PROTOCOL_VERSION,
    ProtocolError,
    Request,
    decode_reply,
    decode_request,
    dispatch,
    encode_reply,
    encode_request,
)
from tests.fakes import START, ZONE
from tests.qt.ipc.conftest import ROOT, STATUS_DOCUMENT, RecordingTarget
from tests.support.waits import WAIT_S

ACTIVATION = "kwin-1234_TIME5678"
"""An XDG activation token as a desktop passes one to a command it starts."""
FOCUS = b'{"v": 1, "cmd": "prompt", "action": "focus"}'


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"cmd": "now"}, Request("now")),
        ({"cmd": "now", "exercise": "rotation"}, Request("now", exercise="rotation")),
        ({"cmd": "snooze"}, Request("snooze")),
        ({"cmd": "snooze", "seconds": 900}, Request("snooze", seconds=900.0)),
        ({"cmd": "pause"}, Request("pause")),
        ({"cmd": "pause", "seconds": 7200.5}, Request("pause", seconds=7200.5)),
        ({"cmd": "pause", "until": "14:30"}, Request("pause", until=time(14, 30))),
        ({"cmd": "pause", "until_tomorrow": True}, Request("pause", until_tomorrow=True)),
        ({"cmd": "resume"}, Request("resume")),
        ({"cmd": "status"}, Request("status")),
        ({"cmd": "settings"}, Request("settings")),
        ({"cmd": "show"}, Request("show")),
        ({"cmd": "quit"}, Request("quit")),
        ({"cmd": "prompt", "action": "start"}, Request("prompt", action=PromptAction.START)),
        ({"cmd": "prompt", "action": "snooze"}, Request("prompt", action=PromptAction.SNOOZE)),
        ({"cmd": "prompt", "action": "snooze", "seconds": 600},
         Request("prompt", seconds=600.0, action=PromptAction.SNOOZE)),
        ({"cmd": "prompt", "action": "skip"}, Request("prompt", action=PromptAction.SKIP)),
        ({"cmd": "prompt", "action": "focus"}, Request("prompt", action=PromptAction.FOCUS)),
        ({"cmd": "prompt", "action": "focus", "activation_token": ACTIVATION},
         Request("prompt", action=PromptAction.FOCUS, activation_token=ACTIVATION)),
    ],
)
def test_every_command_survives_an_encode_decode_round_trip(
    fields: dict[str, Any], expected: Request
) -> None:
    """encode_request followed by decode_request gives back the same request."""
    line = encode_request(fields)

    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert json.loads(line)["v"] == PROTOCOL_VERSION
    assert decode_request(line) == expected


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        (b"", "not JSON"),
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"cmd": "status"}', "protocol version"),
        (b'{"v": 2, "cmd": "status"}', "protocol version 2"),
        (b'{"v": true, "cmd": "status"}', "protocol version"),
        (b'{"v": 1}', '"cmd"'),
        (b'{"v": 1, "cmd": 5}', '"cmd"'),
        (b'{"v": 1, "cmd": "dance"}', "unknown command"),
        (b'{"v": 1, "cmd": "status", "json": true}', "does not take"),
        (b'{"v": 1, "cmd": "now", "exercise": "yoga"}', "unknown exercise"),
        (b'{"v": 1, "cmd": "now", "exercise": ["breathing"]}', "unknown exercise"),
        (b'{"v": 1, "cmd": "snooze", "seconds": "15m"}', "must be a number"),
        (b'{"v": 1, "cmd": "snooze", "seconds": true}', "must be a number"),
        (b'{"v": 1, "cmd": "snooze", "seconds": -5}', "above 0"),
        (b'{"v": 1, "cmd": "snooze", "seconds": 1e999}', "above 0"),
        (b'{"v": 1, "cmd": "snooze", "seconds": NaN}', "above 0"),
        (b'{"v": 1, "cmd": "snooze", "seconds": ' + b"9" * 401 + b"}", "above 0"),
        (b'{"v": 1, "cmd": "pause", "until": "25:00"}', "not a time of day"),
        (b'{"v": 1, "cmd": "pause", "until": 1430}', '"HH:MM" string'),
        (b'{"v": 1, "cmd": "pause", "until_tomorrow": 1}', "true or false"),
        (b'{"v": 1, "cmd": "pause", "seconds": 60, "until": "14:30"}', "at most one"),
        (b'{"v": 1, "cmd": "prompt"}', 'needs an "action"'),
        (b'{"v": 1, "cmd": "prompt", "action": "dance"}', "unknown prompt action"),
        (b'{"v": 1, "cmd": "prompt", "action": 1}', "unknown prompt action"),
        (b'{"v": 1, "cmd": "prompt", "action": "skip", "seconds": 60}', "goes with the snooze"),
        (b'{"v": 1, "cmd": "prompt", "action": "snooze", "seconds": 0}', "above 0"),
        ((FOCUS[:-1] + b', "activation_token": "t"}').replace(b"focus", b"start"),
         "goes with the focus"),
        (FOCUS[:-1] + b', "activation_token": 5}', "printable string"),
        (FOCUS[:-1] + b', "activation_token": ""}', "printable string"),
        (FOCUS[:-1] + b', "activation_token": "a\\nb"}', "printable string"),
        (FOCUS[:-1] + b', "activation_token": "' + b"t" * 1025 + b'"}', "at most 1024"),
        (b'{"v": 1, "cmd": "prompt", "action": "focus", "exercise": "breathing"}',
         "does not take"),
        (b"[" * 5000, "bytes long"),
        (b"[" * 3000 + b"]" * 3000, "bytes long"),
        (b"[" * 2000 + b"]" * 2000, "not JSON"),  # too deep for the JSON parser
    ],
)
def test_bad_requests_raise_protocol_errors_that_say_what_was_wrong(
    line: bytes, complaint: str
) -> None:
    """Every kind of malformed, oversized, unknown or wrong-typed request is a ProtocolError."""
    with pytest.raises(ProtocolError, match=complaint.replace("(", r"\(")):
        decode_request(line)


def test_a_line_of_exactly_max_line_bytes_is_accepted() -> None:
    """The size limit counts the request itself, not the newline."""
    body = encode_request({"cmd": "status"})[:-1]
    padded = body[:-1] + b" " * (MAX_LINE - len(body)) + b"}"

    assert len(padded) == MAX_LINE
    assert decode_request(padded + b"\n") == Request("status")


@pytest.mark.parametrize(
    "reply",
    [
        {"ok": True, "message": "Snoozed."},
        {"ok": True, "message": "Running", "status": STATUS_DOCUMENT},
        {"ok": False, "error": "nope"},
    ],
)
def test_replies_survive_an_encode_decode_round_trip(reply: dict[str, Any]) -> None:
    """encode_reply adds the version and decode_reply gives the same fields back."""
    assert decode_reply(encode_reply(reply)) == {"v": PROTOCOL_VERSION, **reply}


@pytest.mark.parametrize(
    "line",
    [b'{"v": 1, "ok": true}', b'{"v": 1, "ok": "yes", "message": "x"}', b'{"v": 1, "ok": false}',
     b'{"v": 1, "ok": true, "message": "x", "status": 3}', b'{"ok": true, "message": "x"}'],
)
def test_malformed_replies_are_rejected(line: bytes) -> None:
    """A client does not mistake a broken reply for an answer."""
    with pytest.raises(ProtocolError):
        decode_reply(line)


@pytest.mark.parametrize(
    ("request_", "call"),
    [
        (Request("now"), ("start_now", {"exercise": None})),
        (Request("now", exercise="posture"), ("start_now", {"exercise": "posture"})),
        (Request("snooze"), ("snooze", {"seconds": None})),
        (Request("snooze", seconds=600.0), ("snooze", {"seconds": 600.0})),
        (Request("pause"), ("pause", {"seconds": None, "until": None, "until_tomorrow": False})),
        (Request("pause", seconds=60.0),
         ("pause", {"seconds": 60.0, "until": None, "until_tomorrow": False})),
        (Request("pause", until_tomorrow=True),
         ("pause", {"seconds": None, "until": None, "until_tomorrow": True})),
        (Request("resume"), ("resume", {})),
        (Request("settings"), ("open_settings", {})),
        (Request("statistics"), ("open_statistics", {})),
        (Request("save"), ("save_progress", {})),
        (Request("show"), ("show", {})),
        (Request("quit"), ("quit", {})),
        (Request("prompt", action=PromptAction.START), ("prompt_start", {})),
        (Request("prompt", action=PromptAction.SNOOZE), ("prompt_snooze", {"seconds": None})),
        (Request("prompt", seconds=300.0, action=PromptAction.SNOOZE),
         ("prompt_snooze", {"seconds": 300.0})),
        (Request("prompt", action=PromptAction.SKIP), ("prompt_skip", {})),
        (Request("prompt", action=PromptAction.FOCUS), ("prompt_focus", {"token": None})),
        (Request("prompt", action=PromptAction.FOCUS, activation_token=ACTIVATION),
         ("prompt_focus", {"token": ACTIVATION})),
    ],
)
def test_dispatch_calls_the_matching_target_method(
    request_: Request, call: tuple[str, dict[str, Any]]
) -> None:
    """Each command reaches exactly one CommandTarget method with its arguments."""
    target = RecordingTarget()

    reply = dispatch(request_, target, START, ZONE)

    assert target.calls == [call]
    assert reply == {"v": PROTOCOL_VERSION, "ok": True, "message": f"did {call[0]}"}


def test_dispatch_status_returns_the_document_and_a_summary_line() -> None:
    """The status reply carries the status --json document unchanged plus a line for people."""
    reply = dispatch(Request("status"), RecordingTarget(), START, ZONE)

    assert reply["ok"] is True
    assert reply["status"] == STATUS_DOCUMENT
    assert reply["message"] == (
        "Running · sitting 47 min · breathing in 8 min (09:08) · idle backend: X11 MIT-SCREEN-SAVER"
    )


@pytest.mark.parametrize(
    ("clock_time", "expected"),
    [
        (time(14, 30), START.replace(hour=14, minute=30)),
        (time(8, 0), START.replace(hour=8) + timedelta(days=1)),
        (time(9, 0), START + timedelta(days=1)),  # "now" itself is not in the future
    ],
)
def test_pause_until_is_the_next_occurrence_of_that_time(
    clock_time: time, expected: datetime
) -> None:
    """--until HH:MM means today if that time is still ahead, otherwise tomorrow."""
    target = RecordingTarget()

    dispatch(Request("pause", until=clock_time), target, START, ZONE)

    assert next_occurrence(clock_time, START, ZONE) == expected
    assert target.calls == [("pause", {"seconds": None, "until": expected,
                                       "until_tomorrow": False})]


def test_a_refused_command_becomes_an_error_reply() -> None:
    """CommandError's message reaches the client as the reply's error."""
    target = RecordingTarget()
    target.refuse = "not paused"

    assert dispatch(Request("resume"), target, START, ZONE) == {
        "v": PROTOCOL_VERSION, "ok": False, "error": "not paused"}


def test_a_crashing_command_becomes_an_error_reply_not_an_exception() -> None:
    """A bug in the target is logged and answered; dispatch itself never raises."""
    class CrashingTarget(RecordingTarget):
        def start_now(self, exercise: str | None) -> str:
            raise ZeroDivisionError("a bug")

    reply = dispatch(Request("now"), CrashingTarget(), START, ZONE)

    assert reply["ok"] is False
    assert "internal error" in reply["error"]


@pytest.mark.parametrize("module", ["deskbreath.qt.ipc.protocol", "deskbreath.cli"])
def test_protocol_and_cli_modules_do_not_load_qt(module: str) -> None:
    """The protocol is Qt-free, and the CLI loads Qt only when it talks to the app."""
    code = f"import sys, {module}; print(any(m.startswith('PySide6') for m in sys.modules))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=WAIT_S, check=True)

    assert result.stdout.strip() == "False"
