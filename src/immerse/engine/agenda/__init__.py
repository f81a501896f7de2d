"""Personal agendas: which session each attendee attends in each slot.

The API: `solve_agenda`, the dataclasses of `model`, the independent `check_assignment`,
and the seeded `generate_conference`. Timetables (which talks run in parallel) are their
own package, :mod:`immerse.engine.timetable`.
"""

from immerse.engine.agenda.check import assignment_cost, check_assignment
from immerse.engine.agenda.generate import generate_conference
from immerse.engine.agenda.model import (
    AgendaInfeasibleError,
    AgendaNotSolvedError,
    AgendaProblem,
    AgendaSolution,
    Attendee,
    InvalidAgendaError,
    Session,
)
from immerse.engine.agenda.solve import solve_agenda

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
