"""The controller: the one place that turns intents into state changes.

Widgets (tray, status window, prompt windows, the settings dialog) and the local socket only
emit intents; the controller updates the sitting tracker and reminder policy, schedules the
next check, offers prompts and tells everyone the new status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from deskbreath.core.clock import Clock
from deskbreath.core.command_rules import Command, Situation, refusal
from deskbreath.core.commands import CommandError
from deskbreath.core.exercises import Catalogue, packaged_catalogue
from deskbreath.core.health import Journal
from deskbreath.core.history import Outcome, Result
from deskbreath.core.idle import IdleHealth, IdleSource, activity_events, is_healthy
from deskbreath.core.localtime import next_day_start, seconds_between, shift
from deskbreath.core.policy import HoldReason, Mode, Moment, ReminderPolicy, Status
from deskbreath.core.prompt_commands import PromptAction, prompt_refusal
from deskbreath.core.report import Presentation, status_document
from deskbreath.core.runtime_state import StateKeeper, StateStore
from deskbreath.core.settings.model import Settings
from deskbreath.core.sitting import ACTIVE_GRACE, SittingSnapshot, SittingTracker
from deskbreath.core.wording import (
    clock_time,
    exercise_mid_sentence,
    humanize,
    idle_warning,
    status_line,
)
from deskbreath.desktop.busy.base import BusySource
from deskbreath.desktop.notifications.base import Notifier
from deskbreath.i18n import _
from deskbreath.qt.attention import SNOOZE_ACTION, START_ACTION, Attention
from deskbreath.qt.language import QtFormats
from deskbreath.qt.presence import PresenceWatch
from deskbreath.qt.scheduler import JobScheduler

log = logging.getLogger(__name__)

NEXT_CHECK_JOB = "next-check"
PRE_PROMPT_JOB = "pre-prompt"
PRE_PROMPT_LEAD = 60.0
#: A difference this large between wall and monotonic time elapsed means the clock was changed.
CLOCK_JUMP = 30.0
#: While resting on the idle backend's events, a check this often still runs (seconds): an
#: event lost with a restarting compositor costs at most this much, never a stuck tracker.
REST_CHECK_S = 300.0


class PromptView(Protocol):
    """What the controller needs from a prompt window."""

    @property
    def snooze_requested(self) -> SignalInstance:
        """Emitted with the snooze length in seconds."""
        ...

    @property
    def finished(self) -> SignalInstance:
        """Emitted once with the :class:`Outcome` when the window closes for any reason."""
        ...

    @property
    def started(self) -> SignalInstance:
        """Emitted when the user starts the exercise."""
        ...

    def present(self) -> None:
        """Offer the exercise without taking keyboard focus.

        A window on top in a corner, or the tray's waiting state where a window would take
        focus.
        """
        ...

    def begin(self) -> None:
        """Show the window and start the exercise right away (the user asked for it)."""
        ...

    def snooze(self, seconds: float) -> None:
        """Close the offer as snoozed; emits ``snooze_requested`` and ``finished``."""
        ...

    def deleteLater(self) -> None:
        """Free the window once its signals are done."""
        ...

    def close_as_missed(self) -> None:
        """Close because the user went away; emits ``finished`` with ``Result.MISSED``."""
        ...

    def close_as_interrupted(self, *, close: bool = True) -> None:
        """The app is ending; emits ``finished`` with ``Result.INTERRUPTED``.

        ``Result.DONE`` if the exercise had reached its end. ``close=False`` leaves the window
        alone (the display server is gone).
        """
        ...

    def skip(self) -> None:
        """Close the offer as skipped; emits ``finished`` with ``Result.SKIPPED``."""
        ...

    def reveal(self) -> None:
        """Show the window if it is not on screen yet, raise it and ask for the keyboard.

        The user asked for it.
        """
        ...


WindowActivator = Callable[[PromptView, str | None], None]
"""Gives a prompt's window the keyboard in a way the window manager honours for a request
the user made (:mod:`deskbreath.qt.activation`); the second argument is an XDG activation
token or None."""


PromptFactory = Callable[[str], PromptView]


class Controller(QObject):
    """Decides what happens; see the module docstring.

    The ``catalogue`` says which exercises there are (``start_now`` refuses any other id)
    and what they are called in messages and the status line; the shipped one if not given.

    Signals:
        status_changed(Presentation): after every change, and on each tick.
        notice(str, str): a one-off message for the user (title, text).
        show_requested(): the user (or a second launch) asked to see the app.
        settings_requested(): open the settings dialog.
        diagnostics_requested(): open the About / diagnostics view.
        statistics_requested(): open the statistics window.
        quit_requested(): the app should end.
    """

    # A Python class as a signal type: PySide6 (checked on 6.11) carries it as "PyObject", so
    # each slot gets this very object, typed. Neither Qt nor mypy checks what is emitted,
    # so the emit sites pass nothing else. (dict and list would be converted: see
    # ExerciseWidget.completed.)
    status_changed = Signal(Presentation)
    notice = Signal(str, str)
    show_requested = Signal()
    settings_requested = Signal()
    diagnostics_requested = Signal()
    statistics_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        *,
        clock: Clock,
        tracker: SittingTracker,
        policy: ReminderPolicy,
        scheduler: JobScheduler,
        prompt_factory: PromptFactory,
        catalogue: Catalogue | None = None,
        replace_idle: Callable[[IdleSource], IdleSource] | None = None,
        busy_sources: Sequence[BusySource] = (),
        journal: Journal | None = None,
        notifier: Notifier | None = None,
        state_store: StateStore | None = None,
        activate_window: WindowActivator | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue or packaged_catalogue()
        self._clock = clock
        self._tracker = tracker
        self._policy = policy
        self._scheduler = scheduler
        self._prompt_factory = prompt_factory
        self._replace_idle = replace_idle
        self._busy_sources = tuple(busy_sources)
        self._journal = journal  # the health log's bouts, offers, starts and holds
        self._activate_window = activate_window
        self._busy_failed: set[str] = set()  # sources whose failure is logged already
        self._busy: frozenset[HoldReason] = frozenset()
        self._attention = Attention(
            policy=policy, clock=clock, catalogue=self._catalogue, notifier=notifier,
            still_typing=lambda: bool(self._ask_busy_sources(only=HoldReason.TYPING)),
            refresh=self.refresh, on_action=self._on_notification_action,
            notice=self.notice.emit, parent=self)
        self._prompt: PromptView | None = None
        self._prompt_exercise: str | None = None
        self._prompt_offered = False  # offered by the policy (not started by the user)
        self._health = IdleHealth()
        self._last_moment = self._moment()
        self._tick = QTimer(self)
        self._tick.setObjectName("deskbreath-sitting-tick")
        self._tick.timeout.connect(self._on_tick_timeout)
        self._presence = PresenceWatch(self)
        self._presence.user_returned.connect(self._on_presence_user_returned)
        self._presentation: Presentation | None = None
        self._started = False
        self._stopped = False
        self._refreshing = False
        self._refresh_pending = False
        self._state = None if state_store is None else StateKeeper(state_store, clock)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Take back the state saved before the last quit and begin ticking.

        Schedules the first check.
        """
        self._started = True
        self._stopped = False
        if self._state is not None:
            restored = self._state.restore(self._policy, self._tracker, self._moment())
            if restored is not None and restored.bout is not None and self._journal:
                bout = restored.bout  # the same bout: the health log goes on with its record
                self._journal.continue_bout(bout.started, bout.last_active, bout.sitting,
                                            self._tracker.snapshot().bout_id)
        self._tick.start(self._tick_ms())
        self.refresh()

    def stop(self, *, display_gone: bool = False) -> None:
        """The app is ending: record and save everything for the next start.

        Records the prompt on screen as interrupted, stops ticking, drops the scheduled checks,
        saves the state (with the bout as it is now) for the next start and ends the health
        log's bout under way as a quit (a next start that continues the bout takes that record
        up again). Safe to call twice.

        Args:
            display_gone: the display server is gone: record, but do not close the window
                (a call into a dead display connection may crash or end the process); the
                idle time is not read again either (X11's comes from that display).
        """
        self._stopped = True  # before the prompt closes: its end must not offer the next one
        if self._prompt is not None:
            log.info("quitting with the %s prompt on screen", self._prompt_exercise)
            self._prompt.close_as_interrupted(close=not display_gone)
        self._started = False
        self._tick.stop()
        self._stop_resting()
        self._presence.stop()
        self._attention.stop()
        self._scheduler.cancel(NEXT_CHECK_JOB)
        self._scheduler.cancel(PRE_PROMPT_JOB)
        if not display_gone:
            self._tracker.update()
        if self._state is not None:
            self._state.save(self._policy, self._tracker, self._moment(),
                             bout_started=self._journal_bout_start())
        if self._journal is not None:
            self._journal.close(self._clock.now())

    @property
    def settings(self) -> Settings:
        """The settings in force (the reminder policy's)."""
        return self._policy.settings

    @property
    def presentation(self) -> Presentation:
        """The status as the views show it; computed now if no refresh has run yet."""
        if self._presentation is None:
            self._presentation = self._present(self._moment())
        return self._presentation

    @property
    def idle_health(self) -> IdleHealth:
        """What the idle readings so far say about the idle source (for its warning)."""
        return self._health

    def configure(self, settings: Settings) -> None:
        """Apply new settings at once (from the dialog, a hand edit or a command)."""
        self._policy.configure(settings)
        self._tracker.natural_break = settings.natural_break
        self._tick.setInterval(self._tick_ms())
        self.refresh()

    # -- the loop --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read activity now, offer a prompt if one is due, reschedule, and tell the views.

        A refresh asked for while one runs (a prompt closing inside it) runs right after it,
        so every pass works on a fresh snapshot and views hear of each change once.
        """
        if self._refreshing:
            self._refresh_pending = True
            return
        self._refreshing = True
        try:
            self._refresh_pending = True
            while self._refresh_pending:
                self._refresh_pending = False
                self._refresh_once()
        finally:
            self._refreshing = False

    def _refresh_once(self) -> None:
        now = self._moment()
        self._check_clock_jump(now)
        self._check_idle_source()
        snapshot = self._tracker.update()
        if self._journal is not None:
            self._journal.observe(snapshot, now.wall, now.monotonic)
        self._policy.advance(snapshot, now)
        self._health.observe(snapshot.idle_seconds, now.monotonic)
        if self._prompt is not None and self._prompt_offered and not snapshot.present:
            log.info("user went away while a prompt was offered; closing it")
            self._prompt.close_as_missed()
        if self._policy.needs_busy_check(snapshot, now):  # never on an idle tick
            self._policy.set_busy(self._ask_busy_sources(), snapshot, now)
        else:
            self._busy = frozenset()
        self._attention.watch_for_lull(snapshot, now)
        self._attention.nudge_if_due(snapshot, now)
        if self._policy.is_due(snapshot, now):
            exercise = self._policy.next_exercise
            if exercise is not None:
                self._offer(exercise, offered=True)
        self._attention.escalate_if_due(now, self._prompt_exercise)
        if self._started:
            self._presence.watch(self._tracker.idle_source, idle_seconds=snapshot.idle_seconds,
                                 away=not snapshot.present and not snapshot.away_reasons)
        presentation = self._present(now)
        if self._journal is not None:
            hold = presentation.status.held_back
            self._journal.hold_changed(
                self._policy.next_exercise, None if hold is None else hold.reason.value,
                None if hold is None else hold.since, now.wall)
        self._reschedule(now, presentation.status)
        self._settle_tick(snapshot, now)
        self._presentation = presentation
        if self._state is not None:
            self._state.save_if_changed(self._policy, self._tracker, now,
                                        bout_started=self._journal_bout_start())
        self.status_changed.emit(self._presentation)

    def set_away(self, reason: str, away: bool) -> None:
        """The screen locked/unlocked or the machine is going to sleep/woke up."""
        log.info("away %s: %s", reason, away)
        snapshot = self._tracker.set_away(reason, away)
        if snapshot.away_reasons:
            self._tick.stop()  # nothing to count while locked or asleep
            self._stop_resting()
        else:
            self._last_moment = self._moment()
            if not self._tick.isActive() and self._started:
                self._tick.start()
            if reason == "asleep":
                # The wake-up timer did not run during the suspend: look at the jobs now.
                self._scheduler.wakeup()
        self.refresh()

    def busy_reasons(self) -> frozenset[HoldReason]:
        """What the busy sources switched on in ``[busy]`` say, asked now.

        Not the answer of the last due check: for what must stay quiet while the user is busy,
        such as the pacer's tones.
        """
        return self._ask_busy_sources()

    def _ask_busy_sources(self, only: HoldReason | None = None) -> frozenset[HoldReason]:
        """What the busy sources switched on in ``[busy]`` say now.

        ``only``: just those for that reason. One that cannot tell or fails counts as not busy
        (a broken source must not hold prompts back for good).
        """
        reasons: set[HoldReason] = set()
        for source in self._busy_sources:
            if not self.settings.busy.watches(source.reason.setting):
                continue
            if only is not None and source.reason is not only:
                continue
            try:
                busy = source.is_busy()
            except Exception:  # a backend's bug must not stop the reminders
                if source.name not in self._busy_failed:
                    self._busy_failed.add(source.name)
                    log.exception("busy source %s failed; counting it as not busy", source.name)
                continue
            if busy:
                reasons.add(source.reason)
        busy_now = frozenset(reasons)
        if only is not None:
            return busy_now
        if busy_now != self._busy:
            log.info("busy: %s", ", ".join(sorted(busy_now)) or "no longer")
            self._busy = busy_now
        return busy_now

    def _on_notification_action(self, action: str) -> None:
        """A notification's button (or a click on it, which is "Start now")."""
        try:
            if action == START_ACTION:
                if self._prompt is not None and self._prompt_offered:
                    self._prompt.begin()
                else:
                    self.start_now(None)
            elif action == SNOOZE_ACTION:
                self.snooze(None)
            else:
                log.info("unknown notification action %r ignored", action)
        except CommandError as error:
            self.notice.emit("deskbreath", str(error))

    def _on_tick_timeout(self) -> None:
        self.refresh()

    def _journal_bout_start(self) -> datetime | None:
        return None if self._journal is None else self._journal.bout_start

    def _on_presence_user_returned(self) -> None:
        log.info("input again after being away")
        self.refresh()

    def _on_scheduler_next_check(self) -> None:
        self.refresh()  # the scheduler runs it after its bookkeeping (qt/scheduler.py)

    def _on_scheduler_pre_prompt(self) -> None:
        exercise = self._policy.next_exercise
        if exercise is not None and self._prompt is None:
            self._attention.pre_prompt(exercise)

    # -- ticking, or resting until the idle backend's event ---------------------------------

    def _tick_ms(self) -> int:
        """The tick's period in ms.

        The tracker's while counting, :data:`REST_CHECK_S` (at least) while resting on an
        event.
        """
        seconds = self._tracker.tick_interval
        if self._tracker.resting:
            seconds = max(seconds, REST_CHECK_S)
        return int(seconds * 1000)

    def _settle_tick(self, snapshot: SittingSnapshot, now: Moment) -> None:
        """After a refresh, rest on the idle backend's events or tick.

        Rest when nothing but the user's return (or the natural break) can change a decision.

        Resting needs a backend that reports input and idle crossings as events
        (:class:`~deskbreath.core.idle.ActivityEvents`), a user idle for at least
        :data:`~deskbreath.core.sitting.ACTIVE_GRACE` (so no sitting time is counting), no
        prompt on screen and none due or held back (a hold waits for a lull, which the tick
        notices). Locked or asleep, :meth:`set_away` stops the tick already.
        """
        if not self._started or self._stopped or snapshot.away_reasons:
            return
        events = activity_events(self._tracker.idle_source)
        idle = snapshot.idle_seconds
        if (events is not None and idle is not None and idle >= ACTIVE_GRACE
                and self._prompt is None and not self._policy.needs_busy_check(snapshot, now)):
            natural_break = self._tracker.natural_break
            threshold = natural_break if snapshot.present and idle < natural_break else None
            if events.watch(threshold, self._on_activity_event):
                log.debug("resting until input%s", "" if threshold is None
                          else f" or {threshold:.0f} s idle")
                self._tracker.rest()
                self._tick.start(self._tick_ms())  # only a slow check while resting
                # The watch reports the return at once: the away watch need not poll.
                self._presence.watch(self._tracker.idle_source, away=False, idle_seconds=idle)
                return
        elif events is not None:
            events.unwatch()
        if not self._tick.isActive() or self._tick.interval() != self._tick_ms():
            self._tick.start(self._tick_ms())

    def _stop_resting(self) -> None:
        events = activity_events(self._tracker.idle_source)
        if events is not None:
            events.unwatch()

    def _on_activity_event(self) -> None:
        """The user gave input, or the idle time reached the natural break."""
        if self._started and not self._stopped:
            self.refresh()

    def _check_idle_source(self) -> None:
        source = self._tracker.idle_source
        if self._replace_idle is None or is_healthy(source):
            return
        log.warning("idle backend %s stopped answering; looking for another", source.name)
        self._stop_resting()
        replacement = self._replace_idle(source)
        log.warning("idle backend now: %s", replacement.name)
        self._tracker.replace_idle_source(replacement)

    def _moment(self) -> Moment:
        return Moment(self._clock.monotonic(), self._clock.now(), self._clock.zone())

    def _check_clock_jump(self, now: Moment) -> None:
        wall = (now.wall - self._last_moment.wall).total_seconds()
        mono = now.monotonic - self._last_moment.monotonic
        self._last_moment = now
        if abs(wall - mono) > CLOCK_JUMP:
            log.info("wall clock moved by %+.0f s against monotonic time; rescheduling",
                     wall - mono)
            self._scheduler.cancel(NEXT_CHECK_JOB)
            self._scheduler.cancel(PRE_PROMPT_JOB)
            self._scheduler.wakeup()

    def _reschedule(self, now: Moment, status: Status) -> None:
        snapshot = self._tracker.snapshot()
        when = self._policy.next_check(snapshot, now)
        current = self._scheduler.scheduled(NEXT_CHECK_JOB)
        if when is None:
            self._scheduler.cancel(NEXT_CHECK_JOB)
        elif current is None or abs((current - when).total_seconds()) > 1.0:
            self._scheduler.schedule_at(NEXT_CHECK_JOB, when, self._on_scheduler_next_check)
        self._schedule_pre_prompt(now, status)

    def _schedule_pre_prompt(self, now: Moment, status: Status) -> None:
        if (
            not self.settings.pre_prompt_notification
            or status.mode is not Mode.RUNNING
            or status.next_prompt_at is None
            or self._prompt is not None
        ):
            self._scheduler.cancel(PRE_PROMPT_JOB)
            return
        when = shift(status.next_prompt_at, -PRE_PROMPT_LEAD, now.zone)
        if when <= now.wall:
            return
        current = self._scheduler.scheduled(PRE_PROMPT_JOB)
        if current is None or abs((current - when).total_seconds()) > 1.0:
            self._scheduler.schedule_at(PRE_PROMPT_JOB, when, self._on_scheduler_pre_prompt)

    def _present(self, now: Moment) -> Presentation:
        status = self._policy.status(self._tracker.snapshot(), now)
        source = self._tracker.idle_source
        problem = self._health.problem(source)
        warning = None if problem is None else idle_warning(problem, source.name)
        situation = self._situation(status)
        refusals = {command: reason for command in Command
                    if (reason := refusal(command, situation, now.wall, self._catalogue,
                                           formats=QtFormats()))}
        line = status_line(status, now.wall, self._catalogue, QtFormats())
        return Presentation(status=status, line=line, warning=warning, refusals=refusals)

    def _situation(self, status: Status) -> Situation:
        return Situation(status, on_screen=self._prompt_exercise if self._prompt else None,
                         in_progress=self._prompt is not None and not self._prompt_offered,
                         grace=self.settings.busy.grace)

    def _check(self, command: Command, *, named: bool = True) -> Moment:
        """Bring the state up to now and refuse ``command`` if the rules say so.

        Raises:
            CommandError: with the sentence of :func:`deskbreath.core.command_rules.refusal`.
        """
        self.refresh()
        now = self._moment()
        reason = refusal(command, self._situation(self.presentation.status), now.wall,
                         self._catalogue, named=named, formats=QtFormats())
        if reason is not None:
            raise CommandError(reason)
        return now

    # -- prompts ---------------------------------------------------------------------------

    def _offer(self, exercise: str, *, offered: bool, begin: bool = False) -> None:
        if self._prompt is not None:
            return
        log.info("%s prompt: %s", "offering" if offered else "starting", exercise)
        try:
            view = self._prompt_factory(exercise)
        except Exception:  # a broken window must not stop the reminders for good
            log.exception("could not show the %s prompt", exercise)
            self.notice.emit("deskbreath", _(
                "Could not show %(exercise)s; moving on to the next exercise (details in the "
                "log).") % {"exercise": exercise_mid_sentence(exercise, self._catalogue)})
            self._policy.prompt_closed(exercise, self._tracker.snapshot(), answered=True)
            return
        self._prompt = view
        self._prompt_exercise = exercise
        self._prompt_offered = offered
        self._policy.prompt_opened(self._moment(), offered=offered)
        self._scheduler.cancel(PRE_PROMPT_JOB)
        view.snooze_requested.connect(self._on_prompt_snooze_requested)
        view.finished.connect(self._on_prompt_finished)
        view.started.connect(self._on_prompt_started)
        if offered and self._journal is not None:
            self._journal.prompt_offered(exercise, self._clock.now())
        if begin:
            view.begin()  # shows the window itself; an offer would only flash first
        else:
            view.present()
        if offered:
            self._health.prompt_shown(self._clock.monotonic())

    def _on_prompt_started(self) -> None:
        # From now on the user is doing the exercise: no input (eyes closed, breathing) is
        # not absence, and the window must not be closed under them.
        self._prompt_offered = False
        self._policy.prompt_started()
        if self._journal is not None and self._prompt_exercise is not None:
            self._journal.prompt_started(self._prompt_exercise, self._clock.now())

    def _on_prompt_snooze_requested(self, seconds: float) -> None:
        self._policy.snooze(seconds, self._moment())

    def _on_prompt_finished(self, outcome: Outcome) -> None:
        exercise = self._prompt_exercise or outcome.exercise
        if self._prompt is not None:
            self._prompt.deleteLater()
        self._prompt = None
        self._prompt_exercise = None
        self._prompt_offered = False
        log.info("prompt %s ended: %s", exercise, outcome.result.value)
        answered = outcome.result in (Result.DONE, Result.SKIPPED, Result.STOPPED)
        self._policy.prompt_closed(exercise, self._tracker.update(), answered=answered)
        if self._stopped:  # the app is quitting: no next prompt, no more checks
            return
        self.refresh()

    # -- commands (the CommandTarget protocol) ----------------------------------------------

    def start_now(self, exercise: str | None) -> str:
        """Start ``exercise`` (``None``: the next in rotation); an unknown id is refused."""
        if exercise is not None and exercise not in self._catalogue.exercises:
            raise CommandError(_("there is no exercise %(id)r; choose one of %(known)s") % {
                "id": exercise, "known": ", ".join(self._catalogue.ids)})
        self._check(Command.NOW, named=exercise is not None)
        chosen = exercise or self._policy.next_exercise or (self.settings.exercises or (None,))[0]
        if chosen is None:  # the rules refuse this already; kept for the type checker
            raise CommandError(_("no exercise is enabled; enable one in the settings"))
        self._offer(chosen, offered=False, begin=True)
        self.refresh()
        return _("Starting %(exercise)s.") % {
            "exercise": exercise_mid_sentence(chosen, self._catalogue)}

    def snooze(self, seconds: float | None) -> str:
        """Snooze the next prompt; an offer on screen closes as snoozed."""
        length = seconds if seconds is not None else self.settings.snooze_choices[0]
        if length <= 0:
            raise CommandError(_("a snooze must be longer than zero"))
        now = self._check(Command.SNOOZE)
        if self._prompt is not None and self._prompt_offered:
            self._prompt.snooze(length)  # records the outcome and asks for the snooze
        else:
            self._policy.snooze(length, now)
        self.refresh()
        return _("Snoozed for %(duration)s.") % {"duration": humanize(length)}

    def pause(self, *, seconds: float | None = None, until: datetime | None = None,
              until_tomorrow: bool = False) -> str:
        """Pause prompts; an offer on screen is put off as a snooze of the pause's length."""
        if seconds is not None and seconds <= 0:
            raise CommandError(_("a pause must be longer than zero"))
        now = self._check(Command.PAUSE)
        if until is not None and until <= now.wall:
            raise CommandError(_("that time has already passed"))
        if until_tomorrow:
            until = next_day_start(now.wall, self.settings.day_start, now.zone)
        if self._prompt is not None and self._prompt_offered:
            # The offer on screen is put off, as a snooze of the pause's length would; the
            # pause then replaces that snooze.
            length = (seconds if seconds is not None
                      else 0.0 if until is None else seconds_between(until, now.wall))
            self._prompt.snooze(length)
            now = self._moment()
        self._policy.pause(now, seconds=seconds, until=until)
        self.refresh()
        status = self.presentation.status
        if status.until is None:
            return _("Paused until you resume.")
        return _("Paused until %(time)s.") % {
            "time": clock_time(status.until, now.wall, QtFormats())}

    def resume(self) -> str:
        """End the pause or snooze; the message says which ended and gives the status line."""
        self._check(Command.RESUME)
        paused = self.presentation.status.mode is Mode.PAUSED
        self._policy.resume(self._tracker.update())
        self.refresh()
        if paused:
            return _("Resumed: %(status)s") % {"status": self.presentation.line}
        return _("Snooze cancelled: %(status)s") % {"status": self.presentation.line}

    def status(self) -> dict[str, Any]:
        """The ``status --json`` document, with the state brought up to now first."""
        self.refresh()
        snapshot = self._tracker.snapshot()
        return status_document(
            self.presentation.status,
            idle_backend=self._tracker.idle_source.name,
            idle_seconds=snapshot.idle_seconds,
            now=self._clock.now(),
            on_screen=self._prompt_exercise if self._prompt is not None else None,
            in_progress=self._prompt is not None and not self._prompt_offered,
        )

    def open_statistics(self) -> str:
        """Emit ``statistics_requested``."""
        self.statistics_requested.emit()
        return _("Opening the statistics.")

    def open_settings(self) -> str:
        """Emit ``settings_requested``."""
        self.settings_requested.emit()
        return _("Opening the settings.")

    def show(self) -> str:
        """Emit ``show_requested``."""
        self.show_requested.emit()
        return _("Showing deskbreath.")

    def quit(self) -> str:
        """Emit ``quit_requested`` once the reply has reached the client."""
        # Let the reply reach the client before the event loop ends.
        QTimer.singleShot(0, self.quit_requested.emit)
        return _("deskbreath is quitting.")

    # -- the prompt on screen, from a keyboard shortcut (`deskbreath prompt ...`) -----------

    def prompt_start(self) -> str:
        """Start the exercise the prompt on screen offers."""
        view, name = self._prompt_on_screen(PromptAction.START)
        view.begin()
        return _("Starting %(exercise)s.") % {"exercise": name}

    def prompt_snooze(self, seconds: float | None) -> str:
        """Close the offer on screen as snoozed; ``None`` is the first snooze choice."""
        length = seconds if seconds is not None else self.settings.snooze_choices[0]
        if length <= 0:
            raise CommandError(_("a snooze must be longer than zero"))
        view, name = self._prompt_on_screen(PromptAction.SNOOZE)
        view.snooze(length)  # records the outcome and asks for the snooze
        return _("Snoozed %(exercise)s for %(duration)s.") % {
            "exercise": name, "duration": humanize(length)}

    def prompt_skip(self) -> str:
        """Close the offer on screen as skipped."""
        view, name = self._prompt_on_screen(PromptAction.SKIP)
        view.skip()
        return _("Skipped %(exercise)s.") % {"exercise": name}

    def prompt_focus(self, token: str | None) -> str:
        """Raise the prompt on screen and give it the keyboard (with ``token`` if given)."""
        view, name = self._prompt_on_screen(PromptAction.FOCUS)
        view.reveal()
        if self._activate_window is not None:
            self._activate_window(view, token)
        return _("Gave the keyboard to %(exercise)s.") % {"exercise": name}

    def _prompt_on_screen(self, action: PromptAction) -> tuple[PromptView, str]:
        """The prompt ``action`` acts on and its exercise's name mid-sentence.

        Raises:
            CommandError: the rules refuse ``action`` now
                (:func:`deskbreath.core.prompt_commands.prompt_refusal`).
        """
        self.refresh()  # a prompt may be due this very moment, or closed as missed
        view, exercise = self._prompt, self._prompt_exercise
        on_screen = exercise if view is not None else None
        reason = prompt_refusal(action, on_screen, in_progress=not self._prompt_offered,
                                catalogue=self._catalogue)
        if reason is not None or view is None or exercise is None:  # None: the rules refuse
            raise CommandError(reason or prompt_refusal(action, None, in_progress=False))
        log.info("prompt %s: %s", action.value, exercise)
        return view, exercise_mid_sentence(exercise, self._catalogue)
