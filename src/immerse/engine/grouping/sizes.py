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
>>> print(table_size_advice(people=91, experts=8, language="nl").note)
8 tafels van 11 of 12 mensen, zodat elke tafel een expert heeft (8 per tafel zou 12 tafels \
geven, waarvan 4 zonder expert).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from immerse.engine.languages import grammar_for

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
                      largest: int = LARGEST_TABLE_SIZE, language: str = "en") -> TableSizeAdvice:
    """The default table size for ``people`` of whom ``experts`` can host a table, with the
    note in ``language`` (each language's sentences: ``Grammar.table_sizes``)."""
    grammar = grammar_for(language)
    say = grammar.table_sizes

    def tables_(n: int) -> str:
        return grammar.count(n, *say.tables)

    def sizes(tables: int) -> str:
        low, extra = divmod(people, tables)
        return str(low) if not extra else say.sizes_or.format(low=low, high=low + 1)

    if people < 1:
        return TableSizeAdvice(preferred, 0, 0, say.nobody)
    wanted = math.ceil(people / preferred)
    if experts <= 0:
        return TableSizeAdvice(preferred, wanted, wanted, say.no_host.format(
            tables=tables_(wanted), size=math.ceil(people / wanted)))
    counted_experts = grammar.count(experts, *say.experts)
    if experts >= wanted:
        return TableSizeAdvice(preferred, wanted, 0, say.every_table.format(
            tables=tables_(wanted), sizes=sizes(wanted), experts=counted_experts))
    if math.ceil(people / experts) <= largest:
        size = math.ceil(people / experts)
        tables = math.ceil(people / size)  # at most one per expert
        missing = wanted - experts
        return TableSizeAdvice(size, tables, 0, (
            say.grown[grammar.plural(missing)].format(
                tables=tables_(tables), sizes=sizes(tables), preferred=preferred,
                wanted=tables_(wanted), missing=missing)))
    tables = math.ceil(people / largest)
    short = tables - experts
    return TableSizeAdvice(largest, tables, short, say.short[grammar.plural(short)].format(
        tables=tables_(tables), sizes=sizes(tables), experts=counted_experts,
        short=tables_(short)))
