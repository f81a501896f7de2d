"""The problem file: defaults, round trip, errors that name the JSON path."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from immerse.engine.agenda import generate_conference, solve_agenda
from immerse.engine.formats.agenda_problem import (
    AgendaFormatError,
    parse_agenda_problem,
    problem_json,
    read_agenda_problem,
    solution_json,
)

EXAMPLE = {
    "slots": ["d1-am", "d1-pm"],
    "sessions": [{"id": "s1", "slot": "d1-am", "topic": "listening", "min": 0, "max": 30},
                 {"id": "s2", "slot": "d1-pm", "topic": "strategy"}],
    "attendees": [{"id": "a1", "cost": {"listening": 0, "strategy": 3}, "default_cost": 10,
                   "required_slots": ["d1-am"]},
                  {"id": "a2"}],
    "one_per_slot": "exactly", "no_repeat_topic": True,
}


def _parse(data: object) -> object:
    return parse_agenda_problem(orjson.dumps(data), source="p.json")


def test_example_reads_with_defaults() -> None:
    problem = parse_agenda_problem(orjson.dumps(EXAMPLE))
    assert problem.slots == ("d1-am", "d1-pm")
    assert problem.sessions[1].min_size == 0 and problem.sessions[1].max_size == 10**9
    assert problem.attendees[0].cost == {"listening": 0.0, "strategy": 3.0}
    assert problem.attendees[0].required_slots == ("d1-am",)
    assert problem.attendees[1].default_cost == 0.0
    assert problem.one_per_slot == "exactly" and problem.no_repeat_topic is True


def test_round_trip_keeps_the_problem(tmp_path: Path) -> None:
    problem = generate_conference(n_attendees=30, n_slots=3, n_parallel=3, seed=4)
    file = tmp_path / "problem.json"
    file.write_bytes(problem_json(problem))
    assert read_agenda_problem(file) == problem


def test_solution_file_holds_the_public_fields() -> None:
    problem = parse_agenda_problem(orjson.dumps(EXAMPLE))
    data = orjson.loads(solution_json(solve_agenda(problem, time_limit=5)))
    assert data["assignment"] == {"a1": ["s1", "s2"], "a2": ["s1", "s2"]}
    assert data["objective"] == 3.0 and data["lower_bound"] == 3.0
    assert set(data) >= {"objective", "lower_bound", "seconds", "assignment"}


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["attendees"][1].update(cost={"listening": "high"}),
     "p.json: attendees[1].cost.listening: expected a number"),
    (lambda d: d["sessions"][0].update(max=-1), "p.json: sessions[0].max: expected a whole"),
    (lambda d: d["sessions"][0].update(slot="d9"), "p.json: sessions[0].slot: unknown slot"),
    (lambda d: d["sessions"][1].pop("topic"), "p.json: sessions[1].topic: missing"),
    (lambda d: d["sessions"][0].update(min=40), "p.json: sessions[0]: expected 0 <= min <= max"),
    (lambda d: d["attendees"][0].update(required_slots=["x"]),
     "p.json: attendees[0].required_slots[0]: unknown slot"),
    (lambda d: d["attendees"].append({"id": "a1"}), "p.json: attendees[2].id: duplicate"),
    (lambda d: d.update(one_per_slot="twice"), "p.json: one_per_slot: expected"),
    (lambda d: d.update(no_repeat_topic="yes"), "p.json: no_repeat_topic: expected true"),
    (lambda d: d["attendees"][0].update(colour="red"), "p.json: attendees[0].colour: unknown"),
    (lambda d: d.update(slots="d1-am"), "p.json: slots: expected a list"),
])
def test_malformed_field_is_named(change, message) -> None:  # type: ignore[no-untyped-def]
    data = orjson.loads(orjson.dumps(EXAMPLE))
    change(data)
    with pytest.raises(AgendaFormatError) as caught:
        _parse(data)
    assert str(caught.value).startswith(message)


def test_not_json_is_reported() -> None:
    with pytest.raises(AgendaFormatError, match=r"p\.json: not valid JSON"):
        parse_agenda_problem(b"{", source="p.json")
