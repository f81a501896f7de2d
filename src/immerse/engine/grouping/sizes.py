"""How many people per table: as close to the preferred size as the experts allow.

A round table works when a practitioner or expert hosts it. With fewer experts than the
preferred size would give tables, the tables grow (up to ``largest``) so that each still
has one; beyond that some tables must do without, and the advice says how many.

>>> advice = table_size_advice(people=91, experts=8)
>>> advice.size, advice.tables, advice.without_expert
(12, 8, 0)
>>> print(advice.note)
8 tables of 11 or 12, so that every table has an expert (8 per table would make 12 \
tables, 4 of them without an expert).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from immerse.engine.wording import count

__all__ = ["PREFERRED_TABLE_SIZE", "TableSizeAdvice", "table_size_advice"]

PREFERRED_TABLE_SIZE = 8
LARGEST_TABLE_SIZE = 12  # beyond this a table stops being one conversation


@dataclass(frozen=True, slots=True)
class TableSizeAdvice:
    """The people per table to use, the tables it makes, how many lack an expert, and why."""

    size: int
    tables: int
    without_expert: int
    note: str


def table_size_advice(*, people: int, experts: int, preferred: int = PREFERRED_TABLE_SIZE,
                      largest: int = LARGEST_TABLE_SIZE) -> TableSizeAdvice:
    """The default table size for ``people`` of whom ``experts`` can host a table."""
    if people < 1:
        return TableSizeAdvice(preferred, 0, 0, "Nobody to seat yet.")
    wanted = math.ceil(people / preferred)
    if experts <= 0:
        return TableSizeAdvice(preferred, wanted, wanted, (
            f"{count(wanted, 'table')} of about {math.ceil(people / wanted)}; no expert or "
            "practitioner has signed up, so no table has a host: invite some, or ask the "
            "facilitators to host."))
    if experts >= wanted:
        return TableSizeAdvice(preferred, wanted, 0, (
            f"{count(wanted, 'table')} of {_sizes(people, wanted)}, and every table has an "
            f"expert ({count(experts, 'expert')} for {count(wanted, 'table')})."))
    if math.ceil(people / experts) <= largest:
        size = math.ceil(people / experts)
        tables = math.ceil(people / size)  # at most one per expert
        return TableSizeAdvice(size, tables, 0, (
            f"{count(tables, 'table')} of {_sizes(people, tables)}, so that every "
            f"table has an expert ({preferred} per table would make {count(wanted, 'table')}, "
            f"{wanted - experts} of them without an expert)."))
    tables = math.ceil(people / largest)
    short = tables - experts
    return TableSizeAdvice(largest, tables, short, (
        f"{count(tables, 'table')} of {_sizes(people, tables)}: with only "
        f"{count(experts, 'expert')}, {count(short, 'table')} {'has' if short == 1 else 'have'} "
        "no expert even at the largest size. Invite more practitioners, or ask the "
        "facilitators to host."))


def _sizes(people: int, tables: int) -> str:
    low, extra = divmod(people, tables)
    return str(low) if not extra else f"{low} or {low + 1}"
