"""The ``language`` setting in effect, read before anything else is said.

The language must be chosen before the first sentence is made, and the settings are loaded
(with their problems reported, in the user's language) only after that. So the app and the
command line first read just this one value, the way the settings are read: the user's file
over the administrator's defaults, under the administrator's locks. Problems are not
reported here; the real load reports them.
"""

from __future__ import annotations

from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.settings.schema import settings_schema
from deskbreath.paths import Paths
from deskbreath.storage.settings_file import SettingsFile
from deskbreath.storage.site_settings import read_site_settings


def language_setting(paths: Paths, catalogue: Catalogue | None = None) -> str:
    """The ``language`` setting in effect: ``"system"`` or a locale code.

    Never raises: a missing or broken file gives the default, ``"system"``.
    """
    schema = settings_schema(catalogue or packaged_catalogue())
    site = read_site_settings(paths.site_settings_files, schema)
    settings = SettingsFile(paths.settings_file, schema=site.schema).load().settings
    return str(settings.language)
