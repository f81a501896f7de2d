"""solve_timetable: choose which talks run in parallel so attendees miss the fewest wanted talks.

Two phases, both simulated annealing on swaps of two slots' contents
(:mod:`immerse.engine.timetable.search` holds the Numba kernels):

1. **missed attendance**: several restarts from random feasible timetables; a swap's effect
   is computed from the participants who want the two talks only (O(wanters));
2. **session hops**, lexicographically after missed attendance: from each of the few best
   phase-1 timetables, swap slots (rooms within a group, or talks between groups when that
   costs no missed attendance) and swap whole parallel groups between positions of equal
   width, re-seating each in its best room order (:mod:`~.hops`).

The work done is fixed by the seed and the problem size, so a run repeats exactly; the time
limit only cuts it short (and then the result depends on the machine's speed).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from immerse.engine.timetable import hops as hop_search
from immerse.engine.timetable import search
from immerse.engine.timetable.hops import GroupMoves, Seating
from immerse.engine.timetable.model import (
    InvalidTimetableError,
    Timetable,
    TimetableProblem,
)
from immerse.engine.timetable.search import Layout, Schedule, State

__all__ = ["solve_timetable"]

Progress = Callable[[float], None]
IntArray = NDArray[np.int64]

_MISSED_CHUNK = 200_000  # iterations between clock checks
_HOPS_CHUNK = 10_000
_HOPS_MOVE_COST = 50  # time of a phase-2 move in phase-1 moves (group re-seating), roughly
# Measured on ORBEL 2017 (dev): one restart of 2 M swaps reaches 95-99 missed attendance
# and 20 M gain only 1-2, so restarts buy more than length. With group re-seating, hops
# level off near 250 within ~100-200 k moves, so phase 2 runs from several candidates;
# group moves (re-seating) help but cost: shares 0.2 / 0.1 / 0.05 gave 250-251 / 251-254 /
# 250-256 hops in 5 / 3 / 1.3 s per candidate.
_MISSED_RESTARTS = 16
_MISSED_ITERATIONS_PER_SLOT = 25_000  # per restart
_HOPS_CANDIDATES = 3  # best phase-1 timetables that phase 2 starts from
_HOPS_ITERATIONS_PER_SLOT = 2_000  # per candidate
_MISSED_TIME_SHARE = 0.4
_MISSED_T_START, _MISSED_T_END = 2.0, 0.05
_HOPS_T_START, _HOPS_T_END = 2.0, 0.1
_GROUP_MOVE_SHARE = 0.1  # of phase-2 moves; the rest swap two slots
_MAX_RESEAT_ROOMS = 6  # 720 room orders; wider groups skip the re-seating
_MAX_ROOMS = 62  # rooms of a group are bits of an int64 mask


def solve_timetable(
    problem: TimetableProblem,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    effort: float = 1.0,
    progress: Progress | None = None,
) -> Timetable:
    """Return a valid timetable with low missed attendance, then low session hops.

    Parameters
    ----------
    time_limit: wall-clock cap in seconds; the search usually ends well before it.
    seed: the same seed gives the same timetable (when the time limit is not reached).
    effort: scales the fixed amount of search work (1.0 takes ~10-20 s on ORBEL 2017).
    progress: called with the fraction of the work done, between chunks of work.

    Example
    -------
    >>> from immerse.engine.timetable.model import Block, missed_attendance
    >>> problem = TimetableProblem(
    ...     talk_ids=("a", "b", "c", "d"), presenter_ids=("1", "2", "3", "4"),
    ...     blocks=(Block("B", n_rooms=2, n_positions=2),),
    ...     participant_ids=("p", "q"), wants=(frozenset("ab"), frozenset("cd")))
    >>> missed_attendance(problem, solve_timetable(problem, effort=0.01))
    0
    """
    started = time.perf_counter()
    layout = _build_layout(problem)
    rng = np.random.default_rng(seed)
    search.seed_numba(int(rng.integers(2**31)))
    n_slots = int(layout.group_of_slot.shape[0])
    if effort <= 0:
        raise ValueError("effort must be positive")
    missed_iterations = max(1, int(effort * _MISSED_ITERATIONS_PER_SLOT * n_slots))
    hops_iterations = max(1, int(effort * _HOPS_ITERATIONS_PER_SLOT * n_slots))
    total_work = _MISSED_RESTARTS * missed_iterations
    total_work += _HOPS_CANDIDATES * hops_iterations * _HOPS_MOVE_COST
    done = 0

    def report(work: int) -> None:
        nonlocal done
        done += work
        if progress is not None:
            progress(min(1.0, done / total_work))

    candidates: list[tuple[int, int, IntArray]] = []  # (missed, restart, item_at)
    missed_deadline = started + _MISSED_TIME_SHARE * time_limit
    for restart in range(_MISSED_RESTARTS):
        if time.perf_counter() > missed_deadline:
            break
        # The first restart may use the whole time limit: a cut-short anneal is poor, and
        # on a cold start Numba's compilation eats into the phase's share.
        item_at, missed = _anneal_missed(
            layout,
            _initial_item_at(problem, layout, rng),
            missed_iterations,
            started + time_limit if restart == 0 else missed_deadline,
            report,
        )
        candidates.append((missed, restart, item_at))
    candidates.sort(key=lambda candidate: candidate[:2])
    finished = [
        _anneal_hops(layout, item_at, hops_iterations, started + time_limit, report)
        for _, _, item_at in candidates[:_HOPS_CANDIDATES]
    ]
    best_item_at = min(finished, key=lambda result: result[1:])[0]
    if progress is not None:
        progress(1.0)
    return _to_timetable(problem, layout, best_item_at)


def _build_layout(problem: TimetableProblem) -> Layout:
    n_talks = len(problem.talk_ids)
    n_slots = problem.n_slots
    talk_index = {talk: i for i, talk in enumerate(problem.talk_ids)}
    want = np.zeros((len(problem.participant_ids), n_slots), dtype=np.bool_)
    for p, wanted in enumerate(problem.wants):
        want[p, [talk_index[talk] for talk in wanted]] = True
    wanters_ptr = np.zeros(n_slots + 1, dtype=np.int64)
    wanters_ptr[1:] = np.cumsum(want.sum(axis=0))
    wanters = np.nonzero(want.T)[1].astype(np.int64)  # row-major over items
    codes = {who: k for k, who in enumerate(dict.fromkeys(problem.presenter_ids))}
    presenter = np.full(n_slots, -1, dtype=np.int64)
    presenter[:n_talks] = [codes[who] for who in problem.presenter_ids]
    group_of_slot: list[int] = []
    block_of_slot: list[int] = []
    block_of_group: list[int] = []
    group_start: list[int] = []
    group_size: list[int] = []
    room_of_slot: list[int] = []
    block_first_group: list[int] = []
    for b, block in enumerate(problem.blocks):
        if block.n_rooms > _MAX_ROOMS:
            raise InvalidTimetableError(
                f"block {block.block_id!r} has {block.n_rooms} rooms, at most {_MAX_ROOMS} work"
            )
        block_first_group.append(len(group_start))
        for _ in range(block.n_positions):
            room_of_slot += range(block.n_rooms)
            group_start.append(len(group_of_slot))
            group_size.append(block.n_rooms)
            block_of_group.append(b)
            group_of_slot += [len(group_start) - 1] * block.n_rooms
            block_of_slot += [b] * block.n_rooms
    sizes = np.asarray(group_size, dtype=np.int64)
    same_width = np.argsort(sizes, kind="stable").astype(np.int64)
    same_width_ptr = np.searchsorted(sizes[same_width], np.arange(sizes.max() + 2)).astype(np.int64)
    return Layout(
        n_talks=n_talks,
        want=want,
        wanters_ptr=wanters_ptr,
        wanters=wanters,
        presenter=presenter,
        check_presenters=len(codes) < n_talks,
        group_of_slot=np.asarray(group_of_slot, dtype=np.int64),
        group_start=np.asarray(group_start, dtype=np.int64),
        group_size=sizes,
        block_of_slot=np.asarray(block_of_slot, dtype=np.int64),
        block_of_group=np.asarray(block_of_group, dtype=np.int64),
        room_of_slot=np.asarray(room_of_slot, dtype=np.int64),
        block_first_group=np.asarray(block_first_group, dtype=np.int64),
        block_positions=np.asarray([b.n_positions for b in problem.blocks], dtype=np.int64),
        same_width_ptr=same_width_ptr,
        same_width=same_width,
    )


def _initial_item_at(
    problem: TimetableProblem, layout: Layout, rng: np.random.Generator
) -> IntArray:
    """A random feasible placement: busiest presenters first, each talk into a roomy group."""
    n_slots = int(layout.group_of_slot.shape[0])
    n_groups = int(layout.group_start.shape[0])
    free = layout.group_size.copy()
    presenters_in: list[set[int]] = [set() for _ in range(n_groups)]
    talks_of = np.bincount(layout.presenter[: layout.n_talks])
    order = rng.permutation(layout.n_talks)
    order = order[np.argsort(-talks_of[layout.presenter[order]], kind="stable")]
    item_at = np.full(n_slots, -1, dtype=np.int64)
    for talk in order:
        who = int(layout.presenter[talk])
        open_groups = [g for g in range(n_groups) if free[g] > 0 and who not in presenters_in[g]]
        if not open_groups:
            raise InvalidTimetableError(
                f"cannot keep the talks of presenter {problem.presenter_ids[talk]!r} apart"
            )
        roomiest = max(free[g] for g in open_groups)
        choices = [g for g in open_groups if free[g] == roomiest]
        g = choices[int(rng.integers(len(choices)))]
        slot = int(layout.group_start[g] + layout.group_size[g] - free[g])
        item_at[slot] = talk
        free[g] -= 1
        presenters_in[g].add(who)
    item_at[item_at < 0] = np.arange(layout.n_talks, n_slots)
    # Shuffle rooms inside each group so empty fillers are not always in the last rooms.
    for g in range(n_groups):
        lo, hi = int(layout.group_start[g]), int(layout.group_start[g] + layout.group_size[g])
        item_at[lo:hi] = rng.permutation(item_at[lo:hi])
    return item_at


def _counts(layout: Layout, item_at: IntArray) -> IntArray:
    """count[p, g] = wanted talks of p in group g."""
    n_groups = int(layout.group_start.shape[0])
    one_hot = np.zeros((item_at.shape[0], n_groups), dtype=np.int64)
    one_hot[item_at, layout.group_of_slot] = 1  # item → its group
    counts: IntArray = layout.want.astype(np.int64) @ one_hot
    return counts


def _missed(layout: Layout, item_at: IntArray) -> int:
    counts = _counts(layout, item_at)
    return int(np.maximum(counts - 1, 0).sum())


def _anneal_missed(
    layout: Layout,
    item_at: IntArray,
    iterations: int,
    deadline: float,
    report: Callable[[int], None],
) -> tuple[IntArray, int]:
    slot_of = np.argsort(item_at).astype(np.int64)
    count = _counts(layout, item_at)
    cost = np.array([_missed(layout, item_at)], dtype=np.int64)
    state = State(item_at, slot_of, count, cost, item_at.copy(), cost.copy())
    for first in range(0, iterations, _MISSED_CHUNK):
        if time.perf_counter() > deadline:
            break
        chunk = min(_MISSED_CHUNK, iterations - first)
        search.anneal_missed(
            layout, state, Schedule(first, chunk, iterations, _MISSED_T_START, _MISSED_T_END)
        )
        report(chunk)
    return state.best_item_at, int(state.best_cost[0])


def _anneal_hops(
    layout: Layout,
    item_at: IntArray,
    iterations: int,
    deadline: float,
    report: Callable[[int], None],
) -> tuple[IntArray, int, int]:
    """Phase 2 from ``item_at``: the best timetable found, its missed attendance and hops."""
    item_at = item_at.copy()
    slot_of = np.argsort(item_at).astype(np.int64)
    count = _counts(layout, item_at)
    masks = _room_masks(layout, item_at)
    n_participants, n_blocks = masks.shape[0], layout.block_first_group.shape[0]
    hops = np.zeros((n_participants, n_blocks), dtype=np.int64)
    for p in range(n_participants):
        for b in range(n_blocks):
            hops[p, b] = hop_search.block_hops(
                p, b, masks, layout.block_first_group, layout.block_positions
            )
    cost = np.array([_missed(layout, item_at), hops.sum()], dtype=np.int64)
    state = State(item_at, slot_of, count, cost, item_at.copy(), cost.copy())
    seating = Seating(masks, hops)
    moves = GroupMoves(*_room_orders(int(layout.group_size.max())), _GROUP_MOVE_SHARE)
    for first in range(0, iterations, _HOPS_CHUNK):
        if time.perf_counter() > deadline:
            break
        chunk = min(_HOPS_CHUNK, iterations - first)
        schedule = Schedule(first, chunk, iterations, _HOPS_T_START, _HOPS_T_END)
        hop_search.anneal_hops(layout, state, seating, schedule, moves)
        report(chunk * _HOPS_MOVE_COST)
    return state.best_item_at, int(state.best_cost[0]), int(state.best_cost[1])


def _room_orders(max_width: int) -> tuple[IntArray, IntArray]:
    """All orders of w rooms for w ≤ _MAX_RESEAT_ROOMS, stacked; w rows start at ptr[w]."""
    tables = [np.zeros((0, max_width), dtype=np.int64)] * (max_width + 1)
    for width in range(1, min(max_width, _MAX_RESEAT_ROOMS) + 1):
        table = np.zeros((math.factorial(width), max_width), dtype=np.int64)
        table[:, :width] = list(itertools.permutations(range(width)))
        tables[width] = table
    ptr = np.zeros(max_width + 2, dtype=np.int64)
    ptr[1:] = np.cumsum([len(t) for t in tables])
    return np.concatenate(tables), ptr


def _room_masks(layout: Layout, item_at: IntArray) -> IntArray:
    """masks[p, g]: bit r set when p wants the talk in room r of group g."""
    n_groups = int(layout.group_start.shape[0])
    wanted_at = layout.want[:, item_at].astype(np.int64) << layout.room_of_slot
    masks = np.zeros((wanted_at.shape[0], n_groups), dtype=np.int64)
    for g in range(n_groups):  # rooms are distinct bits, so a sum is a bitwise or
        lo = int(layout.group_start[g])
        masks[:, g] = wanted_at[:, lo : lo + int(layout.group_size[g])].sum(axis=1)
    return masks


def _to_timetable(problem: TimetableProblem, layout: Layout, item_at: IntArray) -> Timetable:
    rooms = []
    for b, block in enumerate(problem.blocks):
        start = int(layout.group_start[layout.block_first_group[b]])
        rooms.append(
            tuple(
                tuple(
                    _talk_or_none(problem, int(item_at[start + q * block.n_rooms + r]))
                    for q in range(block.n_positions)
                )
                for r in range(block.n_rooms)
            )
        )
    return Timetable(rooms=tuple(rooms))


def _talk_or_none(problem: TimetableProblem, item: int) -> str | None:
    return problem.talk_ids[item] if item < len(problem.talk_ids) else None
