"""The screen-reader side of test_screen_reader.py, run by Debian's system ``python3`` (which
has ``python3-pyatspi``) inside a private D-Bus session on an X server.

It starts the AT-SPI bus (``at-spi-bus-launcher``), then the app (``atspi_app.py``, with the
project's Python and ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``), and walks each exercise the
way a screen-reader user would: it waits for the offer's dialog and its announcement, presses
Start, follows keyboard focus through the lead-in, the exercise and the closing question
(pausing and resuming the breathing once), and answers. Along the way it records every focus
change and announcement, and checks the accessible tree at each stage. It prints one JSON
document: what it saw, and the problems it found.

This file imports nothing of deskbreath (the system Python does not have PySide6).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APP_NAME = "deskbreath-screen-reader-test"
LIMIT_S = 240.0
STAGE_S = 30.0
CONTROL_ROLES = {"push button", "check box", "toggle button", "radio button"}

# What to do with each exercise: the button that begins it, the focus the lead-in should give,
# whether to pause once, and the answer to press at the end.
PLAN: list[dict[str, Any]] = [
    {"title": "Paced belly breathing", "lead_in_focus": "Begin breathing now",
     "pause": True, "answer": "Yes, the belly",
     "answers": ["Yes, the belly", "No, mostly the chest", "Not sure"],
     "question": "Did your belly hand move more than your chest hand?"},
    {"title": "Seated thoracic rotation", "lead_in_focus": "Begin the turns now",
     "pause": False, "answer": "No, about the same",
     "answers": ["Yes, turning left", "Yes, turning right", "No, about the same"],
     "question": "Was one side stiffer?"},
    {"title": "Posture check", "lead_in_focus": "I fixed: Feet flat on the floor, or on a "
     "footrest", "pause": False, "answer": "Well", "done": "Done checking",
     "answers": ["Well", "So-so", "Slumped"],
     "question": "How were you sitting before this check?"},
]


def _wait_for_bus() -> None:
    """Until the AT-SPI bus answers on the session bus."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"],
            capture_output=True, text=True, check=False)
        if "boolean true" in done.stdout:
            return
        time.sleep(0.1)
    raise SystemExit("the AT-SPI bus did not start")


class Walk:
    """The state machine that walks the exercises, driven by a GLib timer."""

    def __init__(self, pyatspi: Any, app: subprocess.Popen[str]) -> None:
        self.atspi = pyatspi
        self.app = app
        self.stage = "offer"
        self.index = 0
        self.started = time.monotonic()
        self.focus: list[dict[str, str]] = []
        self.announcements: list[dict[str, str]] = []
        self.problems: list[str] = []
        self.trees: dict[str, int] = {}
        self.dialog_roles: list[str] = []
        self.mark = 0  # announcements seen when the current stage began
        self.stage_started = self.started
        self.pause_button: Any = None

    # -- events -------------------------------------------------------------------------------

    def on_event(self, event: Any) -> None:
        try:
            source = event.source
            name, role = source.name or "", source.getRoleName()
        except Exception as error:
            self.problems.append(f"unreadable event source: {error}")
            return
        if event.type.startswith("object:announcement"):
            self.announcements.append({"text": str(event.any_data), "stage": self.where()})
        elif event.type.startswith("object:state-changed:focused") and event.detail1:
            self.focus.append({"name": name, "role": role, "stage": self.where()})
            if not name.strip():
                self.problems.append(f"{self.where()}: focus on an unnamed {role}")
            if role not in CONTROL_ROLES:
                self.problems.append(f"{self.where()}: focus on a {role} {name!r}, not a control")

    def where(self) -> str:
        return f"{PLAN[self.index]['title'] if self.index < len(PLAN) else 'after'} {self.stage}"

    # -- the tree -------------------------------------------------------------------------------

    def application(self) -> Any:
        desktop = self.atspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == APP_NAME:
                return app
        return None

    def dialog(self, title: str) -> Any:
        app = self.application()
        if app is None:
            return None
        for window in app:
            if window is not None and window.name == f"Exercise prompt: {title}" and \
                    window.getState().contains(self.atspi.STATE_SHOWING):
                return window
        return None

    def find(self, root: Any, name: str) -> Any:
        """The showing object named ``name`` under ``root``."""
        if root is None:
            return None
        try:
            if root.name == name and root.getState().contains(self.atspi.STATE_SHOWING):
                return root
            children = list(root)
        except Exception:
            return None
        for child in children:
            found = self.find(child, name)
            if found is not None:
                return found
        return None

    def check_tree(self, root: Any, label: str) -> None:
        """Every focusable object that is showing has a name and a role of its own."""
        count = 0

        def walk(node: Any) -> None:
            nonlocal count
            try:
                state, role, name = node.getState(), node.getRoleName(), node.name or ""
                children = list(node)
            except Exception:
                return
            if state.contains(self.atspi.STATE_FOCUSABLE) and \
                    state.contains(self.atspi.STATE_SHOWING):
                count += 1
                if not name.strip():
                    self.problems.append(f"{label}: a focusable {role} has no name")
                if role in ("unknown", "filler", "panel", "invalid"):
                    self.problems.append(f"{label}: focusable {name!r} has role {role}")
            for child in children:
                if child is not None:
                    walk(child)

        walk(root)
        self.trees[label] = count

    def button_names(self, group: Any) -> list[str]:
        """The names of the push buttons in ``group``; [] when the tree cannot be read now."""
        try:
            return [child.name for child in group
                    if child is not None and child.getRoleName() == "push button"]
        except Exception:
            return []

    def press(self, root: Any, name: str) -> Any:
        """Press the showing button named ``name``; the button, or None if there is none."""
        button = self.find(root, name)
        if button is not None:
            button.queryAction().doAction(0)
        return button

    def focused_on(self, name: str) -> bool:
        return bool(self.focus) and self.focus[-1]["name"] == name

    def heard(self, start: str) -> bool:
        return any(a["text"].startswith(start) for a in self.announcements[self.mark:])

    def next_stage(self, stage: str) -> None:
        self.stage = stage
        self.mark = len(self.announcements)
        self.stage_started = time.monotonic()

    def in_stage(self) -> float:
        """Seconds since the current stage began."""
        return time.monotonic() - self.stage_started

    # -- the walk -------------------------------------------------------------------------------

    def tick(self) -> bool:
        if time.monotonic() - self.started > LIMIT_S:
            self.problems.append(f"gave up at {self.where()}")
            self.atspi.Registry.stop()
            return False
        if self.index >= len(PLAN):
            self.atspi.Registry.stop()
            return False
        plan = PLAN[self.index]
        dialog = self.dialog(plan["title"])
        if self.stage == "offer":
            if dialog is None or not self.heard("deskbreath offers"):
                return True
            self.dialog_roles.append(dialog.getRoleName())
            self.check_tree(dialog, f"{plan['title']} offer")
            if self.press(dialog, f"Start {plan['title']}"):
                self.next_stage("lead-in")
        elif self.stage == "lead-in":
            if self.focused_on(plan["lead_in_focus"]):
                self.check_tree(dialog, f"{plan['title']} lead-in")
                if plan.get("done"):
                    self.press(dialog, plan["done"])
                    self.next_stage("end")
                else:
                    self.next_stage("running")
        elif self.stage == "running":
            if self.focused_on("Pause the exercise"):
                self.check_tree(dialog, f"{plan['title']} running")
                if plan["pause"]:
                    self.pause_button = self.press(dialog, "Pause the exercise")
                    self.next_stage("paused")
                else:
                    self.next_stage("end")
        elif self.stage == "paused":
            if self.heard("Paused"):  # the same button resumes (its name says so now)
                self.pause_button.queryAction().doAction(0)
                self.next_stage("resumed")
        elif self.stage == "resumed":
            if self.heard("Going on"):
                self.next_stage("end")
        elif self.stage == "end":
            if self.focused_on(plan["answers"][0]):
                # A loaded machine answers a walk of the tree slowly, and an object read
                # while Qt still builds the page can fail: look again on the next tick, and
                # call the group missing only once the stage has had STAGE_S to settle.
                group = self.find(dialog, plan["question"])
                if group is None:
                    if self.in_stage() > STAGE_S:
                        self.problems.append(f"{plan['title']}: no group named by the question")
                        self.next_stage("closing")
                    return True
                names = self.button_names(group)
                if names != plan["answers"] and self.in_stage() <= STAGE_S:
                    return True  # the group's buttons are still being read: look again
                self.check_tree(dialog, f"{plan['title']} end")
                if names != plan["answers"]:
                    self.problems.append(f"{plan['title']}: answers named {names}")
                if self.press(dialog, plan["answer"]):
                    self.next_stage("closing")
        elif self.stage == "closing" and dialog is None:
            self.index += 1
            self.next_stage("offer")
        return True


def main() -> None:
    """Start the AT-SPI bus and the app (Python ``argv[1]``), walk it, print what it saw as JSON."""
    python = sys.argv[1]
    launcher = subprocess.Popen([LAUNCHER, "--launch-immediately"])
    try:
        _wait_for_bus()
        # Imported once the AT-SPI bus is up; Debian's system Python has them.
        import pyatspi
        from gi.repository import GLib

        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        app = subprocess.Popen([python, "-m", "tests.qt.windows.atspi_app"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        walk = Walk(pyatspi, app)
        pyatspi.Registry.registerEventListener(walk.on_event, "object:announcement",
                                               "object:state-changed:focused")
        GLib.timeout_add(100, walk.tick)
        pyatspi.Registry.start()
        try:
            out, err = app.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            out, err = app.communicate()
        print(json.dumps({
            "dialog_roles": walk.dialog_roles, "focus": walk.focus,
            "announcements": walk.announcements, "trees": walk.trees,
            "problems": walk.problems, "outcomes": out.strip(), "app_errors": err[-2000:],
        }))
    finally:
        launcher.terminate()
        launcher.wait(timeout=10)


if __name__ == "__main__":
    main()
