"""The one rule for a missing real service: a failure in CI, a skip that names the package
elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.services import require_file, require_library, require_tools


@pytest.fixture
def no_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty PATH: no program can be found."""
    monkeypatch.setenv("PATH", str(tmp_path))


def test_a_missing_tool_skips_naming_the_debian_package(
        no_tools: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a developer's machine a missing tool skips the test and says what to install."""
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="Xvfb, xwininfo") as skipped:
        require_tools("Xvfb", "xwininfo")

    assert "apt-get install --no-install-recommends x11-utils xvfb" in str(skipped.value)


def test_a_missing_tool_fails_in_ci(no_tools: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """With CI=true the same missing tool is a failure, naming the package."""
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match=r"kwin-wayland.*CI=true"):
        require_tools("kwin_wayland")


def test_present_tools_files_and_libraries_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is there lets the test run, in CI or not."""
    monkeypatch.setenv("CI", "true")

    require_tools("sh")
    require_file(Path(__file__), "deskbreath-tests")
    require_library("c", "libc6")


def test_a_missing_file_or_library_names_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Data files and shared libraries follow the same rule."""
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="plasma-wayland-protocols"):
        require_file(Path("/nonexistent/fake-input.xml"), "plasma-wayland-protocols")
    with pytest.raises(pytest.skip.Exception, match=r"libnosuchthing.*libnosuchthing0"):
        require_library("nosuchthing", "libnosuchthing0")
