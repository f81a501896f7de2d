"""Three-way merge of notes, line by line: two tablemates saving at once lose nothing.

``base`` is the revision the editor loaded, ``mine`` what they save, ``theirs`` the latest
saved meanwhile. Edits to different lines merge; edits to the same lines keep both, between
visible markers, and the result says so (the page tells the editor to tidy it).

>>> merge_notes(base="a\\nb\\nc", mine="A\\nb\\nc", theirs="a\\nb\\nC").text
'A\\nb\\nC'
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["END_MARK", "MINE_MARK", "THEIRS_MARK", "MergedNotes", "merge_notes"]

MINE_MARK = "<<<<<<< your version"
THEIRS_MARK = "======= saved meanwhile"
END_MARK = ">>>>>>>"


@dataclass(frozen=True, slots=True)
class MergedNotes:
    text: str
    conflicts: int


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """The edits turning ``base`` into ``other``: (start, end in base, replacement)."""
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def _overlaps(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    # Two insertions at the same place, or ranges that share a base line, touch.
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0] or (a[0] == a[1] == b[1]) or (
        b[0] == b[1] == a[1])


def merge_notes(*, base: str, mine: str, theirs: str) -> MergedNotes:
    """Merge ``mine`` and ``theirs``, both edited from ``base`` (see the module docstring)."""
    if mine == theirs or theirs == base:
        return MergedNotes(mine, 0)
    if mine == base:
        return MergedNotes(theirs, 0)
    lines = base.split("\n")
    edits = sorted([(*c, "mine") for c in _changes(lines, mine.split("\n"))]
                   + [(*c, "theirs") for c in _changes(lines, theirs.split("\n"))],
                   key=lambda e: (e[0], e[1]))
    out: list[str] = []
    at, conflicts, index = 0, 0, 0
    while index < len(edits):
        start, end = edits[index][:2]
        group = [edits[index]]
        index += 1
        while index < len(edits) and any(_overlaps(g[:3], edits[index][:3]) for g in group):
            group.append(edits[index])
            end = max(end, edits[index][1])
            index += 1
        out += lines[at:start]
        sides = {g[3] for g in group}
        if len(sides) == 1:
            out += _apply(lines, start, end, group)
        else:
            versions = {side: _apply(lines, start, end, [g for g in group if g[3] == side])
                        for side in sides}
            if versions["mine"] == versions["theirs"]:
                out += versions["mine"]
            else:
                conflicts += 1
                out += [MINE_MARK, *versions["mine"], THEIRS_MARK, *versions["theirs"],
                        END_MARK]
        at = end
    out += lines[at:]
    return MergedNotes("\n".join(out), conflicts)


def _apply(lines: list[str], start: int, end: int,
           edits: list[tuple[int, int, list[str], str]]) -> list[str]:
    """Base lines ``start:end`` with one side's ``edits`` applied."""
    out: list[str] = []
    at = start
    for e_start, e_end, new, _who in edits:
        out += lines[at:e_start] + new
        at = e_end
    return out + lines[at:end]
