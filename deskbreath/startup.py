"""The process-wide start-up workarounds, in one place.

Each one changes how the whole interpreter imports, so it lives here and nowhere else, names
the upstream behaviour it works around, and has tests (``tests/test_startup.py``) that fail
when it stops working and when upstream no longer needs it.

1. :func:`stop_source_caching`: WORKAROUND for PySide6's ``__feature__`` import hook
   (https://bugreports.qt.io/browse/PYSIDE-2029, ``shibokensupport/feature.py``
   ``feature_imported`` → ``_mod_uses_pyside``). After PySide6 is imported it calls
   ``inspect.getsource()`` on every module imported afterwards, to look for the string
   "PySide6". That reads each module's whole source into ``linecache``, where it stays for
   the life of the process: several MiB of text nobody reads again (about 4 MiB here). The
   replacement asks the same question by reading the file's bytes directly, which leaves
   nothing behind. The cli installs it first thing when the app starts.

2. :func:`lean_apscheduler_import`: WORKAROUND for APScheduler 3.x's import weight on
   Python < 3.14. ``apscheduler/util.py``
   (https://github.com/agronholm/apscheduler/blob/3.x/src/apscheduler/util.py) imports
   ``asyncio`` only for ``iscoroutinefunction``; asyncio brings its event loop, selectors,
   subprocess support and, through ``asyncio.base_events``
   (https://github.com/python/cpython/blob/3.11/Lib/asyncio/base_events.py), ``ssl``, which
   maps OpenSSL: about 2.7 MiB of Python objects and 5 MiB of OpenSSL in an app that never
   runs an event loop of asyncio's nor opens a network connection. ``apscheduler/__init__.py``
   and ``apscheduler/schedulers/base.py`` import ``importlib.metadata`` for the package's
   version and to read every installed distribution's entry points at class creation (about
   1.4 MiB with the ``email`` and ``csv`` modules it needs). Inside this context both names
   resolve to small stand-ins: ``asyncio.iscoroutinefunction`` is
   :func:`inspect.iscoroutinefunction` (the same answer for every callable deskbreath
   schedules: none is a coroutine), ``importlib.metadata`` has no distributions (so
   ``apscheduler.__version__`` reads "3.5.0", its own fallback, and the plugin tables are
   empty: :mod:`deskbreath.qt.scheduler` hands APScheduler its executor and triggers as
   objects, never by their entry-point names). The stand-ins are removed right after: a later
   ``import asyncio`` or ``import importlib.metadata`` gets the real module.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def stop_source_caching() -> bool:
    """Install the replacement check (workaround 1 in the module docstring).

    Returns:
        True when installed; False (and nothing changed) when this PySide6 has no such hook.
    """
    import PySide6.QtCore  # noqa: F401, PLC0415  (loads shibokensupport and its hook)

    installed = False
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        original = getattr(feature, "_mod_uses_pyside", None)
        if feature is None or original is None or getattr(original, "_deskbreath", False):
            continue
        feature._mod_uses_pyside = _checker(original)  # type: ignore[attr-defined]
        installed = True
    if not installed:
        log.debug("PySide6 has no source-reading feature hook here; nothing to work around")
    return installed


def _checker(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            return False

    mod_uses_pyside._deskbreath = True  # type: ignore[attr-defined]
    return mod_uses_pyside


class _NoDistributions(Exception):  # noqa: N818  # importlib.metadata's name
    """The stand-in's ``PackageNotFoundError``."""


def _stand_ins() -> dict[str, ModuleType]:
    import inspect  # noqa: PLC0415  (small, and loaded by PySide6 already)

    asyncio = ModuleType("asyncio", "deskbreath's stand-in while APScheduler imports")
    asyncio.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    metadata = ModuleType("importlib.metadata", "deskbreath's stand-in: no distributions")
    metadata.PackageNotFoundError = _NoDistributions  # type: ignore[attr-defined]

    def version(name: str) -> str:
        raise _NoDistributions(name)

    def entry_points(**_selection: object) -> list[object]:
        return []

    metadata.version = version  # type: ignore[attr-defined]
    metadata.entry_points = entry_points  # type: ignore[attr-defined]
    return {"asyncio": asyncio, "importlib.metadata": metadata}


@contextmanager
def lean_apscheduler_import() -> Iterator[None]:
    """Imports inside see small stand-ins for ``asyncio`` and ``importlib.metadata``.

    This is workaround 2 in the module docstring.

    A module that is loaded already is left as it is (the stand-in would change nothing, or
    break what is there). It changes ``sys.modules`` for the whole process, so nothing else
    may import while it is in force: :mod:`deskbreath.qt.scheduler` is imported by the
    start-up's import thread while the Qt thread only runs its event loop
    (``deskbreath/launch.py``), or by a program before it starts threads of its own.
    """
    placed = {name: module for name, module in _stand_ins().items()
              if name not in sys.modules}
    for name, module in placed.items():
        sys.modules[name] = module
        log.debug("importing APScheduler with a stand-in for %s", name)
    try:
        yield
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        if "importlib.metadata" in placed:
            import importlib  # noqa: PLC0415

            if getattr(importlib, "metadata", None) is placed["importlib.metadata"]:
                del importlib.metadata
