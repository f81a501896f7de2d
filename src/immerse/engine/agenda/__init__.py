"""Personal agendas (attendee → session assignment) and, in ``timetable*``, timetables.

The agenda API: `solve_agenda`, the dataclasses of `model`, the independent
`check_assignment`, and the seeded `generate_conference`. The timetable modules are
imported from their own names (``immerse.engine.agenda.timetable``); add their exports
below the agenda ones when they settle.
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
# Timetable exports (owned by the timetable modules) go here.
