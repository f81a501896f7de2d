"""Rotations: several rounds of tables so that people keep meeting new people.

Two ways to a plan with no repeated pair, then one polish:

1. When n = p * g people sit at g tables of p (p <= g), a grid design (`rotation_design`)
   guarantees zero repeats; a relabelling search then seats people on the grid for
   diversity and the product rules. 90 people, 10 tables of 9, 5 rounds takes this path.
2. Otherwise rounds are built one by one, each penalising pairs that already met (the
   penalty beats any single move's diversity gain, `constraints.hard_penalty`), and a
   conflict-directed swap search (`rotation_kernels`) removes the repeats left over.
   Some shapes force repeats (tables larger than the number of tables: pigeonhole); the
   search then spreads them (a pair's k-th meeting costs (k-1)^2, see `rotation_kernels`)
   and stops at the floor `repeats.unavoidable_remeetings` gives.
3. Each round is re-solved against the others for diversity; a re-solve that would add a
   re-meeting is refused.

The product rules (an expert per table, colleagues apart) outrank repeats
(`constraints.rules_over_repeats`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping import kernels, repeats, rotation_design, rotation_kernels
from immerse.engine.grouping.constraints import (
    hard_penalty,
    rules_over_repeats,
    search_matrix,
    violations,
)
from immerse.engine.grouping.model import Grouping, GroupingConstraints, GroupingError
from immerse.engine.grouping.solver import SearchSettings, check_problem, solve_penalised


def solve_rotation(
    distances: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    rounds: int,
    *,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    seed: int = 0,
    constraints: GroupingConstraints | None = None,
    settings: SearchSettings = SearchSettings(),
    fixed_rounds: Sequence[Mapping[int, int]] | None = None,
) -> list[Grouping]:
    """`rounds` diverse groupings with as few repeated pairs across rounds as possible.

    `time_limit` and `max_iterations` are totals over all rounds and phases. The same seed
    and `max_iterations` give the same plan; under a time limit the plan depends on speed.
    The hard product rules are penalised in every round (see `GroupingConstraints`) and
    reported per round in `Grouping.violations`; spreading experts outranks avoiding repeats
    (it overrides `constraints.expert_weight`). `constraints.fixed` holds in every round;
    `fixed_rounds[r]` (item -> group) adds seats fixed in round r only, such as a seat an
    organizer moved by hand: those items never move in that round.

    >>> d = np.ones((4, 4)) - np.eye(4)
    >>> plan = solve_rotation(d, [(2, 2), (2, 2)], rounds=3, max_iterations=300, seed=0)
    >>> repeated_pairs(plan)
    0
    """
    if rounds < 1:
        raise GroupingError(f"rounds must be at least 1, got {rounds}")
    if fixed_rounds is not None and len(fixed_rounds) != rounds:
        raise GroupingError(f"fixed_rounds: {len(fixed_rounds)} rounds given, expected {rounds}")
    distances = check_problem(distances, bounds, time_limit, max_iterations)
    # Experts and colleagues weigh more than any change in repeats one move can make: the
    # rotation never buys new meetings with a table left without its expert.
    weight = rules_over_repeats(bounds, rounds)
    constraints = replace(constraints or GroupingConstraints(), expert_weight=weight,
                          apart_weight=weight)
    budget = _Budget(time_limit, max_iterations)
    per_round = [replace(constraints, fixed={**constraints.fixed, **(
        fixed_rounds[r] if fixed_rounds is not None else {})}) for r in range(rounds)]
    rotation = _Rotation(distances, bounds, per_round, settings)
    if not rotation.from_design(rounds, budget, share=0.6, seed=seed):
        # 1. Build the rounds one by one, each avoiding the pairs that met before.
        for r in range(rounds):
            rotation.solve_round(r, seed=seed + r, **budget.share(0.4 / rounds), initial=None)
        # 2. Swap within rounds until no pair meets twice (or the budget share is spent).
        rotation.remove_repeats(budget, share=0.4, seed=seed)
    # 3. Re-solve each round against the others for diversity, keeping zero-repeat gains.
    sweep = 0
    while not budget.spent():
        for r in range(rounds):
            if budget.spent():
                break
            rotation.polish_round(r, seed=seed + rounds * (sweep + 1) + r,
                                  **budget.share(0.2 / rounds))
        sweep += 1
    return rotation.plan()


class _Budget:
    """Time and iteration budget shared between the phases of `solve_rotation`."""

    def __init__(self, time_limit: float | None, max_iterations: int | None) -> None:
        self.started = time.perf_counter()
        self.time_limit = time_limit
        self.max_iterations = max_iterations
        self.used_iterations = 0

    def share(self, fraction: float) -> dict[str, Any]:
        iterations = None
        if self.max_iterations is not None:
            iterations = max(1, int(self.max_iterations * fraction))
            self.used_iterations += iterations
        seconds = None
        if self.time_limit is not None:  # never past the overall limit
            left = self.time_limit - (time.perf_counter() - self.started)
            seconds = max(0.0, min(self.time_limit * fraction, left))
        return {"time_limit": seconds, "max_iterations": iterations}

    def spent(self) -> bool:
        elapsed = time.perf_counter() - self.started
        if self.time_limit is not None and elapsed >= self.time_limit:
            return True
        return self.max_iterations is not None and self.used_iterations >= self.max_iterations


class _Rotation:
    """The rounds so far and how often each pair has met."""

    def __init__(
        self, distances: NDArray[np.float64], bounds: Sequence[tuple[int, int]],
        constraints: Sequence[GroupingConstraints], settings: SearchSettings,
    ) -> None:
        self.distances = distances
        self.bounds = bounds
        self.constraints = constraints  # one per round: the fixed seats may differ
        self.settings = settings
        # Only `fixed` differs between rounds, and it is not part of the search matrix.
        self.base = search_matrix(distances, bounds, constraints[0])
        self.penalty = hard_penalty(distances, bounds)
        self.met = np.zeros_like(distances)
        self.rounds: dict[int, Grouping] = {}
        n = distances.shape[0]
        self.floor = len(constraints) * (len(constraints) - 1) // 2 * max(
            repeats.unavoidable_remeetings(n, len(bounds), len(bounds)), 0)

    def solve_round(
        self, r: int, *, seed: int, time_limit: float | None, max_iterations: int | None,
        initial: NDArray[np.int64] | None,
    ) -> None:
        if r in self.rounds:
            self._count(self.rounds[r], -1.0)
        self.rounds[r] = solve_penalised(
            self.distances, self.base - self.penalty * self.met**2, self.bounds,
            self.constraints[r],
            time_limit=time_limit, max_iterations=max_iterations, seed=seed,
            settings=self.settings, initial=initial,
        )
        self._count(self.rounds[r], 1.0)

    def from_design(self, rounds: int, budget: _Budget, *, share: float, seed: int) -> bool:
        """Seat everyone on a zero-repeat grid design when the shape allows; False if not."""
        n, tables = self.distances.shape[0], len(self.bounds)
        size, extra = divmod(n, tables)
        if extra or any(c.fixed for c in self.constraints) or any(
                not a <= size <= b for a, b in self.bounds):
            return False
        shifts = rotation_design.difference_rows(size, tables, rounds)
        if shifts is None:
            return False
        table_of_cell = rotation_design.grid_rounds(size, tables, shifts)
        random = np.random.default_rng(seed)
        person_at = self._seat_order(random)
        rng = np.array([random.integers(1, 2**62)], dtype=np.uint64)
        limits = budget.share(share)
        deadline = _deadline(limits["time_limit"])
        remaining = limits["max_iterations"] or np.iinfo(np.int64).max
        while remaining > 0 and time.perf_counter() < deadline:
            chunk = min(remaining, 100)
            rotation_design.relabel_search(self.base, table_of_cell, person_at, tables, chunk, rng)
            remaining -= chunk
        labels = np.empty((rounds, n), dtype=np.int64)
        labels[:, person_at] = table_of_cell
        for r in range(rounds):
            self.rounds[r] = Grouping(groups=(), objective=0.0, seconds=0.0, iterations=0,
                                      seed=seed)
            self._replace(r, labels[r])
        return True

    def _seat_order(self, random: np.random.Generator) -> NDArray[np.int64]:
        """People in grid-cell order: experts first, then by level, ties at random.

        A grid row meets every table once in every round, so filling rows with experts
        puts one at each table each round, and rows of one level balance the level mix.
        """
        n, rules = self.distances.shape[0], self.constraints[0]
        experts = np.zeros(n) if rules.experts is None else np.asarray(rules.experts, dtype=float)
        levels = np.zeros(n) if rules.levels is None else np.asarray(rules.levels, dtype=float)
        return np.lexsort((random.permutation(n), levels, -experts)).astype(np.int64)

    def remove_repeats(self, budget: _Budget, *, share: float, seed: int) -> None:
        n, rounds = self.distances.shape[0], len(self.rounds)
        labels = np.array([self.assignment(r) for r in range(rounds)], dtype=np.int64)
        rng = np.array([np.random.default_rng(seed).integers(1, 2**62)], dtype=np.uint64)
        movable = np.ones((rounds, n), dtype=bool)
        for r, rules in enumerate(self.constraints):
            movable[r, list(rules.fixed)] = False
        limits = budget.share(share)
        deadline = _deadline(limits["time_limit"])
        remaining = limits["max_iterations"] or np.iinfo(np.int64).max
        # Under a time limit, chunks are sized to a fraction of the time left (one
        # iteration of 250 people over 6 rounds takes milliseconds); without one they stay
        # 500 iterations, so the same seed gives the same plan.
        chunk = 500 if limits["time_limit"] is None else 10
        while self.repeats() > self.floor and remaining > 0 and time.perf_counter() < deadline:
            step = min(remaining, chunk)
            members, sizes, where = _member_lists(labels, len(self.bounds))
            meets = self.met.astype(np.int64)
            plan = rotation_kernels.Plan(labels, members, sizes, where, meets)
            started = time.perf_counter()
            rotation_kernels.remove_repeats(self.base, plan, movable, 2.0 * self.penalty,
                                            step, rng, self.floor)
            remaining -= step
            if limits["time_limit"] is not None:
                per_step = max((time.perf_counter() - started) / step, 1e-7)
                left = deadline - time.perf_counter()
                chunk = int(min(500, max(1, 0.25 * left / per_step)))
            for r in range(rounds):
                self._replace(r, labels[r])

    def polish_round(
        self, r: int, *, seed: int, time_limit: float | None, max_iterations: int | None
    ) -> None:
        before, previous = self.repeats(), self.rounds[r]
        self.solve_round(r, seed=seed, time_limit=time_limit, max_iterations=max_iterations,
                         initial=self.assignment(r))
        if self.repeats() > before:  # a large diversity gain may buy a repeat: refuse it
            self._count(self.rounds[r], -1.0)
            self.rounds[r] = previous
            self._count(previous, 1.0)

    def _replace(self, r: int, labels: NDArray[np.int64]) -> None:
        old = self.rounds[r]
        groups = tuple(tuple(int(i) for i in np.flatnonzero(labels == g))
                       for g in range(len(self.bounds)))
        self._count(old, -1.0)
        self.rounds[r] = replace(
            old, groups=groups,
            objective=float(kernels.objective(self.distances, labels)),
            violations=tuple(violations(groups, self.constraints[r])),
        )
        self._count(self.rounds[r], 1.0)

    def assignment(self, r: int) -> NDArray[np.int64]:
        group = np.zeros(self.distances.shape[0], dtype=np.int64)
        for g, members in enumerate(self.rounds[r].groups):
            group[list(members)] = g
        return group

    def repeats(self) -> int:
        """The repeat cost of the plan (`rotation_kernels.repeat_cost` over all pairs)."""
        upper = np.triu(self.met, k=1)
        return int(((upper - 1.0) * upper * (2.0 * upper - 1.0) / 6.0).sum())

    def plan(self) -> list[Grouping]:
        return [self.rounds[r] for r in sorted(self.rounds)]

    def _count(self, grouping: Grouping, sign: float) -> None:
        for members in grouping.groups:
            self.met[np.ix_(members, members)] += sign
        np.fill_diagonal(self.met, 0.0)


def _deadline(seconds: float | None) -> float:
    """When a phase given `seconds` must stop (a share of 0 s is spent at once; None: never)."""
    return time.perf_counter() + (np.inf if seconds is None else seconds)


def _member_lists(
    labels: NDArray[np.int64], m: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Members per round and group (padded with -1), group sizes, each item's slot."""
    rounds, n = labels.shape
    sizes = np.zeros((rounds, m), dtype=np.int64)
    members = np.full((rounds, m, n), -1, dtype=np.int64)
    where = np.zeros((rounds, n), dtype=np.int64)
    for w in range(rounds):
        for i in range(n):
            g = labels[w, i]
            members[w, g, sizes[w, g]] = i
            where[w, i] = sizes[w, g]
            sizes[w, g] += 1
    return members, sizes, where


def repeated_pairs(rounds: Sequence[Grouping] | Sequence[Sequence[Sequence[int]]]) -> int:
    """Extra meetings: over all pairs, how many times they sat together beyond the first."""
    meetings: dict[tuple[int, int], int] = {}
    for grouping in rounds:
        groups = grouping.groups if isinstance(grouping, Grouping) else grouping
        for members in groups:
            ordered = sorted(members)
            for k, i in enumerate(ordered):
                for j in ordered[k + 1:]:
                    meetings[(i, j)] = meetings.get((i, j), 0) + 1
    return sum(count - 1 for count in meetings.values())
