"""Plain data of the grouping engine: the result, the product constraints, the errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


class GroupingError(ValueError):
    """Bad input to the grouping engine (matrix shape, bounds, constraint references)."""


class GroupingInfeasible(GroupingError):
    """No grouping can satisfy the group bounds together with the fixed members."""


@dataclass(frozen=True)
class GroupingConstraints:
    """Product rules layered on top of pure diversity.

    How each is handled (see `constraints.py`):

    * `fixed` (item -> group): hard, by restricted moves; fixed items never move.
    * `apart` / `together` (item pairs): a large penalty per violated pair, larger than any
      diversity gain a single move can bring, so a violation survives only when the bounds
      or the fixed members force it; violations are reported on the result.
    * `experts` (bool per item, "at least one expert per table"): a large penalty per pair of
      experts at one table, which spreads experts evenly, hence one per table whenever there
      are at least as many experts as tables; tables without one are reported.
    * `levels` (1-4 per item, "balanced level mix"): a soft penalty of `level_mix_weight`
      times the mean distance per same-level pair at one table; never reported as violated.

    `expert_weight` and `apart_weight` multiply the experts' and the colleagues' penalties:
    where earlier meetings are penalised (a rotation, or tables formed after other table
    sessions) both are raised above any change in repeated meetings one move can make
    (`constraints.rules_over_repeats`), so an expert at every table and colleagues apart
    come before meeting new people.
    """

    fixed: Mapping[int, int] = field(default_factory=dict)
    apart: Sequence[tuple[int, int]] = ()
    together: Sequence[tuple[int, int]] = ()
    experts: Sequence[bool] | None = None
    levels: Sequence[int] | None = None
    level_mix_weight: float = 0.5
    expert_weight: float = 1.0
    apart_weight: float = 1.0


@dataclass(frozen=True)
class Grouping:
    """A solved grouping: `groups[g]` lists the items of group g (sorted, 0-based).

    `objective` is the pure diversity (sum of within-group distances, penalties excluded);
    `violations` names every hard product rule the grouping breaks (empty when none).
    """

    groups: tuple[tuple[int, ...], ...]
    objective: float
    seconds: float
    iterations: int
    seed: int
    violations: tuple[str, ...] = ()

    def group_of(self) -> dict[int, int]:
        """Item -> group index."""
        return {item: g for g, members in enumerate(self.groups) for item in members}
