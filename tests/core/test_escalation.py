"""An ignored prompt escalates gently: quiet, then the tray, then one notification."""

from __future__ import annotations

from deskbreath.core.escalation import NOTIFY_AFTER, TRAY_AFTER, Escalation, PromptWatch


def test_an_ignored_prompt_climbs_the_steps_once() -> None:
    """Quiet at first, the tray after 5 min, one notification after 15 min, then no more."""
    watch = PromptWatch()
    watch.opened(100.0, offered=True)

    assert watch.step(100.0) is Escalation.QUIET
    assert watch.step(100.0 + TRAY_AFTER) is Escalation.TRAY
    assert not watch.notice_due(100.0 + TRAY_AFTER)
    assert watch.notice_due(100.0 + NOTIFY_AFTER)
    watch.notified()
    assert not watch.notice_due(100.0 + 10 * NOTIFY_AFTER)
    assert watch.step(100.0 + 10 * NOTIFY_AFTER) is Escalation.NOTIFY


def test_started_or_user_opened_prompts_do_not_escalate() -> None:
    """A prompt the user started from the menu, or one they began, waits for nobody."""
    watch = PromptWatch()
    watch.opened(0.0, offered=False)
    assert watch.step(NOTIFY_AFTER) is Escalation.NONE

    watch.opened(0.0, offered=True)
    watch.started()
    assert watch.step(NOTIFY_AFTER) is Escalation.NONE


def test_closing_resets_for_the_next_prompt() -> None:
    """After a prompt closes, the next one starts quiet and can notify again."""
    watch = PromptWatch()
    watch.opened(0.0, offered=True)
    watch.notified()
    watch.closed()
    assert watch.step(NOTIFY_AFTER) is Escalation.NONE

    watch.opened(1000.0, offered=True)
    assert watch.notice_due(1000.0 + NOTIFY_AFTER)
