"""``deskbreath config ...``: what there is to know about the settings files.

Where they are, whether they are valid, where each value comes from, and the defaults.

Two kinds of file hold settings: the user's ``settings.toml`` and the administrator's, in the
system configuration folders (see :mod:`deskbreath.core.settings.layers` for how they are
layered). Qt-free, so these commands answer quickly and work without a display. Each function
prints for people and returns the process exit code: 0 when all is well, 1 when a file has a
problem.
"""

from __future__ import annotations

import sys

from deskbreath.core.settings.document import default_document_text
from deskbreath.core.settings.layers import origin
from deskbreath.core.settings.schema import Schema, packaged_schema
from deskbreath.core.settings.values import show
from deskbreath.i18n import _, ngettext
from deskbreath.paths import Paths
from deskbreath.storage.settings_file import LoadResult, LoadState, SettingsFile
from deskbreath.storage.site_settings import SiteFile, SiteSettings, read_site_settings


def config_path(paths: Paths, *, all_files: bool = False) -> int:
    """Print the user's settings file's path (whether or not it exists yet).

    With ``all_files``, print every settings file, the one that wins first, tab-separated from
    what it is and whether it exists.
    """
    if not all_files:
        print(paths.settings_file)
        return 0
    files = [(paths.settings_file, _("your settings"))]
    files += [(path, _("administrator's defaults and locks"))
              for path in paths.site_settings_files]
    for path, role in files:
        state = _("exists") if path.is_file() else _("does not exist")
        print(f"{path}\t{role}, {state}")
    return 0


def config_check(paths: Paths, schema: Schema | None = None) -> int:
    """Validate the administrator's files and the user's file against ``schema``.

    ``schema`` is the shipped one if not given. Print each problem with its file and line,
    then every value in effect with where it comes from. Exit 1 on any problem.
    """
    site = read_site_settings(paths.site_settings_files, schema or packaged_schema())
    for line in site.problem_lines():
        print(line, file=sys.stderr)
    site_ok = _site_verdicts(site)
    path = paths.settings_file
    result = SettingsFile(path, schema=site.schema).load(checking=True)
    if result.state in (LoadState.UNPARSEABLE, LoadState.UNREADABLE):
        print(result.message, file=sys.stderr)
        return 1
    for problem in result.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    _print_sources(paths, site.schema, result)
    if result.state is LoadState.NEWER_VERSION:
        print(result.message)
    if result.problems:
        count = len(result.problems)
        print(ngettext("settings.toml has %(n)d problem.", "settings.toml has %(n)d problems.",
                       count) % {"n": count}, file=sys.stderr)
        return 1
    if result.state is LoadState.MISSING:
        print(_("%(path)s does not exist; the defaults are in use, so settings.toml is valid.")
              % {"path": path})
    else:
        if result.migrated_from is not None:
            print(result.message)
        print(_("settings.toml is valid"))
    return 0 if site_ok else 1


def _site_verdicts(site: SiteSettings) -> bool:
    """Say for each administrator's file found whether it is valid; True if all are."""
    ok = True
    for site_file in site.files:
        if site_file.state is LoadState.MISSING:
            continue
        if not site_file.used or site_file.problems:
            ok = False
            count = len(site_file.problems)
            print(ngettext("%(path)s (administrator's) has %(n)d problem.",
                           "%(path)s (administrator's) has %(n)d problems.", max(count, 1))
                  % {"path": site_file.path, "n": max(count, 1)}, file=sys.stderr)
        else:
            print(_("%(path)s (administrator's) is valid") % {"path": site_file.path})
    return ok


def _print_sources(paths: Paths, schema: Schema, result: LoadResult) -> None:
    """Every setting in effect, as TOML, each with a comment saying where it comes from."""
    print("# " + _("Settings in effect, and where each comes from:"))
    table = ""
    for key, field in schema.fields.items():
        if not field.type.kept:
            continue
        if field.table != table:
            table = field.table
            print(f"[{table}]")
        where = origin(field, paths.settings_file, result.user_keys)
        if where.by_user:
            source = _("your file")
        elif where.file is not None:
            source = _("administrator's file %(path)s") % {"path": where.file}
        else:
            source = _("built-in default")
        if where.locked_by is not None and where.locked_by == where.file:
            source += " " + _("(locked)")
        elif where.locked_by is not None:
            source += ", " + _("locked by %(path)s") % {"path": where.locked_by}
        value = show(field.to_toml(field.get(result.settings)), limit=1000)
        print(f"{field.name if table else key} = {value}  # {source}")


def config_defaults(paths: Paths, schema: Schema | None = None) -> int:
    """Print a complete, commented default settings.toml for ``schema``.

    ``schema`` is the shipped one if not given. The values are deskbreath's defaults, replaced
    where the administrator's files set them, under a header saying which files were looked at.
    """
    site = read_site_settings(paths.site_settings_files, schema or packaged_schema())
    found = [f"{site_file.path} ({_state_word(site_file)})" for site_file in site.files]
    print("# " + _("The defaults in effect: deskbreath's own, replaced where an "
                   "administrator's file sets them."))
    if found:
        print("# " + _("Administrator's files, the first wins: %(files)s")
              % {"files": "; ".join(found)})
    print("#")
    sys.stdout.write(default_document_text(site.schema))
    return 0


def _state_word(site_file: SiteFile) -> str:
    if site_file.used:
        return _("used")
    if site_file.state is LoadState.MISSING:
        return _("not found")
    return _("not usable: see deskbreath config check")
