"""Diverse round tables: the Maximally Diverse Grouping Problem, rotations, attendee distances.

>>> import numpy as np
>>> d = np.array([[0, 9, 1, 1], [9, 0, 1, 1], [1, 1, 0, 9], [1, 1, 9, 0]], dtype=float)
>>> solve_groups(d, [(2, 2), (2, 2)], max_iterations=50, seed=1).objective
18.0
"""

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
from immerse.engine.grouping.rotation import repeated_pairs, solve_rotation
from immerse.engine.grouping.solver import SearchSettings, solve_groups

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
