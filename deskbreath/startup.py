"""Workarounds for PySide6 behaviour that costs an always-running tray app too much.

WORKAROUND for PySide6's ``__feature__`` import hook (PYSIDE-2029,
shibokensupport/feature.py ``_mod_uses_pyside``): after PySide6 is imported, it calls
``inspect.getsource()`` on every module imported afterwards to look for the string "PySide6".
That reads each module's whole source into ``linecache``, where it stays for the life of the
process: several MiB of text nobody reads again. The replacement asks the same question by
reading the file's bytes directly, which leaves nothing behind.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def stop_source_caching() -> bool:
    """Install the replacement check; returns False (and changes nothing) when this PySide6
    has no such hook."""
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
