"""Fuzzing a live command server: whatever arrives, the app answers and keeps serving."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from deskbreath.qt.ipc.protocol import COMMANDS, MAX_LINE, encode_request
from deskbreath.qt.ipc.server import IpcServer
from tests.qt.ipc.conftest import STATUS_DOCUMENT, LineClient
from tests.support.waits import WAIT_MS

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=8,
)
WRONG_TYPES = st.fixed_dictionaries(
    {"v": st.just(1) | JSON_VALUES, "cmd": st.sampled_from(sorted(COMMANDS)) | JSON_VALUES},
    optional=dict.fromkeys(("exercise", "seconds", "until", "until_tomorrow", "x"), JSON_VALUES),
).map(lambda fields: json.dumps(fields).encode() + b"\n")
GOOD_REQUESTS: list[dict[str, Any]] = [
    {"cmd": "status"}, {"cmd": "now", "exercise": "posture"}, {"cmd": "snooze", "seconds": 60},
    {"cmd": "pause", "until": "18:00"}, {"cmd": "resume"}, {"cmd": "show"},
]
VALID = st.sampled_from(GOOD_REQUESTS).map(encode_request)
CHUNKS = st.one_of(
    st.binary(max_size=200),                                             # random bytes
    st.text(max_size=80).map(lambda text: text.encode() + b"\n"),       # bad JSON
    WRONG_TYPES,                                                         # wrong types
    VALID,                                                               # good requests
    VALID.flatmap(lambda line: st.integers(1, len(line) - 1).map(lambda cut: line[:cut])),
    st.integers(MAX_LINE - 2, MAX_LINE * 2).map(lambda size: b"x" * size),  # huge lines
    st.integers(MAX_LINE - 2, MAX_LINE + 2).map(lambda size: b"y" * size + b"\n"),
)
STATUS_LINE = encode_request({"cmd": "status"})


def expected_replies(stream: bytes) -> tuple[int, bool]:
    """How many replies the server owes for ``stream``, and whether it then hangs up.

    The model of the documented rules: each complete non-blank line of at most MAX_LINE bytes
    gets one reply; the first longer line (complete or not) gets one error and a hang-up.
    """
    replies, rest = 0, stream
    while 0 <= (end := rest.find(b"\n")) <= MAX_LINE:
        replies += bool(rest[:end].strip())
        rest = rest[end + 1:]
    oversized = end > MAX_LINE or (end < 0 and len(rest) > MAX_LINE)
    return replies + oversized, oversized


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(chunks=st.lists(CHUNKS, min_size=1, max_size=4), data=st.data())
def test_server_answers_any_input_and_keeps_serving(
    qtbot: QtBot, live_server: IpcServer, connect: Callable[[], LineClient],
    chunks: list[bytes], data: Any,
) -> None:
    """Random bytes, huge, half, malformed or wrongly typed lines get error replies, never a
    crash or a hang; a status request afterwards still gets the right answer.
    """
    stream = b"".join(chunks) + b"\n" + STATUS_LINE
    count, hangs_up = expected_replies(stream)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=3)))
    client = connect()

    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        client.send(stream[start:end])
    replies = client.replies(count)

    if hangs_up:
        client.wait_closed()
        assert "longer than" in replies[-1]["error"]
    else:
        assert replies[-1]["status"] == STATUS_DOCUMENT
    assert len(client.lines()) == count
    client.close()
    fresh = connect()
    fresh.send(STATUS_LINE)
    assert fresh.replies(1)[0]["status"] == STATUS_DOCUMENT
    fresh.close()
    qtbot.waitUntil(lambda: live_server.client_count() == 0, timeout=WAIT_MS)

