"""The room's inventory: who is here, at which level, using which social tools.

Definitions used everywhere (the hub, the program builder, ``docs/levels.md``):

* a **user** of a tool reports it at least *monthly* (monthly, weekly or daily);
* **tried** means the frequency "tried" (once or a few times, not in use);
* **never** means "never" or the tool was left out of the record.

:func:`public_summary` turns an inventory into sentences for the public hub, with small-cell
suppression (see its docstring). The stories and problems people bring are grouped by theme
in :mod:`immerse.engine.themes` (``problem_themes`` and ``Theme`` are re-exported here, where
the pages that show the inventory look for them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from immerse.engine.catalogue import (
    DISCIPLINES,
    FREQUENCIES,
    FREQUENCY_RANK,
    TOOL_BY_KEY,
    TOOLS,
)
from immerse.engine.languages import grammar_for
from immerse.engine.languages.grammar import Grammar, InventoryWords
from immerse.engine.levels import ToolUse
from immerse.engine.themes import Theme, problem_themes

__all__ = [
    "SUPPRESSION_K",
    "AttendeeRecord",
    "InventoryError",
    "RoomInventory",
    "Theme",
    "ToolCounts",
    "is_user",
    "problem_themes",
    "room_inventory",
]

LEVELS = (1, 2, 3, 4)
SUPPRESSION_K = 5  # smallest non-zero count shown in public; see public_summary
_USER_RANK = FREQUENCY_RANK["monthly"]
_DISCIPLINE_KEYS = tuple(key for key, _ in DISCIPLINES)


class InventoryError(ValueError):
    """A record the inventory cannot read; the message names the record index and field."""

    def __init__(self, index: int, field_name: str, message: str) -> None:
        super().__init__(f"record {index}, {field_name}: {message}")
        self.index = index
        self.field = field_name


@dataclass(frozen=True, slots=True)
class AttendeeRecord:
    """One attendee as the intake sees them. ``level`` is None until they are assessed."""

    level: int | None
    discipline: str = "other"
    organization: str = ""
    region: str = ""
    tool_uses: Mapping[str, ToolUse] = field(default_factory=dict)
    stories: str = ""
    problems: str = ""


def is_user(use: ToolUse | None) -> bool:
    """At least monthly: the definition of "uses a tool" throughout immerse."""
    return use is not None and FREQUENCY_RANK[use.frequency] >= _USER_RANK


@dataclass(frozen=True, slots=True)
class ToolCounts:
    """Counts for one tool. ``by_level``/``by_discipline`` count *users* in each group."""

    tool: str
    users: int
    tried: int
    never: int
    by_level: dict[int, int]
    by_discipline: dict[str, int]
    frequency: dict[str, int]


@dataclass(frozen=True, slots=True)
class RoomInventory:
    """Aggregates of a room. Shares are of all attendees (assessed or not)."""

    attendees: int
    levels: dict[int, int]  # 1..4 → count, always all four keys
    unassessed: int
    disciplines: dict[str, int]  # every catalogue discipline → count
    organizations: int  # distinct non-empty organization names, case-insensitive
    regions: int
    tools: dict[str, ToolCounts]  # every catalogue tool, in catalogue order

    def share(self, count: int) -> float:
        return count / self.attendees if self.attendees else 0.0

    def tool_share(self, tool: str) -> float:
        """Share of the room that uses ``tool`` (at least monthly)."""
        return self.share(self.tools[tool].users)

    def level_tool_share(self, tool: str, level: int) -> float:
        """Share of the attendees at ``level`` who use ``tool``."""
        at_level = self.levels[level]
        return self.tools[tool].by_level[level] / at_level if at_level else 0.0

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (see docs/formats.md, "Room inventory")."""
        return {
            "attendees": self.attendees,
            "unassessed": self.unassessed,
            "levels": {str(level): n for level, n in self.levels.items()},
            "disciplines": dict(self.disciplines),
            "organizations": self.organizations,
            "regions": self.regions,
            "tools": {key: _tool_json(self, counts) for key, counts in self.tools.items()},
        }


def _tool_json(inventory: RoomInventory, counts: ToolCounts) -> dict[str, Any]:
    return {
        "users": counts.users,
        "share": round(inventory.share(counts.users), 4),
        "tried": counts.tried,
        "never": counts.never,
        "by_level": {str(level): n for level, n in counts.by_level.items()},
        "by_discipline": dict(counts.by_discipline),
        "frequency": dict(counts.frequency),
    }


def room_inventory(records: Iterable[AttendeeRecord]) -> RoomInventory:
    """Count levels, disciplines, organizations and tool use over the attendees of a room.

    >>> room = room_inventory([
    ...     AttendeeRecord(1, "pr", "Acme", tool_uses={"blogging": ToolUse("tried")}),
    ...     AttendeeRecord(3, "marketing", "acme ", tool_uses={"blogging": ToolUse("daily", 4)}),
    ... ])
    >>> room.attendees, room.organizations, room.tools["blogging"].users
    (2, 1, 1)
    >>> room.to_json()["tools"]["blogging"]["by_level"]
    {'1': 0, '2': 0, '3': 1, '4': 0}
    """
    rows = [_validated(index, record) for index, record in enumerate(records)]
    levels = Counter(r.level for r in rows if r.level is not None)
    disciplines = Counter(r.discipline for r in rows)
    return RoomInventory(
        attendees=len(rows),
        levels={level: levels[level] for level in LEVELS},
        unassessed=sum(1 for r in rows if r.level is None),
        disciplines={key: disciplines[key] for key in _DISCIPLINE_KEYS},
        organizations=_distinct(r.organization for r in rows),
        regions=_distinct(r.region for r in rows),
        tools={tool.key: _count_tool(tool.key, rows) for tool in TOOLS},
    )


def _count_tool(tool: str, rows: Sequence[AttendeeRecord]) -> ToolCounts:
    frequency = Counter(r.tool_uses[tool].frequency if tool in r.tool_uses else "never"
                        for r in rows)
    users = [r for r in rows if is_user(r.tool_uses.get(tool))]
    by_level = Counter(r.level for r in users)
    by_discipline = Counter(r.discipline for r in users)
    return ToolCounts(
        tool=tool,
        users=len(users),
        tried=frequency["tried"],
        never=frequency["never"],
        by_level={level: by_level[level] for level in LEVELS},
        by_discipline={key: by_discipline[key] for key in _DISCIPLINE_KEYS},
        frequency={key: frequency[key] for key, _ in FREQUENCIES},
    )


def _validated(index: int, record: AttendeeRecord) -> AttendeeRecord:
    if record.level is not None and record.level not in LEVELS:
        raise InventoryError(index, "level", f"{record.level!r} is not 1, 2, 3, 4 or None")
    if record.discipline not in _DISCIPLINE_KEYS:
        known = ", ".join(_DISCIPLINE_KEYS)
        raise InventoryError(index, "discipline", f"unknown {record.discipline!r} ({known})")
    for tool, use in record.tool_uses.items():
        if tool not in TOOL_BY_KEY:
            raise InventoryError(index, f"tool_uses[{tool!r}]", "unknown tool")
        if use.frequency not in FREQUENCY_RANK:
            raise InventoryError(
                index, f"tool_uses[{tool!r}]", f"unknown frequency {use.frequency!r}"
            )
    return record


def _distinct(names: Iterable[str]) -> int:
    # "Acme", "acme " and "ACME" are one organization; blanks are not counted.
    return len({" ".join(name.split()).casefold() for name in names if name.strip()})


# --- Public summary --------------------------------------------------------------------


def public_summary(inventory: RoomInventory, *, k: int = SUPPRESSION_K,
                   language: str = "en") -> list[str]:
    """Sentences for the public hub, aggregate only, e.g. "78% use social networking, …",
    in ``language`` (each language's words: ``Grammar.inventory``).

    Small-cell suppression so no individual can be singled out: a count is shown only if
    it is 0 or at least ``k``. Within a distribution (levels, disciplines) a single hidden
    cell could be recovered as total minus the rest, so the smallest shown non-zero cell is
    hidden with it. For a tool, users and non-users form the distribution: "42 of 45 use
    it" would single out the 3 who do not, so the tool is hidden. Nothing is published
    below ``k`` attendees.

    >>> room = room_inventory([AttendeeRecord(1)] * 6)
    >>> public_summary(room)[1]
    'Levels: 100% Eye-opener.'
    >>> public_summary(room, language="de")[:2]
    ['6 Personen aus 0 Organisationen.', 'Stufen: 100\xa0% Augenöffner.']
    """
    grammar = grammar_for(language)
    say = grammar.inventory
    n = inventory.attendees
    if n < k:
        return [say.too_few.format(k=k)]
    organizations = inventory.organizations
    sentences = [say.people_from[grammar.plural(organizations)].format(n=n, orgs=organizations)]
    level_cells = {grammar.level_names[level]: c for level, c in inventory.levels.items()}
    level_cells[say.not_assessed] = inventory.unassessed
    sentences.append(_distribution_sentence(say, say.levels, level_cells, n, k))
    sentences.append(_distribution_sentence(
        say, say.disciplines,
        {say.discipline_names[key]: c for key, c in inventory.disciplines.items()}, n, k,
    ))
    sentences.append(_tools_sentence(grammar, inventory, k))
    return sentences


def _shown(count: int, k: int) -> bool:
    return count == 0 or count >= k


def _distribution_sentence(say: InventoryWords, title: str, cells: Mapping[str, int], n: int,
                           k: int) -> str:
    hidden = {name for name, c in cells.items() if not _shown(c, k)}
    if len(hidden) == 1:
        # Secondary suppression: otherwise total − shown cells reveals the hidden one.
        shown_nonzero = [(c, name) for name, c in cells.items() if c and name not in hidden]
        if shown_nonzero:
            hidden.add(min(shown_nonzero)[1])
    parts = [say.share.format(pct=round(100 * c / n), name=name) for name, c in
             sorted(cells.items(), key=lambda item: -item[1]) if c and name not in hidden]
    clauses = [say.titled.format(title=title, body=", ".join(parts) if parts else say.all_small)]
    if hidden:
        names = [name for name in cells if name in hidden]
        clauses.append(say.not_shown.format(names=", ".join(names)))
    return say.clause_sep.join(clauses) + "."


def _tools_sentence(grammar: Grammar, inventory: RoomInventory, k: int) -> str:
    say, n = grammar.inventory, inventory.attendees
    ranked = sorted(inventory.tools.values(), key=lambda t: -t.users)  # stable: catalogue order
    parts, unused, hidden = [], [], []
    for counts in ranked:
        label = (TOOL_BY_KEY[counts.tool].label.lower() if grammar.code == "en"
                 else grammar.reasons.tools[counts.tool].text)
        if counts.users == 0:
            unused.append(label)
        elif _shown(counts.users, k) and _shown(n - counts.users, k):
            parts.append(say.tool_share.format(pct=round(100 * counts.users / n), tool=label))
        else:
            hidden.append(label)
    clauses = [say.tools_lead.format(parts=", ".join(parts) if parts else say.none_shown)]
    if unused:
        clauses.append(say.nobody_uses.format(tools=", ".join(unused)))
    if hidden:
        clauses.append(say.not_shown.format(names=", ".join(hidden)))
    return say.clause_sep.join(clauses) + "."
