"""The translations are complete and current: a check in the test command, as promised to
translators (README, Development: translations; the tool is .ci/translations.py).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages import pofile

from deskbreath import i18n
from deskbreath.core.exercises import packaged_catalogue
from deskbreath.core.settings.model import Language
from deskbreath.paths import locale_dir

REPO = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  REPO / ".ci" / "translations.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def test_the_template_holds_exactly_the_messages_of_the_code() -> None:
    """Every message in the code and in exercises.toml is in deskbreath.pot, and nothing
    else (run `.ci/translations.py update` after changing text).
    """
    code = set(TOOL.code_messages())
    template = set(TOOL.catalogue_messages(TOOL.read_po(TOOL.TEMPLATE)))

    assert sorted(code - template, key=str) == [], "new messages: run translations.py update"
    assert sorted(template - code, key=str) == [], "gone messages: run translations.py update"


@pytest.mark.parametrize("language", ["de", "es"])
def test_the_catalogue_is_complete_current_and_compiled(language: str) -> None:
    """No message missing, untranslated or fuzzy; placeholders as in English; the .mo
    compiled from this .po.
    """
    catalog = TOOL.read_po(TOOL.po_path(language))
    untranslated = [m.id for m in catalog if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]

    assert (len(untranslated), len(fuzzy)) == (0, 0), (untranslated[:5], fuzzy[:5])
    assert TOOL.problems(language) == []


def test_the_check_catches_a_wrong_placeholder_a_fuzzy_entry_and_a_stale_mo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation that drops %(duration)s, one marked fuzzy and a .po edited after
    compiling are each reported.
    """
    copy = tmp_path / "locale"
    shutil.copytree(TOOL.LOCALE, copy)
    po = copy / "de" / "LC_MESSAGES" / "deskbreath.po"
    with po.open("rb") as file:
        catalog = pofile.read_po(file)
    wrong, vague = catalog.get("Snooze for %(duration)s"), catalog.get("Statistics…")
    assert wrong is not None
    assert vague is not None
    wrong.string = "Später"
    vague.flags.add("fuzzy")
    with po.open("wb") as file:
        pofile.write_po(file, catalog)
    monkeypatch.setattr(TOOL, "LOCALE", copy)
    monkeypatch.setattr(TOOL, "TEMPLATE", copy / "deskbreath.pot")

    found = "\n".join(TOOL.problems("de"))

    assert "'Snooze for %(duration)s'" in found
    assert "fuzzy ('Statistics…'" in found
    assert "older than its .po" in found


def test_the_language_setting_offers_exactly_the_shipped_languages() -> None:
    """A new catalogue needs its entry in the setting, and the other way round."""
    offered = {language.value for language in Language} - {i18n.SYSTEM, i18n.ENGLISH}

    assert offered == set(i18n.available(locale_dir()))


def test_exercise_texts_keep_their_side_placeholder() -> None:
    """{side} survives translation in the rotation steps, else the side would be lost."""
    template = TOOL.read_po(TOOL.TEMPLATE)
    expected = {m.id for m in template if m.id and "{side}" in str(m.id)}
    assert len(expected) >= 4  # turn and hold, in each variant of the rotation
    for language in ("de", "es"):
        catalog = TOOL.read_po(TOOL.po_path(language))
        sided = {m.id: m.string for m in catalog if m.id in expected}
        assert set(sided) == expected
        lost = [text for text in sided.values() if "{side}" not in text]
        assert not lost, f"{language}: {{side}} lost in {lost}"


def test_every_exercise_text_and_variant_speaks_the_active_language() -> None:
    """With German active, the catalogue gives each variant, answer tip, note and stand-up
    suggestion in German; ids, variant keys and choice keys stay as they are.
    """
    catalogue = packaged_catalogue()
    i18n.install(["de"], locale_dir())
    try:
        reach = catalogue.variant("rotation", "reach")
        rotation = catalogue.variants_of("rotation")[0]
        breathing = catalogue.get("breathing")
        posture = catalogue.get("posture")
    finally:
        i18n.install([], locale_dir())

    assert (reach.id, reach.variant, rotation.variant) == ("rotation", "reach", "arms-crossed")
    assert reach.title == "Rotation im Sitzen mit Armführung"
    assert reach.setup[1].text == "Legen Sie die Hände auf die Oberschenkel."
    assert rotation.name == "Rotation der Brustwirbelsäule"
    assert breathing.why.startswith("Ihr Zwerchfell")
    assert breathing.note.startswith("Haben Sie Asthma")
    assert rotation.question is not None
    assert [choice.key for choice in rotation.question.choices] == ["left", "right", "same"]
    assert rotation.question.choices[0].tip.startswith("Ein Unterschied zwischen den Seiten")
    assert rotation.question.choices[2].tip == ""  # no tip stays no tip (not the header)
    assert posture.stand_up.startswith("Sie sitzen seit {sitting} am Stück.")
    assert posture.professional.startswith("Gehen Sie zu einem Arzt")
