"""Before Qt starts, a plugin that cannot load is explained with the libraries and packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath.cli import main
from deskbreath.sysdeps import qt_plugin
from deskbreath.sysdeps.distro import Distro, Family
from deskbreath.sysdeps.probe import Ldd, not_found_in_ldd
from deskbreath.sysdeps.qt_plugin import dlopen, would_use_xcb, xcb_plugin, xcb_problem

PLUGIN = Path("/venv/PySide6/Qt/plugins/platforms/libqxcb.so")
LDD_OUTPUT = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


class FakeReader:
    """A dependency reader that reports fixed missing libraries and counts its calls."""

    def __init__(self, missing: list[str] | None) -> None:
        self._missing = missing
        self.calls = 0

    def missing(self, binary: Path) -> list[str] | None:
        self.calls += 1
        return self._missing


def _problem(reader: FakeReader, *, error: str | None = "libxcb-icccm.so.4: cannot open",
             family: Family = Family.DEBIAN, env: dict[str, str] | None = None) -> str | None:
    return xcb_problem(env if env is not None else {"DISPLAY": ":0"},
                       lambda: Distro("Some Linux", family), plugin=lambda: PLUGIN,
                       probe=lambda path: error, reader=reader)


@pytest.mark.parametrize(("env", "xcb"), [
    ({"DISPLAY": ":0"}, True),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "xcb;wayland"}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, False),
    ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, True),
])
def test_check_runs_only_where_qt_would_pick_xcb(env: dict[str, str], xcb: bool) -> None:
    """QT_QPA_PLATFORM's first entry decides; otherwise a Wayland session means Wayland."""
    assert would_use_xcb(env) is xcb


def test_missing_libraries_and_the_install_command_in_one_message() -> None:
    """The message names the real missing libraries and the packages that provide them."""
    problem = _problem(FakeReader(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]))

    assert problem == (
        "Qt's X11 platform plugin needs libxcb-icccm.so.4, libxcb-keysyms.so.1, which are not "
        "installed, so deskbreath cannot start. Install them with: "
        "sudo apt install libxcb-icccm4 libxcb-keysyms1")


def test_fedora_gets_fedora_names() -> None:
    """The same gap on Fedora proposes dnf and Fedora's package names."""
    problem = _problem(FakeReader(["libxcb-icccm.so.4"]), family=Family.FEDORA)

    assert problem is not None
    assert "needs libxcb-icccm.so.4, which is not installed" in problem
    assert problem.endswith("Install them with: sudo dnf install xcb-util-wm")


def test_unknown_library_and_unknown_distro_are_still_explained() -> None:
    """A library the catalogue does not know, on an unknown distro, is named plainly."""
    problem = _problem(FakeReader(["libfuture.so.9"]), family=Family.UNKNOWN)

    assert problem is not None
    assert problem.endswith("Install the packages that provide them.")


def test_loader_error_is_passed_on_when_nothing_is_missing() -> None:
    """If every library is there but the plugin still does not load, the loader says why."""
    problem = _problem(FakeReader([]), error="undefined symbol: xcb_foo")

    assert problem == ("Qt's X11 platform plugin cannot be loaded (undefined symbol: xcb_foo), "
                       "so deskbreath cannot start.")


def test_a_plugin_that_loads_is_not_examined() -> None:
    """The dependency reader (a subprocess) runs only after the quick probe failed."""
    reader = FakeReader(["libxcb-icccm.so.4"])

    assert _problem(reader, error=None) is None
    assert _problem(reader, env={"QT_QPA_PLATFORM": "offscreen"}) is None
    assert reader.calls == 0


def test_ldd_not_found_lines_are_read_once_each() -> None:
    """Only ``=> not found`` entries count, each once, in ldd's order."""
    assert not_found_in_ldd(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_real_plugin_loads_and_has_everything_here() -> None:
    """This machine has what PySide6's xcb plugin needs: it loads and ldd finds no gap."""
    plugin = xcb_plugin()
    assert plugin is not None, "PySide6's libqxcb.so was not found"

    assert Ldd().missing(plugin) == []
    assert dlopen(plugin) is None


def test_dlopen_reports_the_loader_error(tmp_path: Path) -> None:
    """A file that is not a shared object gives the loader's own error text."""
    broken = tmp_path / "libbroken.so"
    broken.write_bytes(b"not an ELF file")

    error = dlopen(broken)

    assert error is not None
    assert "libbroken.so" in error


def test_app_start_stops_with_the_message(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """``deskbreath`` with a plugin that cannot load prints the message and exits 1, before
    any Qt application exists.
    """
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("DISPLAY", ":0")
    (tmp_path / "run").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setattr(qt_plugin, "xcb_problem", lambda *args, **kwargs: "MISSING LIBS")

    status = main([])

    assert status == 1
    assert capsys.readouterr().err == "deskbreath: MISSING LIBS\n"
