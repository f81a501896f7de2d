"""Personal agendas: which session each attendee attends in each slot.

The API: `solve_agenda`, the dataclasses of `model`, the independent `check_assignment`,
and the seeded `generate_conference`. Timetables (which talks run in parallel) are their
own package, :mod:`immerse.engine.timetable`.

`solve_agenda` and `generate_conference` are imported on first use: they bring OR-Tools,
HiGHS, NumPy and Numba, which a process that only reads stored agendas (a web worker)
should not carry. Importing ``immerse.engine.agenda.<module>`` runs this file first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from immerse.engine.agenda.check import assignment_cost, check_assignment
from immerse.engine.agenda.model import (
    AgendaInfeasibleError,
    AgendaNotSolvedError,
    AgendaProblem,
    AgendaSolution,
    Attendee,
    InvalidAgendaError,
    Session,
)

if TYPE_CHECKING:
    from immerse.engine.agenda.generate import generate_conference
    from immerse.engine.agenda.solve import solve_agenda

_LAZY = {"generate_conference": "immerse.engine.agenda.generate",
         "solve_agenda": "immerse.engine.agenda.solve"}

__all__ = [
    "AgendaInfeasibleError",
    "AgendaNotSolvedError",
    "AgendaProblem",
    "AgendaSolution",
    "Attendee",
    "InvalidAgendaError",
    "Session",
    "assignment_cost",
    "check_assignment",
    "generate_conference",
    "solve_agenda",
]


def __getattr__(name: str) -> Any:
    """The solver's names, imported when first asked for (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
