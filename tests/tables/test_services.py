"""Forming tables: diverse, colleagues apart, experts spread, rotations without repeats."""

from __future__ import annotations

from itertools import combinations

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.tables.models import TablePlan, TableSeat
from immerse.tables.selectors import tables_of
from immerse.tables.services import (
    TablesRefused,
    table_bounds,
    table_move,
    tables_form,
    tables_rotation_form,
)
from tests.factories import make_event, make_session
from tests.tables.factories import room

pytestmark = pytest.mark.django_db


def test_bounds_split_people_evenly() -> None:
    assert table_bounds(90, 9) == [(9, 9)] * 10
    assert table_bounds(23, 8) == [(7, 8)] * 3
    with pytest.raises(TablesRefused):
        table_bounds(1, 8)


def test_tables_mix_organizations_and_spread_experts() -> None:
    event = make_event(slug="ws")
    regs = room(event)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    plan = tables_form(session=session, table_size=8, time_limit=1, seed=3)
    assert plan.tables == 3 and plan.violations == []
    tables = tables_of(session=session)
    assert sorted(len(t.seats) for t in tables) == [8, 8, 8]
    assert all(len(t.experts) >= 1 for t in tables)  # 3 experts + 6 at level 4
    for table in tables:
        orgs = [s.registration.person.organization for s in table.seats]
        assert len(set(orgs)) == 8  # 8 organizations of 3 over 3 tables: colleagues apart
        assert table.figures["levels"] == 4
    assert TableSeat.objects.filter(session=session).count() == len(regs)


def test_rotation_meets_new_people_each_round(tmp_path) -> None:
    event = make_event(slug="ws")
    room(event, 16)
    for hour in (9, 11, 13):
        make_session(event=event, title=f"Tables {hour}", fmt="table", levels=(1, 2, 3, 4),
                     start_hour=hour)
    result = CliRunner().invoke(app, ["plan", "tables", "--event", "ws", "--rotation",
                                      "--table-size", "4", "--time-limit", "3"])
    assert result.exit_code == 0, result.output
    assert "Repeated pairs across 3 rounds: 0" in result.output
    seen = set()
    for plan in TablePlan.objects.all():
        tables: dict[int, list[int]] = {}
        for reg, table in TableSeat.objects.filter(session=plan.session).values_list(
                "registration_id", "table"):
            tables.setdefault(table, []).append(reg)
        for members in tables.values():
            for pair in combinations(sorted(members), 2):
                assert pair not in seen
                seen.add(pair)


def test_a_rotation_keeps_the_seats_an_organizer_moved_by_hand() -> None:
    # Issue 19: "Form a rotation" silently wiped a manual table move.
    event = make_event(slug="ws")
    regs = room(event, 16)
    sessions = [make_session(event=event, title=f"Tables {hour}", fmt="table",
                             levels=(1, 2, 3, 4), start_hour=hour) for hour in (9, 11)]
    tables_rotation_form(event=event, table_size=4, time_limit=1, seed=0)
    mover = regs[5]
    seat = TableSeat.objects.get(session=sessions[1], registration=mover)
    target = 1 if seat.table != 1 else 2
    table_move(session=sessions[1], registration=mover, table=target)

    tables_rotation_form(event=event, table_size=4, time_limit=1, seed=1)

    kept = TableSeat.objects.get(session=sessions[1], registration=mover)
    assert (kept.table, kept.moved_by_hand) == (target, True)
    assert TableSeat.objects.filter(session=sessions[1]).count() == 16


def test_forming_one_sessions_tables_again_keeps_hand_moves_and_names_the_problems() -> None:
    event = make_event(slug="ws")
    room(event, 12)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    tables_form(session=session, table_size=6, time_limit=1, seed=0)
    mover = TableSeat.objects.filter(session=session, table=1).last().registration
    table_move(session=session, registration=mover, table=2)

    plan = tables_form(session=session, table_size=6, time_limit=1, seed=5)

    kept = TableSeat.objects.get(session=session, registration=mover)
    assert (kept.table, kept.moved_by_hand) == (2, True)
    assert [v for v in plan.violations if "expert" in v] == []  # 3 experts for 2 tables
    plan = tables_form(session=session, table_size=12, time_limit=1)  # one table now
    assert f"{mover.person.name} was moved by hand to table 2, which no longer exists: " \
           "seated again." in plan.violations
    assert any(note.endswith("colleagues, share table 1.") for note in plan.violations)
