"""A planning run in plain language: what an organizer needs to know, in sentences.

The solver's own figures (total cost, lower bound, method) are not here: the pages keep
them behind a "details" toggle. The input is the run's stored figures
(:func:`immerse.engine.agenda.figures.satisfaction`); runs stored before a figure existed
simply get fewer sentences. Each sentence is written whole by the language's grammar module
(``Grammar.summaries``); the counts choose singular or plural by its rule.

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
>>> print(run_summary({"attendees": 1, "slots": 4, "slots_everyone_at_level": 4},
...                   language="de")[0].text)
1 Person hat eine persönliche Agenda über 4 Zeitfenster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from immerse.engine.languages import grammar_for
from immerse.engine.languages.grammar import Grammar, Plural

__all__ = ["SummaryLine", "run_summary"]


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One sentence; ``who`` lists the people it is about (shown on request), ``more`` how
    many more there are beyond the names kept."""

    text: str
    who: tuple[str, ...] = ()
    more: int = 0


class _Words:
    """The language's summary sentences with its plural rule and its counting."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar, self.say = grammar, grammar.summaries

    def pick(self, n: int, pair: Plural) -> str:
        return pair[1] if self.grammar.plural(n) else pair[0]

    def count(self, n: int, noun: Plural) -> str:
        return self.grammar.count(n, *noun)

    def join(self, items: Sequence[str]) -> str:
        return self.grammar.join(list(items), False)


def run_summary(stats: Mapping[str, Any], *, language: str = "en") -> list[SummaryLine]:
    """The sentences for a finished run's figures, most important first, in ``language``."""
    words = _Words(grammar_for(language))
    say = words.say
    n = int(stats.get("attendees", 0))
    if not n:
        return [SummaryLine(say.nobody)]
    people = words.count(n, say.people)
    lines = [SummaryLine(
        words.pick(n, say.agendas_over).format(
            people=people, slots=words.count(stats["slots"], say.time_slots))
        if stats.get("slots") else words.pick(n, say.agendas).format(people=people))]
    lines += _level_lines(stats, words)
    lines += _goal_lines(stats.get("goals"), words)
    lines += _seat_lines(stats, words)
    return lines


def _level_lines(stats: Mapping[str, Any], words: _Words) -> list[SummaryLine]:
    say = words.say
    if "slots" not in stats:  # a run stored before these figures existed
        share = round(100 * float(stats.get("share_all_at_level", 0.0)))
        return [SummaryLine(say.share.format(share=share))]
    slots, good = int(stats["slots"]), int(stats["slots_everyone_at_level"])
    if good == slots:
        lines = [SummaryLine(say.all_at_level)]
    else:
        worst = sorted(stats.get("off_level_by_slot", []), key=lambda r: -r["people"])[:3]
        # "88 people at Thu 13:00, 84 at Thu 11:15 and 80 at Thu 15:15"
        where = words.join([
            say.away_rest.format(n=row["people"], slot=row["slot"]) if i else
            say.away_first.format(people=words.count(row["people"], say.people),
                                  slot=row["slot"])
            for i, row in enumerate(worst)])
        text = say.at_level_in.format(good=good, slots=words.count(slots, say.slots))
        lines = [SummaryLine(f"{text} {say.most_away.format(where=where)}" if worst else text)]
    for row in stats.get("worse_days", []):
        people = words.count(row["count"], say.people)
        text = (words.pick(row["count"], say.worse_day).format(people=people, day=row["day"])
                if row.get("day") else
                words.pick(row["count"], say.worse_any_day).format(people=people))
        lines.append(_about(text, row["names"], row["count"]))
    return lines


def _goal_lines(goals: Mapping[str, Any] | None, words: _Words) -> list[SummaryLine]:
    if not goals or not goals.get("asked"):
        return []
    say = words.say
    asked, fitting, met = int(goals["asked"]), int(goals["fitting"]), int(goals["met"])
    parts = [say.goal_item.format(met=row["met"], fitting=row["fitting"],
                                  goal=say.goal_names[key])
             for key, row in goals.get("by_goal", {}).items()
             if key in say.goal_names and row["fitting"]]
    lines = []
    if fitting:
        by_goal = words.join(parts)
        if met == fitting:
            text = (say.goals_all_by if parts else say.goals_all).format(by_goal=by_goal)
        else:
            text = words.pick(met, say.goals_some_by if parts else say.goals_some).format(
                met=met, fitting=fitting, by_goal=by_goal)
        lines.append(_about(text, goals.get("unmet", []), fitting - met))
    if asked > fitting:
        rest = asked - fitting
        lines.append(SummaryLine(words.pick(rest, say.goals_rest).format(
            more_people=words.count(rest, say.more_people))))
    return lines


def _seat_lines(stats: Mapping[str, Any], words: _Words) -> list[SummaryLine]:
    say = words.say
    lines = []
    short = int(stats.get("without_a_seat_somewhere", 0))
    if short:
        lines.append(SummaryLine(words.pick(short, say.no_seat).format(
            people=words.count(short, say.people))))
    crowded = stats.get("near_or_over_capacity", [])
    if crowded:
        shown = [say.crowded_item.format(session=row["session"], assigned=row["assigned"],
                                         seats=row["seats"])
                 for row in crowded[:4]]
        if len(crowded) > 4:
            shown.append(say.crowded_more.format(n=len(crowded) - 4))
        lines.append(SummaryLine(words.pick(len(crowded), say.crowded).format(
            sessions=words.count(len(crowded), say.sessions), list=words.join(shown))))
    return lines


def _about(text: str, names: Sequence[str], total: int) -> SummaryLine:
    who = tuple(names)
    return SummaryLine(text, who, max(0, total - len(who)) if who else 0)
