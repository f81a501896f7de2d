"""The grid's pure rules: clashes, fitting proposals into free cells, and the warnings."""

from __future__ import annotations

from datetime import datetime

from immerse.engine.schedule_grid import (
    Clash,
    GridRoom,
    GridSession,
    GridSlot,
    GridWarning,
    Host,
    cell_clashes,
    fit_into_free,
    grid_warnings,
    occupant,
)

NINE = GridSlot(1, datetime(2027, 3, 15, 9), datetime(2027, 3, 15, 10))
NINE_THIRTY = GridSlot(2, datetime(2027, 3, 15, 9, 30), datetime(2027, 3, 15, 11))
ELEVEN = GridSlot(3, datetime(2027, 3, 15, 11), datetime(2027, 3, 15, 12))
HALL, SIDE = GridRoom(10, "Hall", 40), GridRoom(11, "Side", 12)
ANN, BO = Host(1, "Ann"), Host(2, "Bo")


def test_occupant_names_the_session_there_but_not_the_one_moving() -> None:
    there = GridSession(5, "Stories", room=10, slot=1)
    assert occupant([there], room=10, slot=1) == there
    assert occupant([there], room=10, slot=1, moving=5) is None
    assert occupant([there], room=11, slot=1) is None


def test_cell_clashes_lists_every_shared_cell() -> None:
    sessions = [GridSession(1, "a", room=10, slot=1), GridSession(2, "b", room=10, slot=1),
                GridSession(3, "c", room=11, slot=1), GridSession(4, "d", room=10, slot=3),
                GridSession(5, "e"), GridSession(6, "f"),  # unplaced never clash
                GridSession(7, "g", room=10, slot=1)]
    assert cell_clashes(sessions) == (Clash(10, 1, (1, 2, 7)),)


def test_fit_into_free_keeps_free_cells_moves_to_a_free_room_or_unplaces() -> None:
    wanted = [("Hall", 1), ("Hall", 1), ("Side", 1), ("Hall", 2)]
    given = fit_into_free(wanted, taken={("Side", 1)}, rooms=["Hall", "Side", "Attic"])
    assert given == (("Hall", 1), ("Attic", 1), None, ("Hall", 2))


def test_a_host_in_two_overlapping_slots_is_warned_once_per_pair() -> None:
    sessions = [GridSession(1, "a", room=10, slot=1, levels=(1,), hosts=(ANN,)),
                GridSession(2, "b", room=11, slot=2, levels=(1,), hosts=(ANN, BO)),
                GridSession(3, "c", room=10, slot=3, levels=(1,), hosts=(ANN, BO))]
    found = grid_warnings(sessions=sessions, slots=[NINE, NINE_THIRTY, ELEVEN],
                          rooms=[HALL, SIDE], levels=(1,))
    # 9:30-11 and 11-12 touch but do not overlap.
    assert found == (GridWarning("host_twice", 1, (1, 2), host=ANN),)


def test_capacity_over_the_room_and_missing_levels() -> None:
    sessions = [GridSession(1, "a", room=11, slot=1, capacity=20, levels=(1, 2)),
                GridSession(2, "b", room=10, slot=1, capacity=40, levels=(2,)),
                GridSession(3, "c", room=10, slot=3, levels=(4,)),
                GridSession(4, "unplaced", capacity=99, levels=(3,))]
    found = grid_warnings(sessions=sessions, slots=[ELEVEN, NINE, NINE_THIRTY],
                          rooms=[HALL, SIDE], levels=(1, 2, 3))
    assert found == (
        GridWarning("over_capacity", 1, (1,), seats=20, room_seats=12),
        GridWarning("level_missing", 1, level=3),
        # slot 2 is empty (free time): no warning; slot 3 offers only level 4.
        GridWarning("level_missing", 3, level=1),
        GridWarning("level_missing", 3, level=2),
        GridWarning("level_missing", 3, level=3),
    )


def test_a_clean_grid_has_no_warnings() -> None:
    sessions = [GridSession(1, "a", room=10, slot=1, capacity=40, levels=(1, 2),
                            hosts=(ANN,)),
                GridSession(2, "b", room=10, slot=3, levels=(1, 2), hosts=(ANN,))]
    assert grid_warnings(sessions=sessions, slots=[NINE, ELEVEN], rooms=[HALL],
                         levels=(1, 2)) == ()
