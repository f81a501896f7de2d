"""Read agenda problem files and write agenda solutions (JSON; see docs/formats.md).

Problem::

    {"slots": ["d1-am", "d1-pm"],
     "sessions": [{"id": "s1", "slot": "d1-am", "topic": "listening", "min": 0, "max": 30}],
     "attendees": [{"id": "a1", "cost": {"listening": 0, "strategy": 3}, "default_cost": 10,
                    "required_slots": ["d1-am"]}],
     "one_per_slot": "exactly", "no_repeat_topic": true}

Defaults: ``min`` 0, ``max`` unlimited, ``cost`` {}, ``default_cost`` 0,
``required_slots`` [], ``one_per_slot`` "exactly", ``no_repeat_topic`` true. Errors name the
JSON path of the bad field, e.g. ``attendees[3].cost.listening: expected a number``.

>>> problem = parse_agenda_problem(
...     '{"slots": ["am"], "sessions": [{"id": "s1", "slot": "am", "topic": "x"}],'
...     ' "attendees": [{"id": "a1"}]}')
>>> problem.sessions[0].max_size > 10**6, problem.attendees[0].default_cost
(True, 0.0)
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import orjson

from immerse.engine.agenda.model import (
    AgendaProblem,
    AgendaSolution,
    Attendee,
    InvalidAgendaError,
    Session,
)
from immerse.engine.formats.limits import MIB, InputTooLarge, read_bounded

__all__ = ["AgendaFormatError", "parse_agenda_problem", "problem_json", "read_agenda_problem",
           "solution_json", "write_agenda_solution"]

UNLIMITED = 10**9
#: A problem of 10,000 attendees with costs for 100 topics is ~30 MB of JSON.
MAX_FILE_BYTES = 128 * MIB


class AgendaFormatError(ValueError):
    """A malformed problem file: the message starts with the file and the JSON path."""

    def __init__(self, source: str, path: str, message: str) -> None:
        self.source, self.path = source, path
        super().__init__(f"{source}: {path}: {message}" if path else f"{source}: {message}")


def read_agenda_problem(file: Path) -> AgendaProblem:
    """Parse the problem file at ``file``; raise `AgendaFormatError` naming the bad field."""
    try:
        text = read_bounded(file, limit=MAX_FILE_BYTES, what="problem file")
    except InputTooLarge as error:
        raise AgendaFormatError(str(file), "", str(error).removeprefix(f"{file}: ")) from None
    except OSError as error:
        raise AgendaFormatError(str(file), "", f"cannot read: {error.strerror}") from error
    return parse_agenda_problem(text, source=str(file))


def parse_agenda_problem(text: str | bytes, *, source: str = "<problem>") -> AgendaProblem:
    """Parse problem JSON text (see the module docstring for the format)."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise AgendaFormatError(source, "", f"not valid JSON ({error})") from error
    reader = _Reader(source)
    root = reader.mapping(data, "")
    reader.known(root, "", {"slots", "sessions", "attendees", "one_per_slot",
                            "no_repeat_topic"})
    slots = [reader.string(x, f"slots[{i}]")
             for i, x in enumerate(reader.array(reader.get(root, "slots", ""), "slots"))]
    sessions = [reader.session(x, f"sessions[{i}]") for i, x in
                enumerate(reader.array(reader.get(root, "sessions", ""), "sessions"))]
    attendees = [reader.attendee(x, f"attendees[{i}]") for i, x in
                 enumerate(reader.array(reader.get(root, "attendees", ""), "attendees"))]
    one_per_slot = root.get("one_per_slot", "exactly")
    if one_per_slot not in ("exactly", "at_most"):
        raise AgendaFormatError(source, "one_per_slot",
                                f"expected \"exactly\" or \"at_most\", got {one_per_slot!r}")
    no_repeat = root.get("no_repeat_topic", True)
    if not isinstance(no_repeat, bool):
        raise AgendaFormatError(source, "no_repeat_topic", "expected true or false")
    try:
        return AgendaProblem(slots=tuple(slots), sessions=tuple(sessions),
                             attendees=tuple(attendees), one_per_slot=one_per_slot,
                             no_repeat_topic=no_repeat)
    except InvalidAgendaError as error:
        path, _, message = str(error).partition(": ")
        raise AgendaFormatError(source, path, message) from error


def problem_json(problem: AgendaProblem) -> bytes:
    """The problem as a file `parse_agenda_problem` reads back to an equal problem."""
    return orjson.dumps({
        "slots": list(problem.slots),
        "sessions": [{"id": s.session_id, "slot": s.slot, "topic": s.topic,
                      "min": s.min_size, "max": s.max_size} for s in problem.sessions],
        "attendees": [{"id": a.attendee_id, "cost": dict(a.cost),
                       "default_cost": a.default_cost,
                       "required_slots": list(a.required_slots)} for a in problem.attendees],
        "one_per_slot": problem.one_per_slot,
        "no_repeat_topic": problem.no_repeat_topic,
    })


def solution_json(solution: AgendaSolution) -> bytes:
    """The solution file: objective, lower_bound, seconds, assignment (+ status, worst_cost)."""
    return orjson.dumps({
        "objective": solution.objective,
        "lower_bound": solution.lower_bound,
        "seconds": round(solution.seconds, 3),
        "status": solution.status,
        "worst_cost": solution.worst_cost,
        "assignment": {a: list(s) for a, s in solution.assignment.items()},
    }, option=orjson.OPT_INDENT_2)


def write_agenda_solution(solution: AgendaSolution, file: Path) -> None:
    file.write_bytes(solution_json(solution) + b"\n")


class _Reader:
    """Type checks that raise `AgendaFormatError` with the JSON path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> AgendaFormatError:
        return AgendaFormatError(self.source, path, message)

    def get(self, obj: dict[str, Any], key: str, path: str) -> Any:
        if key not in obj:
            raise self.fail(f"{path}.{key}" if path else key, "missing")
        return obj[key]

    def known(self, obj: dict[str, Any], path: str, keys: set[str]) -> None:
        for key in obj:
            if key not in keys:
                raise self.fail(f"{path}.{key}" if path else key, "unknown field")

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "expected an object")
        return value

    def array(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, "expected a list")
        return value

    def string(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(path, "expected a non-empty string")
        return value

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            raise self.fail(path, "expected a number")
        return float(value)

    def count(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, "expected a whole number >= 0")
        return int(value)  # an int already; said so for mypy, which sees Any

    def session(self, value: Any, path: str) -> Session:
        obj = self.mapping(value, path)
        self.known(obj, path, {"id", "slot", "topic", "min", "max"})
        return Session(
            session_id=self.string(self.get(obj, "id", path), f"{path}.id"),
            slot=self.string(self.get(obj, "slot", path), f"{path}.slot"),
            topic=self.string(self.get(obj, "topic", path), f"{path}.topic"),
            min_size=self.count(obj.get("min", 0), f"{path}.min"),
            max_size=self.count(obj.get("max", UNLIMITED), f"{path}.max"))

    def attendee(self, value: Any, path: str) -> Attendee:
        obj = self.mapping(value, path)
        self.known(obj, path, {"id", "cost", "default_cost", "required_slots"})
        costs = self.mapping(obj.get("cost", {}), f"{path}.cost")
        required = self.array(obj.get("required_slots", []), f"{path}.required_slots")
        return Attendee(
            attendee_id=self.string(self.get(obj, "id", path), f"{path}.id"),
            cost={k: self.number(v, f"{path}.cost.{k}") for k, v in costs.items()},
            default_cost=self.number(obj.get("default_cost", 0), f"{path}.default_cost"),
            required_slots=tuple(self.string(x, f"{path}.required_slots[{i}]")
                                 for i, x in enumerate(required)))
