"""``deskbreath config ...``: where the settings file is, whether it is valid, the defaults.

Qt-free, so these commands answer quickly and work without a display. Each function
prints for people and returns the process exit code.
"""

from __future__ import annotations

import sys

from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.i18n import _, ngettext
from deskbreath.paths import Paths
from deskbreath.storage.settings_file import LoadState, SettingsFile


def config_path(paths: Paths) -> int:
    """Print the settings file's path (whether or not it exists yet)."""
    print(paths.settings_file)
    return 0


def config_check(paths: Paths, schema: Schema | None = None) -> int:
    """Validate the settings file against ``schema`` (the shipped one if not given); print
    each problem with its line. Exit 1 on any problem."""
    path = paths.settings_file
    result = SettingsFile(path, schema=schema).load()
    if result.state is LoadState.MISSING:
        print(_("%(path)s does not exist; the defaults are in use, so settings.toml is valid.")
              % {"path": path})
        return 0
    if result.state in (LoadState.UNPARSEABLE, LoadState.UNREADABLE):
        print(result.message, file=sys.stderr)
        return 1
    if result.state is LoadState.NEWER_VERSION:
        print(result.message)
    for problem in result.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if result.problems:
        count = len(result.problems)
        print(ngettext("settings.toml has %(n)d problem.", "settings.toml has %(n)d problems.",
                       count) % {"n": count}, file=sys.stderr)
        return 1
    if result.migrated_from is not None:
        print(result.message)
    print(_("settings.toml is valid"))
    return 0


def config_defaults(schema: Schema | None = None) -> int:
    """Print a complete, commented default settings.toml for ``schema`` (the shipped one if
    not given)."""
    sys.stdout.write(default_document_text(schema or packaged_schema()))
    return 0
