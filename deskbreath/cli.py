"""The ``deskbreath`` command: start the app, or send a command to the running one.

Without a subcommand it starts the tray app (or, when one already runs for this user, asks
that one to show itself and exits). With one, it talks to the running app over the local
socket (:mod:`deskbreath.qt.ipc.server`) and prints a one-line answer.

Exit codes: 0 done; 1 not running, refused or failed; 2 a wrong argument (argparse's code).
No traceback reaches the terminal: unexpected errors are logged and summed up in one line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from deskbreath import __version__, i18n
from deskbreath.core.durations import EXAMPLE, DurationError, parse_duration
from deskbreath.core.exercises import CatalogueError, packaged_catalogue
from deskbreath.i18n import N_, _, ngettext
from deskbreath.logs import FORMAT, setup_logging
from deskbreath.paths import Paths, RuntimeFallback, locale_dir

if TYPE_CHECKING:
    from deskbreath.launch import Early

log = logging.getLogger(__name__)

ALREADY_RUNNING = N_("deskbreath is already running; showing it.")
REPLY_TIMEOUT_MS = 5000
START_WAIT_S = 20.0
"""How long ``stats --window`` waits for an app it started to answer."""
QUIT_WAIT_MS = 5000
SAVE_TIMEOUT_MS = 2000
"""How long ``stats`` waits for a running app to record the bout under way."""


ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)
"""argparse's own words (Python 3.11's ``argparse.py``), listed so that ``pybabel extract``
puts them in deskbreath's catalogue: argparse looks them up through the ``_`` it imported
from :mod:`gettext`, which :func:`_translate_argparse` points at deskbreath's."""


def _translate_argparse() -> None:
    """Let argparse's headings and errors come from the active catalogue.

    "usage:" and "invalid choice" then read like the help texts they surround (argparse has
    no catalogue of its own).
    """
    setattr(argparse, "_", _)  # noqa: B010 - argparse's module global, not in its stubs
    setattr(argparse, "ngettext", ngettext)  # noqa: B010 - the same


def _duration(text: str, *, until: bool = False) -> float:
    """``text`` as seconds for an argument; ``until``: the command also takes ``--until``.

    Raises:
        argparse.ArgumentTypeError: not a duration, zero, or longer than a year (the message
            offers ``--until`` only where the command has it).
    """
    # The protocol module (and the core it loads) only when a duration is given: starting
    # the app waits for none of it (deskbreath/launch.py).
    from deskbreath.qt.ipc.protocol import MAX_SECONDS  # noqa: PLC0415

    try:
        seconds = parse_duration(text)
    except DurationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError(
            _("%(text)s is no time at all; write it like %(example)s")
            % {"text": repr(text), "example": _(EXAMPLE)})
    if seconds > MAX_SECONDS:
        message = (_("%(text)s is longer than a year; write it like %(example)s, or use --until")
                   if until else _("%(text)s is longer than a year; write it like %(example)s"))
        raise argparse.ArgumentTypeError(message % {"text": repr(text), "example": _(EXAMPLE)})
    return seconds


def _duration_or_until(text: str) -> float:
    """:func:`_duration` for a command that also takes ``--until`` (``pause``)."""
    return _duration(text, until=True)


def _clock_time(text: str) -> str:
    from deskbreath.qt.ipc.protocol import parse_clock_time  # noqa: PLC0415  (see _duration)

    try:
        moment = parse_clock_time(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return moment.strftime("%H:%M")


def _days(text: str) -> int:
    from deskbreath.stats_cli import MAX_DAYS  # noqa: PLC0415  (see _stats)

    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(
            _("%(text)s is not a number of days from 1 to %(max)d; write it like --days 7")
            % {"text": repr(text), "max": MAX_DAYS})
    return days


def _command(sub: Any, name: str, summary: str, examples: str = "") -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=summary, description=summary,
        epilog=_("examples:\n%(examples)s") % {"examples": examples} if examples else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def build_parser(exercise_ids: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, with ``--help`` for every subcommand.

    Args:
        exercise_ids: what ``now`` may name (a catalogue's ids); the shipped catalogue's if
            not given.

    Raises:
        CatalogueError: the shipped catalogue is broken (only without ``exercise_ids``).
    """
    choices = packaged_catalogue().ids if exercise_ids is None else tuple(exercise_ids)
    parser = argparse.ArgumentParser(
        prog="deskbreath",
        description=_("A tray app that prompts desk breathing, thoracic rotation and posture "
                      "checks. Run without a command to start it; the commands below control "
                      "the running app."),
        epilog=_("exit codes: 0 done, 1 not running or failed, 2 wrong arguments"),
    )
    parser.add_argument("--version", action="version", version=f"deskbreath {__version__}",
                        # Python 3.11's argparse does not translate its own default help.
                        help=_("show program's version number and exit"))
    parser.add_argument("--verbose", action="store_true",
                        help=_("also write the log to stderr"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    how_long_help = _("how long, e.g. %(example)s") % {"example": _(EXAMPLE)}
    now = _command(sub, "now", _("start an exercise now (the next in rotation if none named)"),
                   f"  deskbreath now\n  deskbreath now {choices[0]}")
    now.add_argument("exercise", nargs="?", choices=choices, help=_("which exercise"))

    snooze = _command(sub, "snooze",
                      _("put off the next prompt (default: the first snooze choice)"),
                      "  deskbreath snooze\n  deskbreath snooze 15m\n  deskbreath snooze 1h30m")
    snooze.add_argument("duration", nargs="?", type=_duration, metavar="DURATION",
                        help=how_long_help)

    pause = _command(sub, "pause", _("stop prompts for a while, until a time, or until resumed"),
                     "  deskbreath pause            " + _("(until `deskbreath resume`)") + "\n"
                     "  deskbreath pause 2h\n  deskbreath pause --until 14:30\n"
                     "  deskbreath pause --until-tomorrow")
    how_long = pause.add_mutually_exclusive_group()
    how_long.add_argument("duration", nargs="?", type=_duration_or_until, metavar="DURATION",
                          help=how_long_help)
    how_long.add_argument("--until", type=_clock_time, metavar="HH:MM",
                          help=_("until the next time the clock shows HH:MM (24-hour)"))
    how_long.add_argument("--until-tomorrow", action="store_true",
                          help=_("until the start of tomorrow (the day_start setting)"))

    _command(sub, "resume", _("end a pause or snooze"))
    status = _command(sub, "status", _("show the state, sitting time and the next prompt"),
                      "  deskbreath status\n  deskbreath status --json | jq .next_prompt")
    status.add_argument("--json", action="store_true",
                        help=_("print the status document as JSON (format in the README)"))
    _command(sub, "settings", _("open the settings dialog"))
    stats = _command(sub, "stats",
                     _("show sitting time and exercises from the health log (works whether "
                       "or not deskbreath is running)"),
                     "  deskbreath stats\n  deskbreath stats --days 7 --json\n"
                     "  deskbreath stats --csv > days.csv\n  deskbreath stats --window")
    stats.add_argument("--days", type=_days, metavar="N",
                       help=_("the last N days (default: today, 7 and 30 days)"))
    how = stats.add_mutually_exclusive_group()
    how.add_argument("--json", action="store_true",
                     help=_("print the statistics document as JSON (format in the README)"))
    how.add_argument("--csv", action="store_true", help=_("print one CSV row per day"))
    how.add_argument("--window", action="store_true",
                     help=_("open the statistics window (starts deskbreath if needed)"))
    history = _command(sub, "history", _("manage the health log"),
                       "  deskbreath history clear\n  deskbreath history clear --yes")
    history.add_argument("action", choices=("clear",),
                         help=_("clear: delete every record, after a confirmation"))
    history.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    _command(sub, "show", _("show the status window"))
    _command(sub, "quit", _("end the running deskbreath"))
    _prompt_command(sub, how_long_help)

    config = _command(sub, "config", _("inspect the settings files"),
                      "  deskbreath config path\n  deskbreath config path --all\n"
                      "  deskbreath config check\n  deskbreath config defaults")
    config.add_argument("action", choices=("path", "check", "defaults"),
                        help=_("path: where your file is; check: validate your file and the "
                               "administrator's, and say where each value comes from; "
                               "defaults: print the defaults in effect"))
    config.add_argument("--all", action="store_true", dest="all_files",
                        help=_("with path: every settings file, the one that wins first"))

    desktop = _command(sub, "desktop", _("add deskbreath to the applications menu (Linux)"),
                       "  deskbreath desktop install\n  deskbreath desktop check\n"
                       "  deskbreath desktop remove")
    desktop.add_argument("action", choices=("install", "remove", "check"),
                         help=_("install: the menu entry, icons and metadata for this user; "
                                "remove: exactly those files; check: what the menu and "
                                "autostart entries start"))
    return parser


def _prompt_command(sub: Any, how_long_help: str) -> None:
    """``deskbreath prompt start|snooze|skip|focus``: answer the prompt on screen.

    Meant for a keyboard shortcut (README: "Answering a prompt from the keyboard").
    """
    prompt = _command(sub, "prompt",
                      _("answer the prompt on screen (for a keyboard shortcut)"),
                      "  deskbreath prompt focus\n  deskbreath prompt start\n"
                      "  deskbreath prompt snooze 15m\n  deskbreath prompt skip")
    actions = prompt.add_subparsers(dest="action", metavar="ACTION", required=True)
    _command(actions, "start", _("start the exercise the prompt offers"))
    snooze = _command(actions, "snooze",
                      _("snooze the prompt (default: the first snooze choice)"),
                      "  deskbreath prompt snooze\n  deskbreath prompt snooze 15m")
    snooze.add_argument("duration", nargs="?", type=_duration, metavar="DURATION",
                        help=how_long_help)
    _command(actions, "skip", _("skip the prompt"))
    _command(actions, "focus", _("give the prompt the keyboard, so Tab, Enter and Esc reach "
                                 "it"))


def _request(args: argparse.Namespace,
             env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The protocol request for a parsed command line.

    ``env`` (``os.environ`` if not given) gives ``prompt focus`` the desktop's activation token.
    """
    request: dict[str, Any] = {"cmd": args.command}
    if args.command == "prompt":
        request["action"] = args.action
        if args.action == "snooze" and args.duration is not None:
            request["seconds"] = args.duration
        token = (os.environ if env is None else env).get("XDG_ACTIVATION_TOKEN", "")
        if args.action == "focus" and token:
            request["activation_token"] = token
        return request
    if args.command == "now" and args.exercise is not None:
        request["exercise"] = args.exercise
    elif args.command in ("snooze", "pause") and args.duration is not None:
        request["seconds"] = args.duration
    if args.command == "pause":
        if args.until is not None:
            request["until"] = args.until
        if args.until_tomorrow:
            request["until_tomorrow"] = True
    return request


def choose_language(environ: Mapping[str, str]) -> list[str]:
    """The languages for this command's words.

    The ``language`` setting, else the environment's (the OS setting of Windows and macOS is
    added by :func:`deskbreath.qt.language.apply_language` in the commands that load Qt
    anyway).
    """
    return i18n.choose(language_setting_or_system(Paths.for_user()),
                       i18n.system_languages(environ))


def language_setting_or_system(paths: Paths) -> str:
    """The ``language`` setting in effect; ``"system"`` when it cannot be read."""
    try:
        from deskbreath.storage.language import language_setting  # noqa: PLC0415

        return language_setting(paths)
    except Exception:  # never stop a command over its language
        log.exception("cannot read the language setting")
        return i18n.SYSTEM


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring).

    A reader that goes away (``deskbreath stats | head``) ends the output quietly: what it
    wanted, it has. stdout then points at /dev/null, so that Python's flush at exit does
    not fail again, and the exit code is a SIGPIPE death's (128 + 13), as the Python
    documentation on SIGPIPE advises.
    """
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    return code


def _main(argv: Sequence[str] | None) -> int:
    i18n.install(choose_language(os.environ), locale_dir())  # before any sentence
    _translate_argparse()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and argument errors (code 2)
        return exit_.code if isinstance(exit_.code, int) else 2
    except CatalogueError as error:  # a broken installation: nothing can work
        print(f"deskbreath: {error}", file=sys.stderr)
        return 1
    log_hint = ""
    try:
        paths = Paths.for_user()
        log_hint = _(" (details in %(path)s)") % {"path": paths.log_file}
        _configure_logging(paths, verbose=args.verbose, app=args.command is None)
        _say_runtime_fallback(paths, app=args.command is None, verbose=args.verbose)
        if args.command is None:
            return _run_app(paths)
        if args.command == "config":
            return _config(args.action, paths, all_files=args.all_files)
        if args.command == "desktop":
            return _desktop(args.action, paths)
        if args.command == "stats" and not args.window:
            return _stats(args, paths)
        if args.command == "stats":
            return _open_statistics(paths)
        if args.command == "history":
            from deskbreath.stats_cli import clear_history  # noqa: PLC0415  (see _stats)

            return clear_history(paths, yes=args.yes)
        return _send(args, paths)
    except KeyboardInterrupt:
        print(_("deskbreath: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # not unexpected: main() ends quietly
    except Exception as error:
        log.exception("unexpected error")
        print(_("deskbreath: unexpected error: %(error)s%(hint)s")
              % {"error": error, "hint": log_hint}, file=sys.stderr)
        return 1


def _send(args: argparse.Namespace, paths: Paths) -> int:
    # Imported here, like the other Qt-using modules below, so that --help, --version and
    # argument errors answer without loading Qt.
    from deskbreath.qt.ipc.server import IpcError, NotRunning  # noqa: PLC0415

    as_json = args.command == "status" and args.json
    wait = QUIT_WAIT_MS if args.command == "quit" else 0
    try:
        reply = _send_patiently(paths, _request(args), wait_for_exit_ms=wait)
    except NotRunning as error:
        return _fail(str(error), as_json=as_json, running=False)
    except IpcError as error:
        log.warning("%s: %s", args.command, error)
        return _fail(str(error), as_json=as_json)
    if not reply["ok"]:
        return _fail(str(reply["error"]), as_json=as_json)
    if as_json:
        print(json.dumps(reply.get("status"), indent=2, ensure_ascii=False))
    elif args.command == "status" and isinstance(reply.get("status"), dict):
        print(_status_line(reply["status"]))  # in this command's language, not the app's
    else:
        print(reply["message"])
    return 0


def _status_line(document: dict[str, Any]) -> str:
    """The ``status --json`` document as one line in this command's language and formats."""
    from deskbreath.core.wording import status_summary  # noqa: PLC0415
    from deskbreath.qt.language import QtFormats, apply_language  # noqa: PLC0415
    apply_language(language_setting_or_system(Paths.for_user()), os.environ)  # + OS setting
    now = datetime.now().astimezone()
    return status_summary(document, now, packaged_catalogue(), QtFormats())


def _send_patiently(paths: Paths, request: dict[str, Any], *,
                    wait_for_exit_ms: int = 0) -> dict[str, Any]:
    """Send a command, again while a deskbreath that holds the lock is still starting.

    :func:`~deskbreath.qt.ipc.server.send_command`, repeated while the app holding the lock
    does not listen yet (it listens a moment after its tray icon shows), until
    :data:`REPLY_TIMEOUT_MS` has passed.

    Raises:
        NotRunning: nothing listens, and no deskbreath is starting (or it took too long).
        IpcError: as ``send_command``.
    """
    from deskbreath.qt.ipc.instance import app_starting, server_name  # noqa: PLC0415
    from deskbreath.qt.ipc.server import NotRunning, send_command  # noqa: PLC0415

    name = server_name(paths)
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    while True:
        remaining_ms = max(100, int((deadline - time.monotonic()) * 1000))
        try:
            return send_command(name, request, remaining_ms, wait_for_exit_ms=wait_for_exit_ms)
        except NotRunning:
            if time.monotonic() >= deadline or not app_starting(paths):
                raise
            time.sleep(0.05)


def _stats(args: argparse.Namespace, paths: Paths) -> int:
    # Imported here: sqlite3 and the statistics only for the commands that need them.
    from deskbreath.stats_cli import stats  # noqa: PLC0415

    _save_running_bout(paths)
    output = "json" if args.json else "csv" if args.csv else "text"
    if output != "text":
        return stats(paths, days=args.days, output=output)
    from deskbreath.qt.language import QtFormats, apply_language  # noqa: PLC0415 - QtCore

    apply_language(language_setting_or_system(paths), os.environ)
    return stats(paths, days=args.days, output=output, formats=QtFormats())


def _save_running_bout(paths: Paths) -> None:
    """Ask a running deskbreath to record the bout under way as of now (the ``save`` command).

    So ``stats`` counts the sitting up to now, as ``status`` and the statistics window do.
    Without a running app there is nothing to save; one that does not answer in
    :data:`SAVE_TIMEOUT_MS` leaves the statistics as last recorded (logged).
    """
    # Qt only when it is needed:
    from deskbreath.qt.ipc.instance import server_name  # noqa: PLC0415
    from deskbreath.qt.ipc.server import IpcError, NotRunning, send_command  # noqa: PLC0415

    try:
        reply = send_command(server_name(paths), {"cmd": "save"}, SAVE_TIMEOUT_MS)
    except NotRunning:
        return
    except IpcError as error:
        log.warning("stats: the running deskbreath did not record the bout under way: %s",
                    error)
        return
    if not reply["ok"]:
        log.warning("stats: the running deskbreath did not record the bout under way: %s",
                    reply.get("error"))


def _open_statistics(paths: Paths) -> int:
    """Ask the running app to open its statistics window.

    Start the app first when none runs.
    """
    from deskbreath.qt.ipc.instance import server_name  # noqa: PLC0415
    from deskbreath.qt.ipc.server import IpcError, NotRunning  # noqa: PLC0415

    name = server_name(paths)
    request = {"cmd": "statistics"}
    reply: dict[str, Any] | None
    try:
        reply = _send_patiently(paths, request)
    except NotRunning:
        problem = display_problem(os.environ)
        if problem:
            print(f"deskbreath: {problem}", file=sys.stderr)
            return 1
        import subprocess  # noqa: PLC0415  (only here: starting the app waits for none of it)

        subprocess.Popen([sys.executable, "-m", "deskbreath"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        reply = _retry_until_running(name, request)
    except IpcError as error:
        return _fail(str(error), as_json=False)
    if reply is None:
        return _fail(_("deskbreath did not start; see its log: %(path)s")
                     % {"path": paths.log_file}, as_json=False)
    if not reply["ok"]:
        return _fail(str(reply["error"]), as_json=False)
    print(reply["message"])
    return 0


def _retry_until_running(name: str, request: dict[str, Any]) -> dict[str, Any] | None:
    from deskbreath.qt.ipc.server import IpcError, send_command  # noqa: PLC0415

    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        try:
            return send_command(name, request, REPLY_TIMEOUT_MS)
        except IpcError:  # NotRunning included: not listening yet
            time.sleep(0.2)
    return None


def _fail(message: str, *, as_json: bool, running: bool | None = True) -> int:
    if as_json:
        print(json.dumps({"ok": False, "running": running, "error": message}))
    else:
        print(message, file=sys.stderr)
    return 1


def display_problem(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the app cannot show anything here, or None.

    Without a display Qt aborts with a message about missing libraries, which misleads; say
    what is really wrong instead.
    """
    if not platform.startswith("linux") and "bsd" not in platform:
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return _("deskbreath needs a graphical session, and neither DISPLAY nor WAYLAND_DISPLAY "
             "is set; start it from your desktop session (or its autostart)")


def _run_app(paths: Paths) -> int:
    problem = display_problem(os.environ) or _platform_plugin_problem()
    if problem:
        print(f"deskbreath: {problem}", file=sys.stderr)
        log.error("%s", problem)
        return 1
    from deskbreath.qt.ipc.instance import SingleInstance  # noqa: PLC0415
    from deskbreath.qt.ipc.transport import IpcError  # noqa: PLC0415

    instance = SingleInstance(paths)
    try:
        if not instance.acquire():
            instance.notify_running()
            print(_(ALREADY_RUNNING))
            return 0
    except IpcError as error:
        print(f"deskbreath: {error}", file=sys.stderr)
        return 1
    sys.excepthook = _log_uncaught  # an exception in a Qt slot must not print a traceback
    from deskbreath.startup import stop_source_caching  # noqa: PLC0415

    stop_source_caching()  # before the app's modules load: see the module's docstring
    from deskbreath import launch  # noqa: PLC0415 - QtWidgets only when the app runs

    try:
        code = launch.run(instance, paths, _load_app)
    finally:
        instance.release()
    if code == launch.RESTART:  # the lock and socket are free now: the new one takes them
        return _start_again()
    return code


def _start_again() -> int:
    """Start a new deskbreath (after Restart now in the settings dialog) and end this one."""
    import subprocess  # noqa: PLC0415 - only for a restart

    from deskbreath.desktop.autostart.base import launch_command  # noqa: PLC0415

    command = launch_command()
    log.info("starting again: %s", command)
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        log.error("cannot start deskbreath again: %s", error)
        print(_("deskbreath: could not start again (%(error)s); start it yourself")
              % {"error": error}, file=sys.stderr)
        return 1
    return 0


def _load_app() -> Callable[[Early], None]:
    """The composition root, imported once the tray icon is shown (deskbreath/launch.py)."""
    from deskbreath import app  # noqa: PLC0415 - the heavy part, after the icon

    return app.compose


def _platform_plugin_problem() -> str | None:
    """Why Qt's X11 platform plugin would fail to load, or None.

    Qt would abort with a misleading message; see :mod:`deskbreath.sysdeps.qt_plugin`.
    """
    if not sys.platform.startswith("linux"):
        return None
    from deskbreath.sysdeps.distro import detect  # noqa: PLC0415 - Linux only
    from deskbreath.sysdeps.probe import Ldd  # noqa: PLC0415
    from deskbreath.sysdeps.qt_plugin import xcb_problem  # noqa: PLC0415

    return xcb_problem(os.environ, detect, reader=Ldd())


def _config(action: str, paths: Paths, *, all_files: bool = False) -> int:
    from deskbreath import config_cli  # noqa: PLC0415 - tomlkit only for `config`

    if all_files and action != "path":
        print(_("deskbreath config: --all goes with path only, like `deskbreath config path "
                "--all`"), file=sys.stderr)
        return 2
    actions: dict[str, Callable[[], int]] = {
        "path": lambda: config_cli.config_path(paths, all_files=all_files),
        "check": lambda: config_cli.config_check(paths),
        "defaults": lambda: config_cli.config_defaults(paths),
    }
    return actions[action]()


def _desktop(action: str, paths: Paths) -> int:
    if not sys.platform.startswith("linux") and "bsd" not in sys.platform:
        print(_("deskbreath: `desktop` manages freedesktop.org menu entries, which this "
                "system does not use"), file=sys.stderr)
        return 1
    from deskbreath import desktop_cli  # noqa: PLC0415 - only for `desktop`
    from deskbreath.desktop.autostart.base import launch_command  # noqa: PLC0415
    from deskbreath.desktop.autostart.detect import detect as detect_autostart  # noqa: PLC0415
    from deskbreath.paths import XdgDirs  # noqa: PLC0415

    xdg = XdgDirs.from_env(os.environ)
    files = desktop_cli.desktop_files(paths, xdg)
    if action == "install":
        return desktop_cli.desktop_install(files, xdg, launch_command())
    if action == "remove":
        return desktop_cli.desktop_remove(files, detect_autostart())
    return desktop_cli.desktop_check(files, detect_autostart())


def _configure_logging(paths: Paths, *, verbose: bool, app: bool) -> None:
    """Send the log to the rotated log file (the app) or to stderr (a command).

    The app logs to its rotated log file (and stderr with ``--verbose``); a command sent to
    the running app logs only to stderr, and only with ``--verbose``, so two processes never
    rotate the same file. Logging's own tracebacks never reach the terminal.
    """
    logging.raiseExceptions = False
    if app:
        setup_logging(paths.log_file, verbose=verbose)
        return
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handler: logging.Handler = (logging.StreamHandler(sys.stderr) if verbose
                                else logging.NullHandler())
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)


def runtime_fallback_note(paths: Paths, environ: Mapping[str, str]) -> str | None:
    """One sentence on where the lock and socket go when ``XDG_RUNTIME_DIR`` cannot be used.

    None when it can.
    """
    if paths.runtime_fallback is RuntimeFallback.UNSET:
        return _("XDG_RUNTIME_DIR is not set; the lock and socket go in {folder} "
                 "instead").format(folder=paths.runtime_dir)
    if paths.runtime_fallback is RuntimeFallback.UNUSABLE:
        return _("XDG_RUNTIME_DIR ({value}) is not a private folder of yours; the lock and "
                 "socket go in {folder} instead").format(
                     value=environ.get("XDG_RUNTIME_DIR", ""), folder=paths.runtime_dir)
    return None


def _say_runtime_fallback(paths: Paths, *, app: bool, verbose: bool) -> None:
    """Say where the lock and socket go, once, on stderr (stdout may be JSON).

    Only when ``XDG_RUNTIME_DIR`` cannot be used. The app also logs it; with --verbose that
    log line is the one on the terminal.
    """
    note = runtime_fallback_note(paths, os.environ)
    if note is None:
        return
    if app:
        log.warning("%s", note)
    if not (app and verbose):
        print(f"deskbreath: {note}", file=sys.stderr)


def _log_uncaught(kind: type[BaseException], error: BaseException,
                  trace: TracebackType | None) -> None:
    log.critical("uncaught exception", exc_info=(kind, error, trace))
