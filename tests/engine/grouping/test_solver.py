"""solve_groups: proven optima, brute force, incremental gains, bounds, reproducibility."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest

from immerse.engine.formats.mdgplib import read_mdgplib
from immerse.engine.grouping import GroupingError, kernels, solve_groups


def _random_instance(n: int, seed: int) -> np.ndarray:
    random = np.random.default_rng(seed)
    upper = np.triu(random.integers(0, 100, size=(n, n)).astype(float), k=1)
    return upper + upper.T


def _brute_force(distances: np.ndarray, bounds: list[tuple[int, int]]) -> float:
    n, best = distances.shape[0], -np.inf
    for labels in itertools.product(range(len(bounds)), repeat=n):
        sizes = np.bincount(labels, minlength=len(bounds))
        if all(a <= s <= b for s, (a, b) in zip(sizes, bounds, strict=True)):
            same = np.equal.outer(labels, labels)
            best = max(best, float(np.triu(distances * same, k=1).sum()))
    return best


def test_exact_small_optima_are_hit(mdgp_data: Path, check_grouping, diversity) -> None:
    with open(mdgp_data / "exact_small.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 120
    for row in rows:
        set_name = row["instance"].split("_")[0]
        instance = read_mdgplib(mdgp_data / "instances" / set_name / f"{row['instance']}.txt.gz")

        result = solve_groups(instance.distances, instance.bounds, max_iterations=2000, seed=0)

        check_grouping(result.groups, instance.n, instance.bounds)
        assert diversity(instance.distances, result.groups) == pytest.approx(result.objective)
        assert result.objective == pytest.approx(float(row["optimum"]), abs=1e-3), row["instance"]


@pytest.mark.parametrize("seed", range(6))
def test_tiny_instances_match_brute_force(seed: int, check_grouping) -> None:
    distances = _random_instance(7, seed)
    bounds = [(1, 3), (2, 4), (0, 2)]

    result = solve_groups(distances, bounds, max_iterations=500, seed=seed)

    check_grouping(result.groups, 7, bounds)
    assert result.objective == pytest.approx(_brute_force(distances, bounds))


def test_incremental_gains_equal_recomputed_objective() -> None:
    random = np.random.default_rng(5)
    for trial in range(20):
        n, m = int(random.integers(4, 15)), int(random.integers(2, 5))
        distances = random.random((n, n))
        distances = distances + distances.T
        np.fill_diagonal(distances, 0.0)
        group = random.integers(0, m, size=n).astype(np.int64)
        sums, size = kernels.build_sums(distances, group, m)
        value = kernels.objective(distances, group)
        for _ in range(30):
            i, j = (int(x) for x in random.integers(0, n, size=2))
            p, q = int(group[i]), int(random.integers(0, m))
            if random.random() < 0.5 or group[j] == p:  # one-move i: p -> q
                gain = sums[i, q] - sums[i, p] if q != p else 0.0
                kernels.apply_move(distances, group, size, sums, i, q)
            else:  # swap i (in p) with j (in r)
                r = int(group[j])
                gain = (sums[i, r] - sums[i, p] + sums[j, p] - sums[j, r]
                        - 2 * distances[i, j])
                kernels.apply_move(distances, group, size, sums, i, r)
                kernels.apply_move(distances, group, size, sums, j, p)
            value += gain
            assert value == pytest.approx(kernels.objective(distances, group)), trial
            fresh_sums, fresh_size = kernels.build_sums(distances, group, m)
            assert np.allclose(sums, fresh_sums) and np.array_equal(size, fresh_size)


def test_bounds_are_respected_on_different_sizes(check_grouping, diversity) -> None:
    distances = _random_instance(40, 3)
    bounds = [(2, 5), (8, 12), (10, 10), (3, 20)]

    result = solve_groups(distances, bounds, max_iterations=3000, seed=2)

    check_grouping(result.groups, 40, bounds)
    assert result.objective == pytest.approx(diversity(distances, result.groups))
    assert result.violations == ()


def test_same_seed_and_budget_give_the_same_grouping() -> None:
    distances = _random_instance(60, 9)
    bounds = [(8, 12)] * 6

    first = solve_groups(distances, bounds, max_iterations=4000, seed=11)
    second = solve_groups(distances, bounds, max_iterations=4000, seed=11)
    other = solve_groups(distances, bounds, max_iterations=4000, seed=12)

    assert first.groups == second.groups
    assert first.objective == second.objective
    assert first.iterations == second.iterations == 4000
    assert other.groups != first.groups  # the seed does steer the search


def test_time_limit_is_respected_and_progress_reported() -> None:
    distances = _random_instance(60, 1)
    seen: list[tuple[float, float]] = []

    result = solve_groups(distances, [(10, 10)] * 6, time_limit=0.3, seed=0,
                          progress=lambda done, best: seen.append((done, best)))

    assert result.seconds < 1.0
    assert seen and all(0.0 <= done <= 1.0 for done, _ in seen)
    assert seen[-1][1] == pytest.approx(result.objective)
    assert [best for _, best in seen] == sorted(best for _, best in seen)


@pytest.mark.parametrize(
    ("distances", "bounds", "message"),
    [
        (np.zeros((3, 2)), [(1, 3)], "square matrix"),
        (np.array([[0, 1], [2, 0]], dtype=float), [(2, 2)], "symmetric"),
        (np.zeros((4, 4)), [(1, 1), (1, 1)], "no grouping of 4 items"),
        (np.zeros((4, 4)), [(3, 1), (1, 4)], "bounds must be"),
    ],
)
def test_bad_problems_are_rejected(distances: np.ndarray, bounds, message: str) -> None:
    with pytest.raises(GroupingError, match=message):
        solve_groups(distances, bounds, max_iterations=10)


def test_a_budget_is_required() -> None:
    with pytest.raises(GroupingError, match="time_limit"):
        solve_groups(np.zeros((2, 2)), [(2, 2)])


def test_a_single_group_returns_at_once_even_with_a_time_limit() -> None:
    import time

    distances = np.ones((4, 4)) - np.eye(4)
    started = time.perf_counter()
    result = solve_groups(distances, [(4, 4)], time_limit=30.0, seed=0)
    assert result.groups == ((0, 1, 2, 3),)
    assert result.objective == 6.0
    assert time.perf_counter() - started < 5.0
