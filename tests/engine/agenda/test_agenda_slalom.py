"""Slalom symposium 2020 (real rankings): our optimum equals HiGHS's proven optimum."""

from __future__ import annotations

import pytest

from bench.agenda import SLALOM_2020, slalom_problem
from immerse.engine.agenda import check_assignment, solve_agenda
from immerse.engine.agenda.arrays import agenda_arrays
from immerse.engine.agenda.mip import solve_mip


def test_slalom_2020_reaches_the_proven_optimum() -> None:
    if not SLALOM_2020.exists():
        pytest.skip(f"benchmark data absent: {SLALOM_2020}")
    problem = slalom_problem()
    assert len(problem.attendees) == 578
    solution = solve_agenda(problem, time_limit=20)
    reference = solve_mip(agenda_arrays(problem), time_limit=60)
    assert reference.status == "optimal"
    assert check_assignment(problem, solution.assignment) == []
    assert solution.objective == reference.objective
    assert solution.lower_bound == solution.objective
