"""tests/ mirrors the package: a test folder for a subsystem sits where the subsystem does."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "deskbreath"
TESTS = REPO / "tests"
#: Test folders that mirror no package: real-app runs, shared test helpers, the benchmark.
OWN_FOLDERS = {"e2e", "support", "benchmarks"}


def _test_folders() -> set[Path]:
    return {path.parent.relative_to(TESTS) for path in TESTS.rglob("test_*.py")}


def test_every_test_folder_mirrors_a_package_folder() -> None:
    """Each folder holding tests is the twin of a folder of deskbreath (or one of the few
    folders of the test suite's own).
    """
    stray = sorted(str(folder) for folder in _test_folders()
                   if folder.parts and folder.parts[0] not in OWN_FOLDERS
                   and not (PACKAGE / folder).is_dir())

    assert stray == [], f"test folders with no package twin: {stray}"


def test_the_check_sees_the_test_folders() -> None:
    """The mirror check looks at real folders (it would pass vacuously on none)."""
    assert {Path("core"), Path("qt/ipc"), Path("qt/windows/exercises")} <= _test_folders()
