"""A planning run in plain language: what an organizer needs to know, in sentences.

The solver's own figures (total cost, lower bound, method) are not here: the pages keep
them behind a "details" toggle. The input is the run's stored figures
(:func:`immerse.engine.agenda.figures.satisfaction`); runs stored before a figure existed
simply get fewer sentences.

>>> lines = run_summary({"attendees": 20, "slots": 20, "slots_everyone_at_level": 19,
...                      "off_level_by_slot": [{"slot": "Tue 11:00", "people": 2}],
...                      "worse_days": [{"day": "Tue 16 Mar", "count": 3,
...                                      "names": ["Ada", "Bo", "Cy"]}]})
>>> for line in lines:
...     print(line.text, line.who)
20 people have a personal agenda over 20 time slots. ()
Everyone has a session at their level in 19 of 20 slots. Most away from their level: 2 \
people at Tue 11:00. ()
3 people have a worse Tue 16 Mar than the rest: fewer sessions at their level that day. \
('Ada', 'Bo', 'Cy')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from immerse.engine.catalogue import GOAL_BY_KEY
from immerse.engine.wording import count, join_words

__all__ = ["SummaryLine", "run_summary"]


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One sentence; ``who`` lists the people it is about (shown on request), ``more`` how
    many more there are beyond the names kept."""

    text: str
    who: tuple[str, ...] = ()
    more: int = 0


def run_summary(stats: Mapping[str, Any]) -> list[SummaryLine]:
    """The sentences for a finished run's figures, most important first."""
    n = int(stats.get("attendees", 0))
    if not n:
        return [SummaryLine("Nobody was planned: no confirmed attendees, or no sessions with "
                            "a time slot.")]
    lines = [SummaryLine(f"{count(n, 'person', 'people')} "
                         f"{'has' if n == 1 else 'have'} a personal agenda"
                         + (f" over {count(stats['slots'], 'time slot')}."
                            if stats.get("slots") else "."))]
    lines += _level_lines(stats)
    lines += _goal_lines(stats.get("goals"))
    lines += _seat_lines(stats)
    return lines


def _level_lines(stats: Mapping[str, Any]) -> list[SummaryLine]:
    if "slots" not in stats:  # a run stored before these figures existed
        share = round(100 * float(stats.get("share_all_at_level", 0.0)))
        return [SummaryLine(f"{share}% have every session at their level.")]
    slots, good = int(stats["slots"]), int(stats["slots_everyone_at_level"])
    if good == slots:
        lines = [SummaryLine("Everyone has a session at their level in every slot.")]
    else:
        worst = sorted(stats.get("off_level_by_slot", []), key=lambda r: -r["people"])[:3]
        # "88 people at Thu 13:00, 84 at Thu 11:15 and 80 at Thu 15:15"
        where = join_words(
            f"{count(row['people'], 'person', 'people') if not n else row['people']} at "
            f"{row['slot']}" for n, row in enumerate(worst))
        lines = [SummaryLine(f"Everyone has a session at their level in {good} of "
                             f"{count(slots, 'slot')}."
                             + (f" Most away from their level: {where}." if worst else ""))]
    for row in stats.get("worse_days", []):
        day = f"a worse {row['day']}" if row.get("day") else "a worse day"
        lines.append(_about(
            f"{count(row['count'], 'person', 'people')} {'has' if row['count'] == 1 else 'have'}"
            f" {day} than the rest: fewer sessions at their level that day.",
            row["names"], row["count"]))
    return lines


def _goal_lines(goals: Mapping[str, Any] | None) -> list[SummaryLine]:
    if not goals or not goals.get("asked"):
        return []
    asked, fitting, met = int(goals["asked"]), int(goals["fitting"]), int(goals["met"])
    parts = [f"{row['met']} of {row['fitting']} for {GOAL_BY_KEY[key].name}"
             for key, row in goals.get("by_goal", {}).items()
             if key in GOAL_BY_KEY and row["fitting"]]
    lines = []
    if fitting:
        everyone = "Everyone" if met == fitting else f"{met} of {fitting} people"
        lines.append(_about(
            f"{everyone} who asked for something the program offers at their level got it"
            + (f": {join_words(parts)}." if parts else "."),
            goals.get("unmet", []), fitting - met))
    if asked > fitting:
        rest = asked - fitting
        lines.append(SummaryLine(
            f"For {count(rest, 'more person', 'more people')}, no session at their level "
            "offers what they asked for: add one, or tell them where to find it."))
    return lines


def _seat_lines(stats: Mapping[str, Any]) -> list[SummaryLine]:
    lines = []
    short = int(stats.get("without_a_seat_somewhere", 0))
    if short:
        lines.append(SummaryLine(
            f"{count(short, 'person', 'people')} {'has' if short == 1 else 'have'} no session "
            "in at least one slot: the rooms then hold fewer people than came."))
    crowded = stats.get("near_or_over_capacity", [])
    if crowded:
        shown = [f"{row['session']} ({row['assigned']} of {row['seats']})"
                 for row in crowded[:4]]
        if len(crowded) > 4:
            shown.append(f"{len(crowded) - 4} more")
        lines.append(SummaryLine(
            f"{count(len(crowded), 'session')} {'is' if len(crowded) == 1 else 'are'} full or "
            f"nearly full: {join_words(shown)}."))
    return lines


def _about(text: str, names: Sequence[str], total: int) -> SummaryLine:
    who = tuple(names)
    return SummaryLine(text, who, max(0, total - len(who)) if who else 0)
