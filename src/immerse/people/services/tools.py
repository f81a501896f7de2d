"""Writes to the tool catalogue and to a person's tool inventory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection

from immerse.engine.catalogue import TOOLS
from immerse.people.models import Person, Tool, ToolUse


@dataclass(frozen=True)
class ToolAnswer:
    frequency: str
    confidence: int


def tools_sync() -> dict[str, Tool]:
    """Make the Tool table match the catalogue; returns tools by key."""
    for position, tool in enumerate(TOOLS):
        Tool.objects.update_or_create(
            key=tool.key,
            defaults={"label": tool.label, "examples": tool.examples, "position": position},
        )
    return {tool.key: tool for tool in Tool.objects.all()}


def tools_by_key(keys: set[str] | None = None) -> dict[str, Tool]:
    """Catalogue tools by key, re-seeding the table if any asked-for tool is missing."""
    tools = {tool.key: tool for tool in Tool.objects.all()}
    if not tools or (keys and not keys <= tools.keys()):
        tools = tools_sync()
    return tools


def tool_uses_set(*, person: Person, uses: Mapping[str, ToolAnswer]) -> None:
    """Replace the person's inventory entries for the tools given (others are kept).

    One statement, the tools found by key inside it: a sign-up with a dozen tools was six
    queries per tool, then two (the tool table, the upsert); it is one. A tool missing from
    the table (a catalogue grown since the last sync) re-seeds it and writes again.
    """
    if not uses:
        return
    rows = [(key, answer.frequency, answer.confidence) for key, answer in uses.items()]
    if _tool_uses_upsert(person.pk, rows) < len(rows):
        known = tools_sync()
        missing = sorted(set(uses) - known.keys())
        if missing:
            raise KeyError(f"not catalogue tools: {', '.join(missing)}")
        _tool_uses_upsert(person.pk, rows)


def _tool_uses_upsert(person_id: int, rows: list[tuple[str, str, int]]) -> int:
    """INSERT … SELECT joining the catalogue by key, upserting on (person, tool); returns
    the rows written. Plain SQL that PostgreSQL and SQLite both read (``column1``… are the
    names both give a VALUES list; SQLite needs the WHERE to parse ON CONFLICT after a join)."""
    use, tool = ToolUse._meta.db_table, Tool._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    sql = (f"INSERT INTO {use} (person_id, tool_id, frequency, confidence) "
           f"SELECT %s, t.id, v.column2, v.column3 FROM {tool} t "
           f"JOIN (VALUES {values}) AS v ON t.key = v.column1 WHERE 1 = 1 "
           f"ON CONFLICT (person_id, tool_id) DO UPDATE "
           f"SET frequency = excluded.frequency, confidence = excluded.confidence")
    params: list[Any] = [person_id]
    for key, frequency, confidence in rows:
        params += [key, frequency, int(confidence)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)
