"""Where deskbreath's files go, and what it says when XDG_RUNTIME_DIR cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskbreath.cli import runtime_fallback_note
from deskbreath.paths import Paths, RuntimeFallback


def test_an_unset_xdg_runtime_dir_is_noted_without_a_python_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without XDG_RUNTIME_DIR the paths carry the reason (warnings are errors here, so
    platformdirs' RuntimeDirWarning would fail this test) and one sentence names the folder
    used instead."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)

    paths = Paths.for_user(platform="linux")
    note = runtime_fallback_note(paths, {})

    assert paths.runtime_fallback is RuntimeFallback.UNSET
    assert note is not None
    assert note.startswith("XDG_RUNTIME_DIR is not set; ")
    assert str(paths.runtime_dir) in note
    assert "\n" not in note


def test_a_runtime_dir_others_can_enter_is_noted_as_unusable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """An XDG_RUNTIME_DIR that is not private (mode 0755) is not used, and the note says so,
    naming it."""
    shared = tmp_path / "shared-run"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))

    paths = Paths.for_user(platform="linux")
    note = runtime_fallback_note(paths, {"XDG_RUNTIME_DIR": str(shared)})

    assert paths.runtime_fallback is RuntimeFallback.UNUSABLE
    assert not paths.runtime_dir.is_relative_to(shared)
    assert note is not None
    assert f"XDG_RUNTIME_DIR ({shared}) is not a private folder of yours" in note


def test_a_private_runtime_dir_needs_no_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """A private XDG_RUNTIME_DIR holds the runtime files, and nothing is said."""
    private = tmp_path / "run"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(private))

    paths = Paths.for_user(platform="linux")

    assert paths.runtime_fallback is None
    assert paths.runtime_dir == private / "deskbreath"
    assert runtime_fallback_note(paths, {"XDG_RUNTIME_DIR": str(private)}) is None
