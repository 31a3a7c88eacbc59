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

2. :func:`imports_without_openssl`: WORKAROUND for APScheduler 3.x's import weight on
   Python < 3.14: ``apscheduler/util.py``
   (https://github.com/agronholm/apscheduler/blob/3.x/src/apscheduler/util.py) imports
   ``asyncio`` only for ``iscoroutinefunction``, and ``asyncio.base_events``
   (https://github.com/python/cpython/blob/3.11/Lib/asyncio/base_events.py) imports ``ssl``,
   which maps OpenSSL (about 5 MiB resident) into an app that never opens a network
   connection. :mod:`deskbreath.qt.scheduler` imports APScheduler inside this context, which
   makes ``ssl`` read as unavailable: the state of a Python built without OpenSSL, which
   asyncio supports (``try: import ssl / except ImportError: ssl = None``). The block is
   lifted right after: a later ``import ssl`` works as usual; only asyncio's own TLS support
   stays off in this process, and deskbreath does not use asyncio.
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


@contextmanager
def imports_without_openssl() -> Iterator[None]:
    """Imports inside see ``ssl`` as missing (workaround 2 in the module docstring).

    Nothing is blocked when asyncio or ssl is loaded already: blocking would change nothing,
    or break what is there. It changes ``sys.modules`` for the whole process, so it must run
    before other threads start: :mod:`deskbreath.qt.scheduler` is imported by the app's main
    thread before the QApplication exists.
    """
    if "ssl" in sys.modules or "asyncio" in sys.modules:
        log.debug("asyncio or ssl is loaded already; importing as it is")
        yield
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # the documented "not available"
    try:
        yield
    finally:
        if sys.modules.get("ssl", 0) is None:
            del sys.modules["ssl"]
