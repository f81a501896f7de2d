# mypy: allow-untyped-defs
# (Numba infers the kernels' types from the arrays it is called with.)
"""Numba kernels for phase 2 of the timetable search: session hops, missed attendance fixed.

Same state as :mod:`immerse.engine.timetable.search`, plus ``masks[p, g]``: bit r
set when participant p wants the talk in room r of group g, so a participant's hops in a
block are a walk over a few integers (:func:`block_hops`).

Moves: swapping two slots (rooms within a group, or talks between groups when that costs
no missed attendance), and swapping two whole parallel groups of equal width (reordering a
block or moving a group to another block), after which each group is re-seated in its best
room order. The best state seen is kept in ``best_item_at``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

from immerse.engine.timetable.search import (
    apply_swap_counts,
    metropolis,
    presenter_clash,
    swap_missed_delta,
)

__all__ = ["GroupMoves", "Seating", "anneal_hops", "block_hops"]

IntArray = NDArray[np.int64]


class Seating(NamedTuple):
    """Phase 2's extra state, changed in place: room masks and hops per (participant, block)."""

    masks: IntArray  # masks[p, g]: bit r set when p wants the talk in room r of group g
    hops: IntArray


class GroupMoves(NamedTuple):
    """How often to swap whole groups, and the room orders to re-seat them in.

    ``perms[perms_ptr[w]:perms_ptr[w + 1]]`` lists the orders of w rooms, the identity
    first; none means groups of width w are not re-seated.
    """

    perms: IntArray
    perms_ptr: IntArray
    share: float


@njit(cache=True)
def block_hops(p, b, masks, block_first_group, block_positions):
    """Fewest room changes for participant p in block b.

    ``masks[p, g]`` has bit r set when p wants the talk in room r of group g. The dynamic
    programme over rooms collapses to a greedy walk: after each wanted position every
    wanted room costs either the minimum or one more, so it is enough to carry the set of
    rooms reaching the minimum; when none of them is wanted next, one hop is unavoidable.
    """
    rooms = 0
    changes = 0
    first = block_first_group[b]
    for g in range(first, first + block_positions[b]):
        wanted = masks[p, g]
        if wanted == 0:
            continue
        if rooms == 0:
            rooms = wanted
        elif rooms & wanted:
            rooms &= wanted
        else:
            rooms = wanted
            changes += 1
    return changes


@njit(cache=True)
def _apply_swap_masks(a, b, sa, sb, ga, gb, room_of_slot, masks, want, wanters_ptr, wanters):
    """Move item a from slot sa to sb and b from sb to sa in the room masks."""
    bit_a = np.int64(1) << room_of_slot[sa]
    bit_b = np.int64(1) << room_of_slot[sb]
    for k in range(wanters_ptr[a], wanters_ptr[a + 1]):
        p = wanters[k]
        if not want[p, b]:  # who wants both keeps both bits
            masks[p, ga] &= ~bit_a
            masks[p, gb] |= bit_b
    for k in range(wanters_ptr[b], wanters_ptr[b + 1]):
        p = wanters[k]
        if not want[p, a]:
            masks[p, gb] &= ~bit_b
            masks[p, ga] |= bit_a


@njit(cache=True)
def _slot_swap_hops(a, b, blocks, n_blocks, layout, seating, new_p, new_b, new_h):
    """Hop change, for the (already updated) masks, of those wanting exactly one of a, b.

    Those two groups are disjoint, so nobody is counted twice. Fills ``new_*`` with the
    values to commit and returns (delta, entries).
    """
    delta = 0
    n = 0
    for item, other in ((a, b), (b, a)):
        for k in range(layout.wanters_ptr[item], layout.wanters_ptr[item + 1]):
            p = layout.wanters[k]
            if layout.want[p, other]:
                continue
            for j in range(n_blocks):
                blk = blocks[j]
                h = block_hops(p, blk, seating.masks, layout.block_first_group,
                               layout.block_positions)
                delta += h - seating.hops[p, blk]
                new_p[n] = p
                new_b[n] = blk
                new_h[n] = h
                n += 1
    return delta, n


@njit(cache=True)
def _swap_groups(g1, g2, item_at, slot_of, masks, count, group_start, width):
    s1 = group_start[g1]
    s2 = group_start[g2]
    for r in range(width):
        x = item_at[s1 + r]
        item_at[s1 + r] = item_at[s2 + r]
        item_at[s2 + r] = x
        slot_of[item_at[s1 + r]] = s1 + r
        slot_of[item_at[s2 + r]] = s2 + r
    for p in range(masks.shape[0]):
        m = masks[p, g1]
        masks[p, g1] = masks[p, g2]
        masks[p, g2] = m
        c = count[p, g1]
        count[p, g1] = count[p, g2]
        count[p, g2] = c


@njit(cache=True)
def _permute_bits(mask, perm, width):
    moved = np.int64(0)
    for r in range(width):
        if (mask >> r) & 1:
            moved |= np.int64(1) << perm[r]
    return moved


@njit(cache=True)
def _reseat_group(g, width, item_at, slot_of, masks, layout, moves):
    """Give group g the room order that minimises its block's hops (others fixed)."""
    perms = moves.perms
    block_first_group, block_positions = layout.block_first_group, layout.block_positions
    lo = moves.perms_ptr[width]
    hi = moves.perms_ptr[width + 1]
    if hi == lo:
        return
    b = layout.block_of_group[g]
    # Only those wanting a talk in g and another position of the block can hop because of g.
    relevant = np.empty(masks.shape[0], np.int64)
    n_relevant = 0
    first = block_first_group[b]
    for p in range(masks.shape[0]):
        if masks[p, g] == 0:
            continue
        for other in range(first, first + block_positions[b]):
            if other != g and masks[p, other] != 0:
                relevant[n_relevant] = p
                n_relevant += 1
                break
    if n_relevant == 0:
        return
    best_total = -1
    best_k = lo
    for k in range(lo, hi):  # the identity comes first, so ties keep the current order
        total = 0
        for i in range(n_relevant):
            p = relevant[i]
            original = masks[p, g]
            masks[p, g] = _permute_bits(original, perms[k], width)
            total += block_hops(p, b, masks, block_first_group, block_positions)
            masks[p, g] = original
        if best_total < 0 or total < best_total:
            best_total = total
            best_k = k
    if best_k == lo:
        return
    perm = perms[best_k]
    start = layout.group_start[g]
    old = item_at[start : start + width].copy()
    for r in range(width):
        item_at[start + perm[r]] = old[r]
        slot_of[old[r]] = start + perm[r]
    for p in range(masks.shape[0]):
        if masks[p, g] != 0:
            masks[p, g] = _permute_bits(masks[p, g], perm, width)


@njit(cache=True)
def anneal_hops(layout, state, seating, schedule, moves):
    """Anneal ``state.cost = [missed, hops]`` lexicographically; missed attendance never rises.

    A share ``moves.share`` of the moves swap two whole groups and re-seat each in its
    best room order; the rest swap two slots.
    """
    item_at, slot_of, count = state.item_at, state.slot_of, state.counts
    cost, best_cost = state.cost, state.best_cost
    masks, hops = seating.masks, seating.hops
    want, wanters_ptr, wanters = layout.want, layout.wanters_ptr, layout.wanters
    group_start, group_size = layout.group_start, layout.group_size
    block_first_group, block_positions = layout.block_first_group, layout.block_positions
    n_slots = item_at.shape[0]
    n_groups = group_start.shape[0]
    n_participants = want.shape[0]
    blocks = np.empty(2, np.int64)
    new_p = np.empty(2 * n_participants, np.int64)
    new_b = np.empty(2 * n_participants, np.int64)
    new_h = np.empty(2 * n_participants, np.int64)
    saved_items = np.empty(2 * group_size.max(), np.int64)
    saved_masks = np.empty((n_participants, 2), np.int64)
    ratio = schedule.t_end / schedule.t_start
    first = schedule.first_iteration
    for it in range(first, first + schedule.n_iterations):
        temperature = schedule.t_start * ratio ** (it / schedule.total_iterations)
        if np.random.random() >= moves.share:
            a = np.random.randint(layout.n_talks)
            sa = slot_of[a]
            sb = np.random.randint(n_slots)
            if sa == sb:
                continue
            b = item_at[sb]
            ga = layout.group_of_slot[sa]
            gb = layout.group_of_slot[sb]
            d_missed = 0
            if ga != gb:
                if layout.check_presenters and (
                    presenter_clash(a, gb, sb, item_at, layout.presenter, group_start,
                                    group_size)
                    or presenter_clash(b, ga, sa, item_at, layout.presenter, group_start,
                                       group_size)
                ):
                    continue
                d_missed = swap_missed_delta(a, b, ga, gb, count, want, wanters_ptr, wanters)
                if d_missed > 0:
                    continue
            _apply_swap_masks(a, b, sa, sb, ga, gb, layout.room_of_slot, masks, want,
                              wanters_ptr, wanters)
            blocks[0] = layout.block_of_slot[sa]
            blocks[1] = layout.block_of_slot[sb]
            d_hops, n_new = _slot_swap_hops(
                a, b, blocks, 1 if blocks[0] == blocks[1] else 2, layout, seating,
                new_p, new_b, new_h,
            )
            if not (d_missed < 0 or metropolis(d_hops, temperature)):
                _apply_swap_masks(a, b, sb, sa, gb, ga, layout.room_of_slot, masks, want,
                                  wanters_ptr, wanters)
                continue
            if ga != gb:
                apply_swap_counts(a, b, ga, gb, count, wanters_ptr, wanters)
            item_at[sa] = b
            item_at[sb] = a
            slot_of[a] = sb
            slot_of[b] = sa
            for k in range(n_new):
                hops[new_p[k], new_b[k]] = new_h[k]
            cost[0] += d_missed
            cost[1] += d_hops
        else:
            g1 = np.random.randint(n_groups)
            width = group_size[g1]
            lo = layout.same_width_ptr[width]
            g2 = layout.same_width[lo + np.random.randint(layout.same_width_ptr[width + 1] - lo)]
            if g1 == g2:
                continue
            saved_items[:width] = item_at[group_start[g1] : group_start[g1] + width]
            saved_items[width : 2 * width] = item_at[group_start[g2] : group_start[g2] + width]
            saved_masks[:, 0] = masks[:, g1]
            saved_masks[:, 1] = masks[:, g2]
            _swap_groups(g1, g2, item_at, slot_of, masks, count, group_start, width)
            for g in (g1, g2):
                _reseat_group(g, width, item_at, slot_of, masks, layout, moves)
            blocks[0] = layout.block_of_group[g1]
            blocks[1] = layout.block_of_group[g2]
            n_blocks = 1 if blocks[0] == blocks[1] else 2
            d_hops = 0
            for p in range(n_participants):  # whole blocks: cheap with masks
                for j in range(n_blocks):
                    d_hops += (
                        block_hops(p, blocks[j], masks, block_first_group, block_positions)
                        - hops[p, blocks[j]]
                    )
            if not metropolis(d_hops, temperature):
                _swap_groups(g1, g2, item_at, slot_of, masks, count, group_start, width)
                for r in range(width):  # undo the re-seating too
                    item_at[group_start[g1] + r] = saved_items[r]
                    slot_of[saved_items[r]] = group_start[g1] + r
                    item_at[group_start[g2] + r] = saved_items[width + r]
                    slot_of[saved_items[width + r]] = group_start[g2] + r
                masks[:, g1] = saved_masks[:, 0]
                masks[:, g2] = saved_masks[:, 1]
                continue
            for p in range(n_participants):
                for j in range(n_blocks):
                    hops[p, blocks[j]] = block_hops(
                        p, blocks[j], masks, block_first_group, block_positions
                    )
            cost[1] += d_hops
        if cost[0] < best_cost[0] or (cost[0] == best_cost[0] and cost[1] < best_cost[1]):
            best_cost[0] = cost[0]
            best_cost[1] = cost[1]
            state.best_item_at[:] = item_at
