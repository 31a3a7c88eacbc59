#!/usr/bin/env python3
"""Draw the seated rotation figures (resources/exercises/rotation-*.svg and reach-*.svg).

The figures are seen from the front, as in a mirror: a turn to the left is drawn towards the
left of the screen, the way a person following along sees themselves. Each one is a simple
3-D stick figure projected straight onto the screen: the ribcage turns about the spine (the
shoulders fully, the waist not at all, so the breastbone line shows the twist), the head turns
with the ribcage and no further, the hips, knees and feet stay facing forward. The turn is
drawn in frames (a third, two thirds, all of it) that the app shows in step with the
movement. Parts inside ``<g id="accent">`` are drawn in the theme's accent colour.

Run after changing the drawing, from the checkout::

    .venv/bin/python .ci/draw_rotation_figures.py

tests/core/test_illustrations.py fails while the SVGs differ from a fresh drawing.
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "resources" / "exercises"

FULL_TURN = math.radians(50)  # drawn a little less than a comfortable end of range
FRAMES = (("-1", 1 / 3), ("-2", 2 / 3), ("", 1.0))  # file suffix, share of the turn
CENTRE_X = 100.0
SHOULDER_Y = 66.0
WAIST_Y = 118.0

Point = tuple[float, float, float]  # x right of the spine, y down, z towards the viewer


@dataclass(frozen=True)
class Pose:
    """One frame of the rotation figure.

    How far the ribcage has turned (radians, + is towards the screen's left), and the arms'
    hands and elbows in body coordinates (turned with the ribcage) or in the room
    (``*_room``: a hand on a knee stays where the knee is).
    """

    turn: float
    left_elbow: Point
    left_hand: Point
    right_elbow: Point
    right_hand: Point
    left_in_room: bool = False
    right_in_room: bool = False


def turned(point: Point, angle: float) -> Point:
    """``point`` turned by ``angle`` about the vertical axis through the spine."""
    x, y, z = point
    return (x * math.cos(angle) - z * math.sin(angle), y,
            x * math.sin(angle) + z * math.cos(angle))


def twist_at(y: float, turn: float) -> float:
    """How much of the turn the trunk takes at height ``y``.

    All of it at the shoulders, none at the waist (the pelvis stays facing forward).
    """
    share = min(1.0, max(0.0, (WAIST_Y - y) / (WAIST_Y - SHOULDER_Y)))
    return turn * share


def screen(point: Point) -> tuple[float, float]:
    """``point`` in body coordinates, on the drawing (x from the figure's centre line)."""
    return CENTRE_X + point[0], point[1]


def fmt(value: float) -> str:
    """``value`` to a tenth, without a trailing ".0" or a negative zero (stable SVG text)."""
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def path(points: Sequence[tuple[float, float]], *, closed: bool = False) -> str:
    """An SVG path's ``d`` through ``points``, closed back to the first when ``closed``."""
    first, *rest = points
    commands = [f"M{fmt(first[0])} {fmt(first[1])}"]
    commands += [f"L{fmt(x)} {fmt(y)}" for x, y in rest]
    return " ".join(commands) + (" Z" if closed else "")


def smooth(points: Sequence[tuple[float, float]]) -> str:
    """A path through ``points`` with rounded corners (quadratic curves between midpoints)."""
    if len(points) < 3:
        return path(points)
    commands = [f"M{fmt(points[0][0])} {fmt(points[0][1])}"]
    for (x1, y1), (x2, y2) in itertools.pairwise(points[1:]):
        commands.append(f"Q{fmt(x1)} {fmt(y1)} {fmt((x1 + x2) / 2)} {fmt((y1 + y2) / 2)}")
    last = points[-1]
    commands.append(f"L{fmt(last[0])} {fmt(last[1])}")
    return " ".join(commands)


def room() -> Iterator[str]:
    """The chair and the floor: they do not move."""
    yield ('<g stroke-opacity="0.45">'
           '<path d="M58 134 L142 134 M64 134 L64 190 M136 134 L136 190"/>'
           '<line x1="16" y1="192" x2="184" y2="192"/></g>')


def legs() -> Iterator[str]:
    """Thighs seen end-on from the front, shins and feet: they stay facing forward."""
    yield ('<path d="M72 122 Q100 112 128 122 L128 134 Q100 140 72 134 Z" '
           'fill="#000" fill-opacity="0.12"/>')
    for side in (-1, 1):
        knee_x = CENTRE_X + side * 16
        yield (f'<rect x="{fmt(knee_x - 12)}" y="124" width="24" height="22" rx="10" '
               'fill="#000" fill-opacity="0.2"/>')
        yield f'<path d="M{fmt(knee_x)} 146 L{fmt(knee_x)} 182" stroke-width="9"/>'
        yield (f'<path d="M{fmt(knee_x - side * 2)} 186 L{fmt(knee_x + side * 8)} 186" '
               'stroke-width="8"/>')


def trunk(turn: float) -> Iterator[str]:
    """The trunk's outline, twisting from the waist up, and the breastbone line."""
    heights = (SHOULDER_Y, 78.0, 92.0, 106.0, WAIST_Y)
    widths = (36.0, 33.0, 31.0, 27.0, 25.0)
    left = [screen(turned((-w, y, 0.0), twist_at(y, turn))) for y, w in zip(heights, widths,
                                                                             strict=True)]
    right = [screen(turned((w, y, 0.0), twist_at(y, turn))) for y, w in zip(heights, widths,
                                                                             strict=True)]
    outline = [*left, *reversed(right)]
    yield f'<path d="{smooth([*outline, outline[0]])} Z" fill="#000" fill-opacity="0.12"/>'
    breastbone = [screen(turned((0.0, y, 17.0), twist_at(y, turn)))
                  for y in (SHOULDER_Y + 4, 80.0, 94.0, 108.0, WAIST_Y)]
    yield f'<path d="{smooth(breastbone)}" stroke-width="3" stroke-opacity="0.6"/>'


def head(turn: float) -> Iterator[str]:
    """Neck and head; the face turns with the ribcage, no further."""
    yield '<path d="M100 60 L100 50" stroke-width="8"/>'
    yield '<circle cx="100" cy="34" r="17" fill="#000" fill-opacity="0.12"/>'
    for eye_x in (-6.5, 6.5):
        x, y, z = turned((eye_x, 31.0, 15.0), turn)
        if z > 2:
            yield f'<circle cx="{fmt(100 + x)}" cy="{fmt(y)}" r="2.2" fill="#000" stroke="none"/>'
    tip = turned((0.0, 39.0, 19.0), turn)
    base = turned((0.0, 42.0, 16.0), turn)
    yield (f'<path d="M{fmt(100 + tip[0])} {fmt(tip[1] - 5)} L{fmt(100 + tip[0])} '
           f'{fmt(tip[1])} L{fmt(100 + base[0])} {fmt(base[1])}" stroke-width="2.5"/>')


def arm(shoulder: Point, elbow: Point, hand: Point, turn: float, in_room: bool) -> str:
    """One arm from its shoulder, through the elbow, to the hand."""
    at_shoulder = turned(shoulder, turn)
    at_elbow = turned(elbow, turn)
    at_hand = hand if in_room else turned(hand, turn)
    if in_room:  # the elbow sits between a turned shoulder and a hand that stayed put
        at_elbow = tuple((a + b) / 2 + c for a, b, c in zip(
            at_shoulder, at_hand, (0.0, 0.0, 8.0), strict=True))  # type: ignore[assignment]
    points = [screen(at_shoulder), screen(at_elbow), screen(at_hand)]
    hand_x, hand_y = screen(at_hand)
    return (f'<path d="{path(points)}" stroke-width="7"/>'
            f'<circle cx="{fmt(hand_x)}" cy="{fmt(hand_y)}" r="4.5" fill="#000"/>')


def arms(pose: Pose) -> Iterator[tuple[float, str]]:
    """Each arm with its depth (the mean z of elbow and hand), to draw the far one first."""
    for side, elbow, hand, in_room in (
        (-1, pose.left_elbow, pose.left_hand, pose.left_in_room),
        (1, pose.right_elbow, pose.right_hand, pose.right_in_room),
    ):
        shoulder = (side * 34.0, SHOULDER_Y + 2, 0.0)
        depth = (turned(elbow, pose.turn)[2] + (hand[2] if in_room
                                                  else turned(hand, pose.turn)[2])) / 2
        yield depth, arm(shoulder, elbow, hand, pose.turn, in_room)


def turn_arrow(turn: float) -> Iterator[str]:
    """A curved arrow around the ribcage, in the accent colour.

    It runs from the front towards the side of the turn.
    """
    if turn == 0:
        return
    direction = 1 if turn > 0 else -1  # +: towards the screen's left
    centre_y, radius_x, radius_y = 98.0, 54.0, 12.0
    end_angle = math.radians(-12)  # ends just in front of the side, heading round it
    end = (CENTRE_X - direction * radius_x * math.cos(end_angle),
           centre_y - radius_y * math.sin(end_angle))
    start = (CENTRE_X + direction * 22, centre_y + radius_y * math.cos(math.asin(22 / radius_x)))
    sweep = 1 if direction > 0 else 0
    # The arrowhead follows the ellipse's tangent at the end (heading round the back).
    tangent = (direction * radius_x * math.sin(end_angle), -radius_y * math.cos(end_angle))
    length = math.hypot(*tangent)
    ux, uy = tangent[0] / length, tangent[1] / length
    barb = 11.0
    wing_a = (end[0] - barb * (ux * 0.8 - uy * 0.6), end[1] - barb * (uy * 0.8 + ux * 0.6))
    wing_b = (end[0] - barb * (ux * 0.8 + uy * 0.6), end[1] - barb * (uy * 0.8 - ux * 0.6))
    yield ('<g id="accent" stroke-width="5">'
           f'<path d="M{fmt(start[0])} {fmt(start[1])} A{fmt(radius_x)} {fmt(radius_y)} 0 0 '
           f'{sweep} {fmt(end[0])} {fmt(end[1])}"/>'
           f'<path d="{path([wing_a, end, wing_b])}"/></g>')


def figure(pose: Pose, title: str, *, arrow: bool) -> str:
    """The whole SVG of ``pose`` titled ``title``, with the turn's arrow when ``arrow``."""
    parts: list[str] = [*room(), *legs()]
    drawn_arms = sorted(arms(pose), key=lambda item: item[0])
    parts += [svg for depth, svg in drawn_arms if depth < 0]
    parts += [*trunk(pose.turn), *head(pose.turn)]
    parts += [svg for depth, svg in drawn_arms if depth >= 0]
    if arrow:
        parts += turn_arrow(pose.turn)
    body = "\n    ".join(parts)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" '
            'height="200">\n'
            f"  <title>{title}</title>\n"
            '  <g fill="none" stroke="#000" stroke-width="4" stroke-linecap="round" '
            'stroke-linejoin="round">\n'
            f"    {body}\n"
            "  </g>\n"
            "</svg>\n")


def mirrored(pose: Pose) -> Pose:
    """The same pose turned to the other side."""
    def flip(point: Point) -> Point:
        return (-point[0], point[1], point[2])

    return Pose(-pose.turn, flip(pose.right_elbow), flip(pose.right_hand),
                flip(pose.left_elbow), flip(pose.left_hand), pose.right_in_room,
                pose.left_in_room)


def crossed(share: float) -> Pose:
    """Arms crossed on the chest, each hand on the opposite shoulder."""
    return Pose(FULL_TURN * share, left_elbow=(-14.0, 94.0, 30.0), left_hand=(24.0, 70.0, 16.0),
                right_elbow=(14.0, 90.0, 34.0), right_hand=(-24.0, 72.0, 20.0))


def reach(share: float) -> Pose:
    """The reaching variant at ``share`` of the turn (0 to 1).

    Hands on the thighs; turning left, the left arm reaches back at shoulder height and the
    right hand goes to the left knee.
    """
    resting_hand = (-18.0, 124.0, 26.0)
    reaching_hand = (-96.0, 66.0, -6.0)
    hand = tuple(a + (b - a) * share for a, b in zip(resting_hand, reaching_hand, strict=True))
    elbow = (-40.0 - 26.0 * share, 98.0 - 30.0 * share, 8.0 - 12.0 * share)
    other_start = (18.0, 124.0, 26.0)
    left_knee = (-16.0, 130.0, 30.0)
    other = tuple(a + (b - a) * share for a, b in zip(other_start, left_knee, strict=True))
    return Pose(FULL_TURN * share, left_elbow=elbow, left_hand=hand,  # type: ignore[arg-type]
                right_elbow=(38.0, 98.0, 10.0 + 14.0 * share),
                right_hand=other, right_in_room=share > 0)  # type: ignore[arg-type]


def drawings() -> dict[str, str]:
    """Every figure's file name and SVG text."""
    found: dict[str, str] = {}
    for prefix, pose_at, what in (
        ("rotation", crossed, "arms crossed on the chest"),
        ("reach", reach, "reaching one arm back"),
    ):
        centre = "hands on the thighs" if prefix == "reach" else what
        found[f"{prefix}-centre.svg"] = figure(
            pose_at(0.0), f"Front view, as in a mirror: sitting tall, {centre}, facing forward",
            arrow=False)
        for suffix, share in FRAMES:
            left = pose_at(share)
            amount = "all the way" if share == 1 else f"{round(share * 3)} of 3 parts of the way"
            for side, pose in (("left", left), ("right", mirrored(left))):
                found[f"{prefix}-{side}{suffix}.svg"] = figure(
                    pose, f"Front view, as in a mirror: turned to the {side}, {amount}, {what}",
                    arrow=share == 1)
    return found


def main() -> int:
    """Write every drawing into the illustrations folder; the exit status (0)."""
    for name, text in drawings().items():
        (FOLDER / name).write_text(text, encoding="utf-8")
        print(f"resources/exercises/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
