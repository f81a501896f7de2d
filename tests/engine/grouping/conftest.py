"""Shared fixtures for the grouping tests: the MDGP data folder and an independent checker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.shared_data import shared_data

MDGP_DATA = shared_data("mdgp")

Checker = Callable[[Sequence[Sequence[int]], int, Sequence[tuple[int, int]]], None]


@pytest.fixture
def mdgp_data() -> Path:
    if not MDGP_DATA.is_dir():
        pytest.skip(f"MDGP benchmark data not found at {MDGP_DATA}")
    return MDGP_DATA


def _check_grouping(
    groups: Sequence[Sequence[int]], n: int, bounds: Sequence[tuple[int, int]]
) -> None:
    placed = sorted(item for members in groups for item in members)
    assert placed == list(range(n)), "every item placed exactly once"
    assert len(groups) == len(bounds)
    for members, (lower, upper) in zip(groups, bounds, strict=True):
        assert lower <= len(members) <= upper


@pytest.fixture
def check_grouping() -> Checker:
    """Every item placed exactly once, every group within its bounds."""
    return _check_grouping


@pytest.fixture
def diversity() -> Callable[[np.ndarray, Sequence[Sequence[int]]], float]:
    """The objective recomputed independently of the engine."""

    def recompute(distances: np.ndarray, groups: Sequence[Sequence[int]]) -> float:
        return float(sum(distances[np.ix_(g, g)].sum() / 2 for g in groups if len(g)))

    return recompute
