"""Who sits with whom again across an event's table sessions, and how much of it is forced.

Two people who share a table in c sessions count c(c-1)/2 *re-meetings*: one for each two
sessions in which they sit together. Between two sessions, the people of one table must
spread over the other session's tables; with more people at a table than there are tables,
some of them sit together again (pigeonhole). That gives a floor on the re-meetings that no
seating avoids, computed from the number of people and tables alone.

>>> tablemate_repeats([[[1, 2, 3], [4, 5, 6]], [[1, 2, 4], [3, 5, 6]]])
Repeats(pairs=2, most=2, by_times={2: 2}, remeetings=2, unavoidable=2)
>>> unavoidable_remeetings(90, 8, 8)
26
>>> tables_for_new_people(90)
10
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Repeats",
    "meeting_counts",
    "tablemate_repeats",
    "tables_for_new_people",
    "unavoidable_remeetings",
]

Session = Sequence[Sequence[int]]  # the tables of one session, each a list of people


@dataclass(frozen=True)
class Repeats:
    """Tablemates who meet again across sessions.

    `pairs` sit together in more than one session, `most` is the largest number of sessions
    one pair shares (0 when nobody sits anywhere), `by_times[c]` how many pairs share c >= 2
    sessions; `remeetings` sums c(c-1)/2 over pairs and `unavoidable` is its floor for these
    numbers of people and tables (`unavoidable_remeetings` over every two sessions).
    """

    pairs: int
    most: int
    by_times: dict[int, int]
    remeetings: int
    unavoidable: int


def meeting_counts(sessions: Sequence[Session]) -> dict[tuple[int, int], int]:
    """(i, j) with i < j -> the number of sessions in which i and j share a table."""
    counts: dict[tuple[int, int], int] = {}
    for tables in sessions:
        for members in tables:
            for pair in itertools.combinations(sorted(members), 2):
                counts[pair] = counts.get(pair, 0) + 1
    return counts


def tablemate_repeats(sessions: Sequence[Session]) -> Repeats:
    """The repeats of a whole event (each session: its tables as lists of people)."""
    counts = meeting_counts(sessions)
    by_times: dict[int, int] = {}
    for times in counts.values():
        if times > 1:
            by_times[times] = by_times.get(times, 0) + 1
    seated = [{person for members in tables for person in members} for tables in sessions]
    unavoidable = sum(
        max(unavoidable_remeetings(len(seated[a] & seated[b]), len(sessions[a]),
                                   len(sessions[b])),
            unavoidable_remeetings(len(seated[a] & seated[b]), len(sessions[b]),
                                   len(sessions[a])))
        for a, b in itertools.combinations(range(len(sessions)), 2))
    return Repeats(
        pairs=sum(by_times.values()), most=max(counts.values(), default=0),
        by_times=dict(sorted(by_times.items())),
        remeetings=sum(t * (t - 1) // 2 for t in counts.values()), unavoidable=unavoidable)


def unavoidable_remeetings(people: int, tables_a: int, tables_b: int) -> int:
    """The fewest pairs that share a table in both of two sessions, whatever the seating.

    ``people`` sit at both sessions, at ``tables_a`` tables in the first and ``tables_b``
    in the second. Each first-session table's people spread over the second session's
    tables, at best evenly; the fewest pairs at one table (a convex count) come from
    tables as even as possible, so the bound is exact for even tables spread evenly.
    """
    if people < 2 or tables_a < 1 or tables_b < 1:
        return 0
    low, extra = divmod(people, tables_a)
    return extra * _spread(low + 1, tables_b) + (tables_a - extra) * _spread(low, tables_b)


def _spread(size: int, tables: int) -> int:
    """Pairs left together when ``size`` people spread as evenly as can be over ``tables``."""
    low, extra = divmod(size, tables)
    return extra * math.comb(low + 1, 2) + (tables - extra) * math.comb(low, 2)


def tables_for_new_people(people: int) -> int:
    """The fewest tables at which no table is larger than the number of tables: the
    necessary condition for a seating in which nobody meets anyone twice."""
    if people < 2:
        return 1
    tables = math.isqrt(people - 1) + 1  # ceil(sqrt(people)) for people >= 2
    while tables > 1 and math.ceil(people / (tables - 1)) <= tables - 1:
        tables -= 1
    while math.ceil(people / tables) > tables:
        tables += 1
    return tables
