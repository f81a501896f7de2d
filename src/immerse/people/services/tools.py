"""Writes to the tool catalogue and to a person's tool inventory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    """Replace the person's inventory entries for the tools given (others are kept)."""
    tools = tools_by_key(set(uses))
    # One upsert for all tools: a sign-up with a dozen tools was six queries per tool.
    ToolUse.objects.bulk_create(
        [ToolUse(person=person, tool=tools[key], frequency=answer.frequency,
                 confidence=answer.confidence) for key, answer in uses.items()],
        update_conflicts=True, unique_fields=["person", "tool"],
        update_fields=["frequency", "confidence"])
