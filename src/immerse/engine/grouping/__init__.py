"""Diverse round tables: the Maximally Diverse Grouping Problem, rotations, attendee distances.

The solvers (`solve_groups`, `solve_rotation`, `repeated_pairs`, `SearchSettings`) are
imported on first use: they bring NumPy and Numba, which a process that only reads stored
tables (a web worker) should not carry. Importing ``immerse.engine.grouping.<module>`` runs
this file first.

>>> import numpy as np
>>> from immerse.engine.grouping import solve_groups
>>> d = np.array([[0, 9, 1, 1], [9, 0, 1, 1], [1, 1, 0, 9], [1, 1, 9, 0]], dtype=float)
>>> solve_groups(d, [(2, 2), (2, 2)], max_iterations=50, seed=1).objective
18.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from immerse.engine.grouping.model import (
    Grouping,
    GroupingConstraints,
    GroupingError,
    GroupingInfeasible,
)
from immerse.engine.grouping.profiles import (
    AttendeeProfile,
    DistanceWeights,
    ProfileError,
    attendee_distances,
    profile_constraints,
    table_diversity,
)
from immerse.engine.grouping.repeats import (
    Repeats,
    tablemate_repeats,
    tables_for_new_people,
    unavoidable_remeetings,
)

if TYPE_CHECKING:
    from immerse.engine.grouping.rotation import repeated_pairs, solve_rotation
    from immerse.engine.grouping.solver import SearchSettings, solve_groups

_LAZY = {"repeated_pairs": "immerse.engine.grouping.rotation",
         "solve_rotation": "immerse.engine.grouping.rotation",
         "SearchSettings": "immerse.engine.grouping.solver",
         "solve_groups": "immerse.engine.grouping.solver"}

__all__ = [
    "AttendeeProfile",
    "DistanceWeights",
    "Grouping",
    "GroupingConstraints",
    "GroupingError",
    "GroupingInfeasible",
    "ProfileError",
    "Repeats",
    "SearchSettings",
    "attendee_distances",
    "profile_constraints",
    "repeated_pairs",
    "solve_groups",
    "solve_rotation",
    "table_diversity",
    "tablemate_repeats",
    "tables_for_new_people",
    "unavoidable_remeetings",
]


def __getattr__(name: str) -> Any:
    """The solvers' names, imported when first asked for (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
