"""Timetables from wishes: which talks run in parallel, so attendees miss the fewest.

``model`` holds the problem, the timetable and the two metrics that judge it (missed
attendance, session hops); ``solve`` the two-phase search; ``search`` and ``hops`` its
Numba kernels (phase 1 and phase 2).

>>> problem = TimetableProblem(("a", "b"), ("x", "y"), (Block("B", 2, 1),), ("p",),
...                            (frozenset({"a"}),))
>>> missed_attendance(problem, solve_timetable(problem, effort=0.01))
0
"""

from immerse.engine.timetable.model import (
    Block,
    InvalidTimetableError,
    Timetable,
    TimetableProblem,
    check_timetable,
    missed_attendance,
    session_hops,
)
from immerse.engine.timetable.solve import solve_timetable

__all__ = [
    "Block",
    "InvalidTimetableError",
    "Timetable",
    "TimetableProblem",
    "check_timetable",
    "missed_attendance",
    "session_hops",
    "solve_timetable",
]
