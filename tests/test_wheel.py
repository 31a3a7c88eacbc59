"""The built wheel works on its own: installed outside the checkout, it runs and finds resources.

The package is built the way a user or a packager would (``python -m build``: an sdist, then
the wheel from that sdist), installed into a fresh venv in a temporary directory, and run from
there with the checkout unreachable. Installing PySide6 from PyPI would take minutes, so the
fresh venv gets the dependencies through a ``.pth`` line pointing at this interpreter's
site-packages; lines in a ``.pth`` file only extend ``sys.path`` (their own ``.pth`` files are
not processed), so nothing of the checkout comes along, and every test that imports the
package checks that it came from the fresh venv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from deskbreath import APP_ID, __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 120

# Run inside the fresh venv; prints what it finds so the assertions stay in the tests.
PROBE = """
import json, sysconfig
import deskbreath
from deskbreath.core.exercises import load_catalogue
from deskbreath.paths import resources_dir

resources = resources_dir()
catalogue = load_catalogue(resources / "exercises.toml")
images = set()
for exercise in catalogue.exercises.values():
    named = [exercise.image, *(step.image for step in (*exercise.setup, *exercise.steps))]
    for relative in filter(None, named):
        images.update(relative.format(side=side) for side in ("left", "right", "centre"))
print(json.dumps({
    "package": deskbreath.__file__,
    "purelib": sysconfig.get_paths()["purelib"],
    "resources": str(resources),
    "catalogue_file": str(resources / "exercises.toml"),
    "icons": sorted(str(path.relative_to(resources / "icons"))
                    for path in (resources / "icons").rglob("*") if path.is_file()),
    "exercises": sorted(catalogue.exercises),
    "images": sorted(images),
    "missing_images": sorted(i for i in images if not catalogue.image_path(i).is_file()),
}))
"""


@dataclass(frozen=True)
class Installed:
    """A fresh venv with the built wheel in it, and a clean environment to run it with."""

    venv: Path
    wheel: Path
    sdist: Path
    workdir: Path
    env: dict[str, str]

    @property
    def python(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin") / "python"

    @property
    def script(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin") / "deskbreath"

    def run(self, *argv: str | Path) -> subprocess.CompletedProcess[str]:
        """Run a command from the venv, outside the checkout, with PYTHONPATH unset."""
        return _run([str(arg) for arg in argv], cwd=self.workdir, env=self.env)


def _run(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT, check=False)
    assert result.returncode == 0, (
        f"{' '.join(argv)} exited {result.returncode}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result


def _clean_env(home: Path) -> dict[str, str]:
    """This environment minus anything that could import the checkout, with a private home."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}}
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONNOUSERSITE="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the sdist and, from it, the wheel; install the wheel into a fresh venv."""
    root = tmp_path_factory.mktemp("wheel")
    assert not root.is_relative_to(REPO), f"{root} must be outside the checkout {REPO}"
    env = _clean_env(root / "home")
    dist = root / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)], cwd=root, env=env)
    (wheel,) = dist.glob("deskbreath-*.whl")
    (sdist,) = dist.glob("deskbreath-*.tar.gz")

    venv = root / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env)
    result = Installed(venv=venv, wheel=wheel, sdist=sdist, workdir=root / "work", env=env)
    result.workdir.mkdir()
    result.run(result.python, "-m", "pip", "install", "--no-deps", "--no-index", wheel)
    purelib = Path(result.run(result.python, "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"
                              ).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "_deskbreath_test_dependencies.pth").write_text(
        "".join(f"{path}\n" for path in sorted(ours)), encoding="utf-8")
    return result


def test_wheel_ships_package_and_resources_but_not_tests(installed: Installed) -> None:
    """The wheel holds the package and all of resources/ as deskbreath/resources, no tests."""
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())

    shipped = {
        f"deskbreath/resources/{path.relative_to(REPO / 'resources').as_posix()}"
        for path in (REPO / "resources").rglob("*") if path.is_file()
    }

    assert {"deskbreath/resources/exercises.toml",
            f"deskbreath/resources/icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"deskbreath/resources/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
            f"deskbreath/resources/icons/hicolor/256x256/apps/{APP_ID}.png",
            f"deskbreath/resources/desktop/{APP_ID}.desktop",
            f"deskbreath/resources/desktop/{APP_ID}.metainfo.xml",
            "deskbreath/__init__.py", "deskbreath/__main__.py", "deskbreath/cli.py"} <= names
    assert shipped <= names
    assert not [name for name in names if name.startswith(("tests/", "resources/"))]


def test_sdist_holds_what_rebuilding_the_wheel_needs(installed: Installed) -> None:
    """The sdist has pyproject, README, package and resources (the wheel was built from it)."""
    with tarfile.open(installed.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}

    assert {"pyproject.toml", "README.md", "deskbreath/__init__.py",
            "resources/exercises.toml", f"resources/icons/hicolor/scalable/apps/{APP_ID}.svg",
            f"resources/desktop/{APP_ID}.desktop"} <= names
    assert not [name for name in names if "__pycache__" in name]


def test_installed_script_prints_version(installed: Installed) -> None:
    """``deskbreath --version`` from the fresh venv prints the package version."""
    result = installed.run(installed.script, "--version")

    assert result.stdout.strip() == f"deskbreath {__version__}"
    assert result.stderr == ""


def test_installed_script_prints_help(installed: Installed) -> None:
    """``deskbreath --help`` from the fresh venv shows the usage and the commands."""
    result = installed.run(installed.script, "--help")

    assert result.stdout.startswith("usage: deskbreath")
    assert "config" in result.stdout
    assert result.stderr == ""


def test_installed_script_speaks_the_shipped_languages(installed: Installed) -> None:
    """The compiled catalogues ship in the wheel: LANGUAGE=de and =es answer in German and
    Spanish from the fresh venv.
    """
    for language, words in (("de", "Aufruf: deskbreath"), ("es", "uso: deskbreath")):
        result = _run([str(installed.script), "--help"], cwd=installed.workdir,
                      env={**installed.env, "LANGUAGE": language})
        assert result.stdout.startswith(words), result.stdout[:80]


def test_python_dash_m_prints_version(installed: Installed) -> None:
    """``python -m deskbreath --version`` works in the fresh venv too."""
    result = installed.run(installed.python, "-m", "deskbreath", "--version")

    assert result.stdout.strip() == f"deskbreath {__version__}"


def test_installed_app_finds_its_resources(installed: Installed) -> None:
    """The installed package is the venv's, and its resources, icons and images are all there."""
    found = json.loads(installed.run(installed.python, "-c", PROBE).stdout)
    purelib = Path(found["purelib"])

    assert purelib.resolve().is_relative_to(installed.venv.resolve())
    assert Path(found["package"]).is_relative_to(purelib)
    assert Path(found["resources"]) == purelib / "deskbreath" / "resources"
    assert Path(found["catalogue_file"]).is_file()
    assert f"hicolor/scalable/apps/{APP_ID}.svg" in found["icons"]
    assert "deskbreath-running-symbolic.svg" in found["icons"]
    assert found["exercises"] == ["breathing", "posture", "rotation"]
    assert found["images"]
    assert found["missing_images"] == []


def test_installed_desktop_install_points_the_menu_at_the_venv(installed: Installed) -> None:
    """``deskbreath desktop install`` from the fresh venv writes the menu entry and icons
    into the private XDG data dir, starting the venv's own script; remove takes them away.
    """
    data_home = Path(installed.env["XDG_DATA_HOME"])
    entry = data_home / "applications" / f"{APP_ID}.desktop"

    installed.run(installed.script, "desktop", "install")
    text = entry.read_text(encoding="utf-8")
    icon = data_home / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    icon_there = icon.is_file()
    installed.run(installed.script, "desktop", "remove")

    assert f"\nExec={installed.script}\n" in text
    assert f"\nTryExec={installed.script}\n" in text
    assert icon_there
    assert not entry.exists()
    assert not icon.exists()


def test_installed_config_defaults_is_valid_toml(installed: Installed) -> None:
    """``deskbreath config defaults`` from the fresh venv prints TOML that parses."""
    result = installed.run(installed.script, "config", "defaults")

    document = tomllib.loads(result.stdout)
    assert document["schema_version"] == 1
    assert result.stderr == ""
