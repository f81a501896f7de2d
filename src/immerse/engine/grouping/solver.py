"""Maximally Diverse Grouping: iterated tabu search over one-moves and swaps.

The scheme follows the iterated tabu search line of the MDGP literature (Palubeckis et al.
2011; Lai & Hao 2016): a tabu search over the one-move and swap neighbourhoods with O(1)
gains (see `kernels.py`), run until `depth` iterations bring no new round best, then a
random perturbation (swaps) of either the round's local optimum or the best grouping so
far. The first grouping uses the size profile with the most within-group pairs (a DP over
the bounds), which matters on `ds` instances: the search rarely walks between profiles.
The settings were tuned on dev instances (n = 120, iteration budgets); an elite-pool
crossover layer was tried and measured no better at the benchmark budgets, so it is not here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping import kernels
from immerse.engine.grouping.constraints import (
    fixed_assignment,
    hard_penalty,
    rules_over_repeats,
    search_matrix,
    violations,
)
from immerse.engine.grouping.model import Grouping, GroupingConstraints, GroupingError

Progress = Callable[[float, float], None]  # (fraction of the budget used, best objective)


@dataclass(frozen=True)
class SearchSettings:
    """Knobs of the iterated tabu search, as multiples of n where they scale with it."""

    depth_per_item: float = 10.0  # non-improving iterations before a perturbation, / n
    tenure_min_per_item: float = 0.05
    tenure_span_per_item: float = 0.10
    strength_per_item: float = 0.20  # random moves per perturbation, / n
    restart_from_best: float = 0.5  # probability of perturbing the best, not the round's


def solve_groups(
    distances: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    *,
    time_limit: float | None = None,
    max_iterations: int | None = None,
    seed: int = 0,
    constraints: GroupingConstraints | None = None,
    met: NDArray[np.float64] | None = None,
    progress: Progress | None = None,
    settings: SearchSettings = SearchSettings(),
    clock: Callable[[], float] = time.perf_counter,
) -> Grouping:
    """Split n items into groups g with a_g <= size <= b_g, maximising within-group distance.

    `met[i, j]` (optional, n x n) counts the times i and j already sat together, at an
    event's other table sessions: seating a pair that met c times together again costs
    c^2 penalties (convex, as in a rotation), more than any diversity a move brings, so new
    tablemates come first; the product rules are raised above that
    (`constraints.rules_over_repeats`) and still come before new people.

    Anytime: stops at `time_limit` seconds or `max_iterations` tabu iterations (whichever
    comes first; at least one is required) and returns the best grouping found. The same
    `seed` and `max_iterations` give the same grouping; under a time limit alone the result
    depends on the machine's speed. `clock` measures the time limit (wall time by default;
    `time.process_time` gives a load-independent CPU-time budget on a shared machine).

    >>> d = np.array([[0, 9, 1, 1], [9, 0, 1, 1], [1, 1, 0, 9], [1, 1, 9, 0]], dtype=float)
    >>> solve_groups(d, [(2, 2), (2, 2)], max_iterations=50, seed=1).objective
    18.0
    """
    constraints = constraints or GroupingConstraints()
    distances = check_problem(distances, bounds, time_limit, max_iterations)
    if met is None:
        matrix = search_matrix(distances, bounds, constraints)
    else:
        met = check_met(met, distances.shape[0])
        weight = rules_over_repeats(bounds, int(met.max(initial=0.0)) + 1)
        constraints = replace(constraints, expert_weight=max(constraints.expert_weight, weight),
                              apart_weight=max(constraints.apart_weight, weight))
        matrix = (search_matrix(distances, bounds, constraints)
                  - hard_penalty(distances, bounds) * met**2)
    return solve_penalised(
        distances, matrix, bounds, constraints, time_limit=time_limit,
        max_iterations=max_iterations, seed=seed, progress=progress, settings=settings,
        clock=clock,
    )


def solve_penalised(
    distances: NDArray[np.float64],
    matrix: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    constraints: GroupingConstraints,
    *,
    time_limit: float | None,
    max_iterations: int | None,
    seed: int,
    progress: Progress | None = None,
    settings: SearchSettings = SearchSettings(),
    initial: NDArray[np.int64] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Grouping:
    """`solve_groups` on a prepared search `matrix` (distances plus penalties, already
    checked); the reported objective and violations are about `distances` and `constraints`.
    `initial` (group per item, feasible) is a warm start: the result is never worse on
    `matrix`.
    """
    started = clock()
    fixed = fixed_assignment(distances.shape[0], bounds, constraints)
    search = _Search(matrix, bounds, fixed, seed, settings, initial)
    limit = float("inf") if time_limit is None else time_limit
    iteration_cap = max_iterations if max_iterations is not None else np.iinfo(np.int64).max
    while search.iterations < iteration_cap:
        elapsed = clock() - started
        if elapsed >= limit and search.iterations > 0:  # always search a little
            break
        before = search.iterations
        search.step(min(search.chunk, iteration_cap - search.iterations))
        if search.iterations == before:  # no move exists (e.g. one group): nothing to search
            break
        if progress is not None:
            used = max(elapsed / limit, search.iterations / iteration_cap)
            progress(min(used, 1.0), float(kernels.objective(distances, search.best_group)))
    groups = tuple(
        tuple(int(item) for item in np.flatnonzero(search.best_group == g))
        for g in range(len(bounds))
    )
    return Grouping(
        groups=groups,
        objective=float(kernels.objective(distances, search.best_group)),
        seconds=clock() - started,
        iterations=search.iterations,
        seed=seed,
        violations=tuple(violations(groups, constraints)),
    )


class _Search:
    """The state of one iterated tabu search, advanced in chunks of iterations."""

    def __init__(
        self, matrix: NDArray[np.float64], bounds: Sequence[tuple[int, int]],
        fixed: NDArray[np.int64], seed: int, settings: SearchSettings,
        initial: NDArray[np.int64] | None = None,
    ) -> None:
        n, m = matrix.shape[0], len(bounds)
        self.matrix = matrix
        self.lower = np.array([a for a, _ in bounds], dtype=np.int64)
        self.upper = np.array([b for _, b in bounds], dtype=np.int64)
        self.movable = fixed < 0
        self.random = np.random.default_rng(seed)
        self.rng = np.array([self.random.integers(1, 2**62)], dtype=np.uint64)
        self.depth = max(20, int(settings.depth_per_item * n))
        self.tenure_min = max(3, int(settings.tenure_min_per_item * n))
        self.tenure_span = max(4, int(settings.tenure_span_per_item * n))
        self.strength = max(2, int(settings.strength_per_item * n))
        self.problem = kernels.Problem(matrix, self.lower, self.upper, self.movable)
        self.tenure = kernels.Tenure(self.depth, self.tenure_min, self.tenure_span)
        self.restart_from_best = settings.restart_from_best
        self.chunk = max(8, int(2_000_000 / (n * n)))
        self.tabu = np.zeros((n, m), dtype=np.int64)
        self.counters = np.zeros(2, dtype=np.int64)
        self.values = np.zeros(2, dtype=np.float64)
        self.best_group = (
            _random_grouping(fixed, self.lower, self.upper, self.random)
            if initial is None else np.array(initial, dtype=np.int64)
        )
        self.best_value = float(kernels.objective(matrix, self.best_group))
        self._start_round(self.best_group.copy())

    @property
    def iterations(self) -> int:
        return int(self.counters[kernels.IT])

    def _round(self) -> kernels.Round:
        return kernels.Round(self.group, self.size, self.sums, self.tabu, self.round_best,
                             self.counters, self.values, self.rng)

    def step(self, steps: int) -> None:
        finished = kernels.tabu_search(self.problem, self._round(), self.tenure,
                                       self.best_value, steps)
        if self.values[kernels.ROUND_BEST] > self.best_value + 1e-9:
            self.best_value = float(self.values[kernels.ROUND_BEST])
            self.best_group = self.round_best.copy()
        if finished:
            use_best = self.random.random() < self.restart_from_best
            start = (self.best_group if use_best else self.round_best).copy()
            self._start_round(start, perturb=True)

    def _start_round(self, group: NDArray[np.int64], *, perturb: bool = False) -> None:
        self.group = group
        self.sums, self.size = kernels.build_sums(self.matrix, group, len(self.lower))
        if perturb:
            kernels.perturb(self.problem, self._round(), self.strength)
        self.round_best = self.group.copy()
        self.values[kernels.OBJ] = kernels.objective(self.matrix, self.group)
        self.values[kernels.ROUND_BEST] = self.values[kernels.OBJ]
        self.counters[kernels.NONIMPROVING] = 0


def _random_grouping(
    fixed: NDArray[np.int64], lower: NDArray[np.int64], upper: NDArray[np.int64],
    random: np.random.Generator,
) -> NDArray[np.int64]:
    """A random grouping with the most pairs the bounds allow, fixed items kept in place.

    Sizes matter more than members at first: a group of s items holds s(s-1)/2 pairs, and
    the tabu search rarely walks between size profiles, so it starts from the richest one.
    """
    group = fixed.copy()
    fixed_count = np.bincount(fixed[fixed >= 0], minlength=len(lower))
    sizes = most_pairs_sizes(np.maximum(lower, fixed_count), upper, len(fixed))
    free = list(random.permutation(np.flatnonzero(fixed < 0)))
    for g in range(len(lower)):
        for _ in range(sizes[g] - fixed_count[g]):
            group[free.pop()] = g
    return group


def most_pairs_sizes(
    lower: NDArray[np.int64], upper: NDArray[np.int64], n: int
) -> NDArray[np.int64]:
    """Group sizes within the bounds, summing to n, with the most within-group pairs (a DP)."""
    m = len(lower)
    pairs = np.full((m + 1, n + 1), -np.inf)
    pairs[0, 0] = 0.0
    chosen = np.zeros((m + 1, n + 1), dtype=np.int64)
    for g in range(m):
        for size in range(int(lower[g]), int(upper[g]) + 1):
            if size > n:
                break
            candidate = np.full(n + 1, -np.inf)
            candidate[size:] = pairs[g, : n + 1 - size] + size * (size - 1) / 2
            better = candidate > pairs[g + 1]
            pairs[g + 1, better] = candidate[better]
            chosen[g + 1, better] = size
    sizes = np.zeros(m, dtype=np.int64)
    total = n
    for g in range(m, 0, -1):
        sizes[g - 1] = chosen[g, total]
        total -= sizes[g - 1]
    return sizes


def check_met(met: NDArray[np.float64], n: int) -> NDArray[np.float64]:
    """Earlier meetings as a float matrix, or `GroupingError` saying what is wrong."""
    matrix = np.asarray(met, dtype=np.float64)
    if matrix.shape != (n, n):
        raise GroupingError(f"met must be an {n} x {n} matrix, got shape {matrix.shape}")
    if not np.isfinite(matrix).all() or (matrix < 0).any() or not np.array_equal(
            matrix, matrix.T):
        raise GroupingError("met must hold symmetric, non-negative meeting counts")
    matrix = matrix.copy()
    np.fill_diagonal(matrix, 0.0)
    return matrix


def check_problem(
    distances: NDArray[np.float64], bounds: Sequence[tuple[int, int]],
    time_limit: float | None, max_iterations: int | None,
) -> NDArray[np.float64]:
    matrix = np.ascontiguousarray(distances, dtype=np.float64)
    n = matrix.shape[0] if matrix.ndim == 2 else -1
    if matrix.ndim != 2 or matrix.shape != (n, n):
        raise GroupingError(f"distances must be a square matrix, got shape {matrix.shape}")
    if not np.allclose(matrix, matrix.T) or not np.isfinite(matrix).all():
        raise GroupingError("distances must be finite and symmetric")
    if not bounds or any(not 0 <= a <= b for a, b in bounds):
        raise GroupingError(f"bounds must be non-empty (a, b) pairs with 0 <= a <= b: {bounds}")
    if not sum(a for a, _ in bounds) <= n <= sum(b for _, b in bounds):
        raise GroupingError(f"no grouping of {n} items fits the bounds {list(bounds)}")
    if time_limit is None and max_iterations is None:
        raise GroupingError("give a time_limit, a max_iterations, or both")
    return matrix
