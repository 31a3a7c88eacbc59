"""About / diagnostics: what deskbreath knows about itself.

Versions, the idle backend at work, live idle seconds, how offers are shown, every
busy-signal backend with its current answer, and warnings.

It exists for the silent failures users hate: idle detection that does not work, and a
prompt that does not appear. The view says which idle backend won, what the others said,
shows the idle time moving live, says how this session shows offers and why, and lists each
busy signal's backend, whether it works here, and what it says now (or why it cannot tell).
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from itertools import groupby

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from deskbreath import __version__
from deskbreath.core.idle import IdleHealth
from deskbreath.core.sitting import SittingTracker
from deskbreath.core.wording import hold_reason_name, idle_warning
from deskbreath.desktop.busy.base import BusySource
from deskbreath.desktop.offers.detect import OfferChoice
from deskbreath.i18n import _
from deskbreath.paths import Paths
from deskbreath.qt.language import QtFormats
from deskbreath.qt.windows.fit import fit_height

LIVE_MS = 1000
#: The busy backends are asked every this many live ticks while the dialog is open.
BUSY_EVERY = 3


def busy_answer(source: BusySource) -> str:
    """What one busy backend says now, for people.

    "busy", "not busy" or why it cannot tell.
    """
    try:
        busy = source.is_busy()
    except Exception as error:  # a broken backend is shown, never fatal here
        return _("fails: %(error)s") % {"error": error}
    if busy is None:
        why = _(source.problem) if source.problem else _("no answer")  # N_ constants mostly
        return _("cannot tell here: %(why)s") % {"why": why}
    return _("busy now") if busy else _("not busy")


def _verbatim(label: QLabel) -> QLabel:
    """Mark a label whose text is data, shown as it is in every language.

    Such text is a backend's or file's name, or log lines; tests/qt/test_pseudo_locale.py
    skips it.
    """
    label.setProperty("verbatim", True)
    return label


class DiagnosticsDialog(QDialog):
    """Shows what deskbreath knows about itself.

    The idle time refreshes every second while the dialog is open (and only then).

    Args:
        offers: how this session shows offers (None: not known, e.g. in a test).
    """

    def __init__(self, tracker: SittingTracker, health: IdleHealth, paths: Paths,
                 detection_log: Sequence[str], parent: QWidget | None = None, *,
                 offers: OfferChoice | None = None, busy_sources: Sequence[BusySource] = (),
                 notifier_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("deskbreath-diagnostics")
        self.setWindowTitle(_("About deskbreath"))
        self._tracker = tracker
        self._health = health

        title = QLabel(f"<b>deskbreath {__version__}</b><br>"
                       + _("Belly breathing, thoracic rotation and posture checks, at the "
                           "right moment."))
        title.setWordWrap(True)
        form = QFormLayout()
        self.backend_label = _verbatim(QLabel(tracker.idle_source.name))
        self.backend_label.setAccessibleName(_("Idle backend"))
        self.idle_label = QLabel("–")
        self.idle_label.setAccessibleName(_("Idle seconds"))
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName(_("Warning"))
        tried = _verbatim(QLabel("\n".join(detection_log) or "–"))  # log lines
        tried.setWordWrap(True)
        tried.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("Idle backend:"), self.backend_label)
        form.addRow(_("Idle now:"), self.idle_label)
        form.addRow(_("Backends tried:"), tried)
        self.offers_label = QLabel(offers.summary if offers else "–")
        self.offers_label.setWordWrap(True)
        self.offers_label.setAccessibleName(_("How offers are shown"))
        self.offers_reason_label = QLabel(offers.reason if offers else "–")
        self.offers_reason_label.setWordWrap(True)
        self.offers_reason_label.setAccessibleName(_("Why offers are shown this way"))
        form.addRow(_("Offers:"), self.offers_label)
        form.addRow(_("Why:"), self.offers_reason_label)
        self._busy_sources = tuple(busy_sources)
        self._busy_ticks = 0
        self.busy_labels: list[tuple[QLabel, list[BusySource]]] = []
        for reason, group in groupby(self._busy_sources, key=lambda s: s.reason):
            answers = _verbatim(QLabel())  # backend names with translated answers
            answers.setWordWrap(True)
            answers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            answers.setAccessibleName(hold_reason_name(reason))
            self.busy_labels.append((answers, list(group)))
            form.addRow(_("%(signal)s:") % {"signal": hold_reason_name(reason)}, answers)
        if notifier_name:
            form.addRow(_("Notifications:"), _verbatim(QLabel(notifier_name)))
        for label, path in ((_("Settings file:"), paths.settings_file),
                            (_("Log file:"), paths.log_file),
                            (_("Health log:"), paths.health_log)):
            value = _verbatim(QLabel(str(path)))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        form.addRow(_("Runtime:"), _verbatim(QLabel(f"Python {platform.python_version()}, "
                                          f"PySide6 {pyside_version}, {platform.system()}")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.warning_label)
        layout.addWidget(buttons)

        self._live = QTimer(self)
        self._live.setObjectName("deskbreath-diagnostics-live")
        self._live.setInterval(LIVE_MS)
        self._live.timeout.connect(self._on_live_timeout)
        self.finished.connect(self._live.stop)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Grow to the height the wrapped text needs in this language."""
        super().showEvent(event)
        fit_height(self)  # wrapped text that is long in this language keeps all its lines

    def open_live(self) -> None:
        """Show the dialog and start the live idle display."""
        self.refresh()
        self._live.start()
        self.show()
        self.raise_()
        self.activateWindow()  # opened on the user's request: focus is expected here

    def refresh(self) -> None:
        """Show the idle backend, its idle seconds and any warning afresh; ask the busy backends."""
        source = self._tracker.idle_source
        self.backend_label.setText(source.name)
        idle = source.idle_seconds()
        self.idle_label.setText(_("no idle information") if idle is None
                                else _("%(seconds)s s") % {"seconds": QtFormats().number(idle, 1)})
        problem = self._health.problem(source)
        warning = "" if problem is None else f"⚠ {idle_warning(problem, source.name)}"
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self.refresh_busy()

    def refresh_busy(self) -> None:
        """Ask every busy backend now and show what each says."""
        for label, sources in self.busy_labels:
            label.setText("\n".join(f"{s.name}: {busy_answer(s)}" for s in sources))

    def _on_live_timeout(self) -> None:
        self._busy_ticks += 1
        source = self._tracker.idle_source
        idle = source.idle_seconds()
        self.idle_label.setText(_("no idle information") if idle is None
                                else _("%(seconds)s s") % {"seconds": QtFormats().number(idle, 1)})
        if self._busy_ticks % BUSY_EVERY == 0:
            self.refresh_busy()

