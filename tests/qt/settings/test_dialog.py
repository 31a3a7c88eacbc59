"""The settings dialog: every field applies live, bad input is refused with the reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from deskbreath.core.settings.model import (
    BreathingSettings,
    Order,
    ReducedMotion,
    RotationSettings,
    Settings,
)
from deskbreath.qt.settings.dialog import SettingsDialog
from deskbreath.qt.settings.editors import (
    CheckEditor,
    CheckedLineEdit,
    ChoiceEditor,
    NumberEditor,
    WholeNumberEditor,
)
from deskbreath.qt.settings.fields import DayMode, ExerciseListEditor
from tests.qt.settings.conftest import ScriptedConfirm, editor, emitted_settings, type_into

Edit = Callable[[Settings], Settings]


TEXT_FIELDS: list[tuple[str, str, Edit, str]] = [
    ("reminder_interval", "1h30m", lambda s: replace(s, reminder_interval=5400.0), "1h30m"),
    ("natural_break", "90s", lambda s: replace(s, natural_break=90.0), "1m30s"),
    ("snooze_choices", "10m; 20m,2h", lambda s: replace(s, snooze_choices=(600.0, 1200.0, 7200.0)),
     "10m, 20m, 2h"),
    ("day_start", "7:30", lambda s: replace(s, day_start=time(7, 30)), "07:30"),
    ("breathing.hold_after_inhale", "4s",
     lambda s: replace(s, breathing=replace(s.breathing, hold_after_inhale=4.0)), "4s"),
    ("breathing.hold_after_exhale", "10s",
     lambda s: replace(s, breathing=replace(s.breathing, hold_after_exhale=10.0)), "10s"),
    ("breathing.length", "5m", lambda s: replace(s, breathing=replace(s.breathing, length=300.0)),
     "5m"),
    ("rotation.hold", "30s", lambda s: replace(s, rotation=replace(s.rotation, hold=30.0)), "30s"),
    ("busy.grace", "2m", lambda s: replace(s, busy=replace(s.busy, grace=120.0)), "2m"),
    ("busy.max_hold", "90m", lambda s: replace(s, busy=replace(s.busy, max_hold=5400.0)),
     "1h30m"),
    ("busy.typing_lull", "5s", lambda s: replace(s, busy=replace(s.busy, typing_lull=5.0)),
     "5s"),
]


@pytest.mark.parametrize("case", TEXT_FIELDS, ids=[f"{c[0]}-{c[1]}" for c in TEXT_FIELDS])
def test_text_field_applies_on_enter(
    qtbot: QtBot, dialog: SettingsDialog, case: tuple[str, str, Edit, str]
) -> None:
    """Good text in each field emits the whole new Settings and is shown as understood."""
    key, text, edit, shown = case
    field = editor(dialog, key, CheckedLineEdit)

    settings = emitted_settings(qtbot, dialog, lambda: type_into(qtbot, field, text))

    assert settings == edit(Settings())
    assert dialog.settings() == settings
    assert field.line_edit.text() == shown
    assert field.error() is None


BAD_TEXT: list[tuple[str, str, str]] = [
    ("reminder_interval", "45", "is not a duration"),
    ("reminder_interval", "9s", "use 10s to 24h"),
    ("natural_break", "5s", "use 10s to 24h"),
    ("reminder_interval", "25h", "use 10s to 24h"),
    ("natural_break", "", "empty duration"),
    ("snooze_choices", "5m, 5m", "listed twice"),
    ("snooze_choices", "1m,2m,3m,4m,5m,6m,7m", "at most 6"),
    ("snooze_choices", "5m, 3s", "use 10s to 24h"),
    ("snooze_choices", " , ", "at least 1 duration"),
    ("day_start", "25:00", "not a time of day"),
    ("day_start", "8am", "not a time"),
    ("breathing.hold_after_inhale", "11s", "use 0s to 10s"),
    ("breathing.hold_after_exhale", "1m", "use 0s to 10s"),
    ("breathing.length", "30s", "use 1m to 5m"),
    ("breathing.length", "6m", "use 1m to 5m"),
    ("rotation.hold", "0s", "use 1s to 30s"),
    ("rotation.hold", "31s", "use 1s to 30s"),
    ("reminder_interval", "1.5s", "whole number of seconds"),
    ("breathing.hold_after_inhale", "2.5s", "whole number of seconds"),
]


@pytest.mark.parametrize(("key", "text", "reason"), BAD_TEXT)
def test_bad_text_is_refused_with_the_reason(
    qtbot: QtBot, dialog: SettingsDialog, key: str, text: str, reason: str
) -> None:
    """Bad text emits nothing, stays for correction and shows why, also to screen readers."""
    field = editor(dialog, key, CheckedLineEdit)
    dialog.show()

    with qtbot.assertNotEmitted(dialog.settings_edited):
        type_into(qtbot, field, text)

    assert dialog.settings() == Settings()
    assert field.line_edit.text() == text
    assert reason in (field.error() or "")
    assert field.error_label.isVisibleTo(field)
    assert reason in field.error_label.text()
    assert reason in field.line_edit.accessibleDescription()
    assert field.line_edit.actions(), "the field carries a warning icon"


def test_correcting_refused_text_applies_and_clears_the_mark(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """After a refusal, good text applies and the reason, icon and description go away."""
    field = editor(dialog, "reminder_interval", CheckedLineEdit)
    dialog.show()
    type_into(qtbot, field, "5s")

    settings = emitted_settings(qtbot, dialog, lambda: type_into(qtbot, field, "20m"))

    assert settings.reminder_interval == 1200.0
    assert field.error() is None
    assert not field.error_label.isVisibleTo(field)
    assert field.line_edit.accessibleDescription() == dialog.schema.fields[
        "reminder_interval"].spec.help, "the description is the setting's help again"
    assert not field.line_edit.actions()


def test_the_breathing_rhythm_shows_what_the_settings_make(
    qtbot: QtBot, dialog: SettingsDialog,
) -> None:
    """The dialog shows the breath the pace and holds make, and follows each edit: a hold is
    added to the breath, never taken from breathing in or out.
    """
    assert dialog.rhythm is not None
    assert dialog.rhythm.text() == "4 s in · 6 s out (6 breaths a minute)"

    type_into(qtbot, editor(dialog, "breathing.hold_after_inhale", CheckedLineEdit), "2s")

    assert dialog.rhythm.text() == "4 s in · 2 s hold · 6 s out (5 breaths a minute)"
    dialog.set_settings(Settings(breathing=BreathingSettings(
        breaths_per_minute=10, hold_after_inhale=10, hold_after_exhale=10)))
    assert dialog.rhythm.text() == ("2.4 s in · 10 s hold · 3.6 s out · 10 s hold "
                                    "(2.3 breaths a minute)")


def test_enter_in_a_field_does_not_close_the_dialog(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Enter applies the field and leaves the dialog open."""
    dialog.show()

    type_into(qtbot, editor(dialog, "natural_break", CheckedLineEdit), "4m")

    assert dialog.isVisible()


@pytest.mark.parametrize(
    ("key", "edit"),
    [
        ("pre_prompt_notification", lambda s: replace(s, pre_prompt_notification=True)),
        ("start_at_login", lambda s: replace(s, start_at_login=True)),
        ("stand_up_suggestion", lambda s: replace(s, stand_up_suggestion=False)),
        ("busy.microphone", lambda s: replace(s, busy=replace(s.busy, microphone=False))),
        ("busy.typing", lambda s: replace(s, busy=replace(s.busy, typing=False))),
    ],
)
def test_check_box_applies_at_once(
    qtbot: QtBot, dialog: SettingsDialog, key: str, edit: Edit
) -> None:
    """Ticking a check box emits the new Settings."""
    box = editor(dialog, key, CheckEditor)

    settings = emitted_settings(qtbot, dialog, box.click)

    assert settings == edit(Settings())


def test_order_and_motion_choices_apply(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Choosing random order and reduced motion emits each as a proper enum value."""
    order = editor(dialog, "order", ChoiceEditor)
    motion = editor(dialog, "reduced_motion", ChoiceEditor)
    by_order = emitted_settings(qtbot, dialog, lambda: order.setCurrentIndex(1))
    by_motion = emitted_settings(qtbot, dialog, lambda: motion.setCurrentIndex(1))

    assert by_order.order is Order.RANDOM
    assert by_motion.reduced_motion is ReducedMotion.ON
    assert by_motion.order is Order.RANDOM


def test_spin_boxes_apply_within_their_limits(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Pace, inhale share and turns apply, and values beyond the limits are held at them."""
    pace = editor(dialog, "breathing.breaths_per_minute", NumberEditor)
    inhale = editor(dialog, "breathing.inhale_ratio", WholeNumberEditor)
    repetitions = editor(dialog, "rotation.repetitions", WholeNumberEditor)
    emitted_settings(qtbot, dialog, lambda: pace.setValue(7.5))
    emitted_settings(qtbot, dialog, lambda: inhale.setValue(50))
    emitted_settings(qtbot, dialog, lambda: repetitions.setValue(8))
    emitted_settings(qtbot, dialog, lambda: pace.setValue(30.0))

    settings = emitted_settings(qtbot, dialog, lambda: repetitions.setValue(0))

    assert settings.breathing == BreathingSettings(breaths_per_minute=10.0, inhale_ratio=0.5)
    assert settings.rotation == RotationSettings(repetitions=1)


def test_typed_pace_applies_when_editing_finishes(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Typing in the pace box applies once, on Enter, not at every keystroke."""
    pace = editor(dialog, "breathing.breaths_per_minute", NumberEditor)
    pace.lineEdit().selectAll()
    QTest.keyClicks(pace, "8")

    with qtbot.waitSignal(dialog.settings_edited) as blocker:
        QTest.keyClick(pace, Qt.Key.Key_Return)

    assert blocker.args[0].breathing.breaths_per_minute == 8.0


def test_unchecking_an_exercise_removes_it(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Unticking posture leaves breathing and rotation, in order."""
    item = editor(dialog, "exercises", ExerciseListEditor).list.item(2)

    settings = emitted_settings(qtbot, dialog, lambda: item.setCheckState(Qt.CheckState.Unchecked))

    assert settings.exercises == ("breathing", "rotation")


def test_moving_an_exercise_changes_the_order(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Selecting posture and pressing Move up twice puts it first."""
    exercises = editor(dialog, "exercises", ExerciseListEditor)
    exercises.list.setCurrentRow(2)

    emitted_settings(qtbot, dialog, exercises.up.click)
    settings = emitted_settings(qtbot, dialog, exercises.up.click)

    assert settings.exercises == ("posture", "breathing", "rotation")
    assert not exercises.up.isEnabled()


def test_turning_off_the_last_exercise_is_refused(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog]
) -> None:
    """The last ticked exercise stays ticked, nothing is emitted, and the reason is shown."""
    dialog = make_dialog(Settings(exercises=("rotation",)))
    dialog.show()
    exercises = editor(dialog, "exercises", ExerciseListEditor)
    item = exercises.list.item(0)

    with qtbot.assertNotEmitted(dialog.settings_edited):
        item.setCheckState(Qt.CheckState.Unchecked)

    assert item.checkState() == Qt.CheckState.Checked
    assert exercises.enabled_ids() == ("rotation",)
    assert "at least one exercise" in exercises.message.text()
    assert exercises.message.isVisibleTo(exercises)


def test_disabled_exercises_are_listed_after_enabled_ones(
    make_dialog: Callable[..., SettingsDialog],
) -> None:
    """The list shows enabled exercises in their order, then the others unticked."""
    dialog = make_dialog(Settings(exercises=("posture", "breathing")))
    exercises = editor(dialog, "exercises", ExerciseListEditor)
    texts = [exercises.list.item(row).text() for row in range(3)]

    assert texts == ["Posture check", "Breathing", "Thoracic rotation"]
    assert exercises.list.item(2).checkState() == Qt.CheckState.Unchecked


def test_set_settings_shows_them_without_emitting(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Loading settings from outside updates every field, clears refusals and emits nothing."""
    dialog.show()
    interval = editor(dialog, "reminder_interval", CheckedLineEdit)
    type_into(qtbot, interval, "1s")
    reloaded = Settings(
        reminder_interval=1800.0, order=Order.RANDOM, start_at_login=True,
        exercises=("rotation",), breathing=BreathingSettings(breaths_per_minute=5.0),
        working_hours={**Settings().working_hours, "mon": ()},
    )

    with qtbot.assertNotEmitted(dialog.settings_edited):
        dialog.set_settings(reloaded)

    assert dialog.settings() == reloaded
    assert interval.line_edit.text() == "30m"
    assert interval.error() is None
    assert editor(dialog, "order", ChoiceEditor).currentIndex() == 1
    assert editor(dialog, "start_at_login", CheckEditor).isChecked()
    assert editor(dialog, "exercises", ExerciseListEditor).enabled_ids() == ("rotation",)
    assert editor(dialog, "breathing.breaths_per_minute", NumberEditor).value() == 5.0
    assert dialog.hours.days["mon"].current_mode() is DayMode.OFF


def test_restore_defaults_asks_and_does_nothing_when_declined(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], confirm: ScriptedConfirm
) -> None:
    """Declining the question keeps every setting and emits nothing."""
    custom = Settings(reminder_interval=600.0)
    dialog = make_dialog(custom)
    confirm.answer = False

    with qtbot.assertNotEmitted(dialog.settings_edited):
        dialog.restore_button.click()

    assert len(confirm.questions) == 1
    assert "Restore all settings to their defaults?" in confirm.questions[0]
    assert dialog.settings() == custom
    assert editor(dialog, "reminder_interval", CheckedLineEdit).line_edit.text() == "10m"


def test_restore_defaults_when_confirmed(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], confirm: ScriptedConfirm
) -> None:
    """Confirming asks to restore every setting, and shows the defaults."""
    dialog = make_dialog(Settings(reminder_interval=600.0, start_at_login=True))
    confirm.answer = True

    with qtbot.waitSignal(dialog.defaults_restored, timeout=1000) as restored:
        dialog.restore_button.click()

    assert restored.args == [tuple(k for k, f in dialog.schema.fields.items() if f.type.kept)]
    assert dialog.settings() == Settings()
    assert editor(dialog, "reminder_interval", CheckedLineEdit).line_edit.text() == "45m"
    assert not editor(dialog, "start_at_login", CheckEditor).isChecked()


def test_restore_defaults_question_names_every_tab_it_resets(
    qtbot: QtBot, make_dialog: Callable[..., SettingsDialog], confirm: ScriptedConfirm
) -> None:
    """The question says what goes back: the tab of each setting that is reset is named
    (breathing, natural break, sound... not only a few chosen ones).
    """
    dialog = make_dialog(Settings())
    confirm.answer = False

    dialog.restore_button.click()

    (question,) = confirm.questions
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert all(f'"{title}"' in question for title in titles), question
    assert question.startswith("Restore all settings to their defaults?\n\nEvery setting on "
                               "the ")
    assert question.endswith(" tabs goes back to its default. This cannot be undone.")


def _controls(dialog: SettingsDialog) -> list[QWidget]:
    kinds = (QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QListWidget)
    found = [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds)]
    # A spin box's inner line edit and the tab bar's scroll buttons are parts, not controls.
    return [w for w in found if not isinstance(w.parent(), (QAbstractSpinBox,))
            and type(w).__name__ != "QToolButton"]


def test_every_control_has_an_accessible_name(dialog: SettingsDialog) -> None:
    """Screen readers get a name for every control."""
    nameless = [
        w.objectName() or type(w).__name__
        for w in _controls(dialog)
        if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
    ]

    assert nameless == []


def test_every_form_label_has_a_buddy(dialog: SettingsDialog) -> None:
    """Each form label points at its field, so its mnemonic focuses the field."""
    labels = [
        label
        for form in dialog.findChildren(QFormLayout)
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(label := item.widget(), QLabel)
        and label.text()
    ]

    assert labels
    assert [label.text() for label in labels if label.buddy() is None] == []


def test_tab_key_reaches_every_field_on_the_first_page(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    """Pressing Tab from the first field walks through every field of the Reminders page."""
    def line(key: str) -> QWidget:
        return editor(dialog, key, CheckedLineEdit).line_edit

    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    line("reminder_interval").setFocus()
    qtbot.waitUntil(line("reminder_interval").hasFocus)
    visited = []
    for _ in range(6):
        visited.append(dialog.focusWidget())
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)

    assert visited[:6] == [
        line("reminder_interval"), line("natural_break"), line("snooze_choices"),
        line("day_start"), dialog.editor("pre_prompt_notification"),
        dialog.editor("start_at_login"),
    ]


def test_the_busy_signals_have_their_own_tab(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Every [busy] key is on the "While busy" tab, in its group."""
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    page = tabs.widget(titles.index("While busy"))
    assert page is not None

    for key in ("busy.do_not_disturb", "busy.fullscreen", "busy.idle_inhibited",
                "busy.microphone", "busy.camera", "busy.screen_sharing", "busy.typing",
                "busy.typing_lull", "busy.grace", "busy.max_hold"):
        assert page.isAncestorOf(dialog.editors[key]), key
