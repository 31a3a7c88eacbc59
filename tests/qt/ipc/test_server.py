"""The command server in this process: round trips, limits, and misbehaving clients."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from deskbreath.paths import Paths
from deskbreath.qt.ipc.choice import transport
from deskbreath.qt.ipc.instance import server_name
from deskbreath.qt.ipc.protocol import MAX_LINE, PROTOCOL_VERSION, encode_request, is_busy
from deskbreath.qt.ipc.server import IpcError, IpcServer, NotRunning, Transport, send_command
from tests.fakes import START
from tests.qt.ipc.conftest import (
    PROCESS_TIMEOUT,
    ROOT,
    STATUS_DOCUMENT,
    LineClient,
    RecordingTarget,
    stop,
)
from tests.support.waits import WAIT_MS

Connect = Callable[[], LineClient]
MakeServer = Callable[..., IpcServer]


@pytest.mark.parametrize(
    ("fields", "call"),
    [
        ({"cmd": "now"}, ("start_now", {"exercise": None})),
        ({"cmd": "now", "exercise": "rotation"}, ("start_now", {"exercise": "rotation"})),
        ({"cmd": "snooze", "seconds": 300}, ("snooze", {"seconds": 300.0})),
        ({"cmd": "pause", "until": "17:15"},
         ("pause", {"seconds": None, "until": START.replace(hour=17, minute=15),
                    "until_tomorrow": False})),
        ({"cmd": "pause", "until_tomorrow": True},
         ("pause", {"seconds": None, "until": None, "until_tomorrow": True})),
        ({"cmd": "resume"}, ("resume", {})),
        ({"cmd": "settings"}, ("open_settings", {})),
        ({"cmd": "statistics"}, ("open_statistics", {})),
        ({"cmd": "save"}, ("save_progress", {})),
        ({"cmd": "show"}, ("show", {})),
        ({"cmd": "quit"}, ("quit", {})),
    ],
)
def test_each_command_round_trips_through_the_socket(
    connect: Connect, target: RecordingTarget, fields: dict[str, Any],
    call: tuple[str, dict[str, Any]],
) -> None:
    """A request line reaches the target and its message comes back as an ok reply."""
    client = connect()

    client.send(encode_request(fields))

    assert client.replies(1) == [{"v": PROTOCOL_VERSION, "ok": True, "message": f"did {call[0]}"}]
    assert target.calls == [call]


def test_status_round_trips_with_its_document(connect: Connect) -> None:
    """The status reply carries the target's document unchanged."""
    client = connect()

    client.send(encode_request({"cmd": "status"}))

    [reply] = client.replies(1)
    assert reply["status"] == STATUS_DOCUMENT
    assert reply["message"].startswith("Running · sitting 47 min")


def test_several_requests_on_one_connection_are_answered_in_order(
    connect: Connect, target: RecordingTarget, caplog: pytest.LogCaptureFixture
) -> None:
    """Pipelined requests, even split across writes, get one reply each, in order."""
    client = connect()
    batch = encode_request({"cmd": "resume"}) + b"\n" + encode_request({"cmd": "bogus"})

    client.send(batch + encode_request({"cmd": "show"})[:5])
    client.send(encode_request({"cmd": "show"})[5:])

    replies = client.replies(3)
    assert [r["ok"] for r in replies] == [True, False, True]
    assert "unknown command" in replies[1]["error"]
    assert target.names() == ["resume", "show"]
    assert "rejected a request (unknown command \"bogus\"" in caplog.text


def test_a_refused_command_is_answered_with_its_reason(
    connect: Connect, target: RecordingTarget
) -> None:
    """CommandError from the target becomes an error reply and the connection stays usable."""
    target.refuse = "deskbreath is not paused"
    client = connect()

    client.send(encode_request({"cmd": "resume"}))

    assert client.replies(1)[0]["error"] == "deskbreath is not paused"


def test_an_oversized_line_gets_an_error_and_the_connection_closes(
    qtbot: QtBot, connect: Connect, live_server: IpcServer
) -> None:
    """More than MAX_LINE bytes without a newline is answered, logged and dropped."""
    client = connect()

    with qtbot.waitSignal(live_server.client_dropped, timeout=WAIT_MS) as dropped:
        client.send(b"x" * (MAX_LINE + 1))

    client.wait_closed()
    assert dropped.args == ["oversized request"]
    assert "longer than" in client.replies(1)[0]["error"]


def test_a_silent_client_is_dropped_after_the_idle_timeout(
    qtbot: QtBot, make_server: MakeServer
) -> None:
    """A client that connects and sends nothing is told so and disconnected."""
    server = make_server(idle_timeout_ms=200)

    with qtbot.waitSignal(server.client_dropped, timeout=WAIT_MS) as dropped:
        client = LineClient(qtbot, server.full_server_name)

    client.wait_closed()
    assert dropped.args == ["idle client"]
    assert "no complete request within 0.2 s" in client.replies(1)[0]["error"]
    qtbot.waitUntil(lambda: server.client_count() == 0, timeout=WAIT_MS)

    client.close()


def test_connections_beyond_the_limit_are_refused_politely(
    qtbot: QtBot, make_server: MakeServer
) -> None:
    """The server caps concurrent clients; the extra one gets an error reply, not a hang."""
    server = make_server(max_clients=2)
    clients: list[LineClient] = []
    try:
        clients += [LineClient(qtbot, server.full_server_name) for _ in range(2)]
        qtbot.waitUntil(lambda: server.client_count() == 2, timeout=WAIT_MS)

        with qtbot.waitSignal(server.client_dropped, timeout=WAIT_MS):
            clients.append(LineClient(qtbot, server.full_server_name))
        assert "too many clients" in clients[2].replies(1)[0]["error"]
    finally:
        for client in clients:
            client.close()


def test_idle_timer_has_an_object_name(connect: Connect, live_server: IpcServer,
                                       qtbot: QtBot) -> None:
    """Each connection's idle timer is findable by name (for debugging wake-ups)."""
    connect()
    qtbot.waitUntil(lambda: live_server.client_count() == 1, timeout=WAIT_MS)


    assert live_server.findChildren(QTimer, "ipc-idle-timeout")


def test_send_command_gets_the_reply_from_a_live_server(
    qtbot: QtBot, live_server: IpcServer, target: RecordingTarget
) -> None:
    """The blocking client, in its own process as in the CLI, gets the server's reply."""
    code = ("import json, sys; from deskbreath.qt.ipc.choice import transport; "
            "from deskbreath.qt.ipc.server import send_command; "
            "print(json.dumps(send_command(sys.argv[1], {'cmd': 'snooze', 'seconds': 60}, 5000,"
            " transport=transport(sys.argv[2]))))")
    client = subprocess.Popen(
        [sys.executable, "-c", code, live_server.full_server_name, live_server.transport.name],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=WAIT_MS)
        output, _ = client.communicate(timeout=PROCESS_TIMEOUT)
    finally:
        stop(client)

    assert json.loads(output) == {"v": PROTOCOL_VERSION, "ok": True, "message": "did snooze"}
    assert target.calls == [("snooze", {"seconds": 60.0})]


def test_send_command_without_a_server_raises_not_running(
    paths: Paths, ipc_transport: Transport
) -> None:
    """No socket means NotRunning, with the message people see."""
    with pytest.raises(NotRunning, match=r"start it with `deskbreath`"):
        send_command(server_name(paths), {"cmd": "status"}, 500, transport=ipc_transport)


def test_send_command_gives_up_on_a_server_that_never_answers(
    paths: Paths, ipc_transport: Transport
) -> None:
    """A listener that accepts but stays silent yields an IpcError after the timeout."""
    name = server_name(paths)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mute:
        mute.bind(name)
        mute.listen()  # the kernel completes the connection; nobody ever answers

        with pytest.raises(IpcError, match=r"did not answer within 0\.3 s"):
            send_command(name, {"cmd": "status"}, 300, transport=ipc_transport)


def test_server_name_is_private_to_the_runtime_directory(tmp_path: Any) -> None:
    """Short runtime dirs hold the socket; long ones get a distinct hashed name."""
    short = Paths.under(tmp_path.parent / "s")
    long_a = Paths.under(tmp_path / ("a" * 120))
    long_b = Paths.under(tmp_path / ("b" * 120))

    assert server_name(short).startswith(str(short.runtime_dir))
    assert server_name(long_a) != server_name(long_b)
    assert len(server_name(long_a)) <= 100


# The AF_UNIX transport (Linux, macOS). QtNetwork's client (Windows) may lose the busy
# reply when the server hangs up before the request is written; it then fails at once.
@pytest.mark.parametrize("ipc_transport", [transport("posix")], ids=["posix"])
def test_send_command_retries_a_busy_app_for_a_bounded_time(
    qtbot: QtBot, make_server: MakeServer, target: RecordingTarget,
) -> None:
    """An app whose slots stay taken answers "busy" each time: the client tries again a few
    times, then returns that busy reply once its time is up; nothing was carried out.
    """
    server = make_server(max_clients=0)
    refusals: list[str] = []
    server.client_dropped.connect(refusals.append)
    results: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: results.append(send_command(
        server.full_server_name, {"cmd": "status"}, 600, transport=server.transport)))

    started = time.monotonic()
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
    took = time.monotonic() - started

    assert is_busy(results[0])
    assert "too many clients" in results[0]["error"]
    assert len(refusals) >= 3
    assert 0.3 <= took < 3
    assert target.calls == []
