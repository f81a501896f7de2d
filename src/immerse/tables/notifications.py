"""The message round tables imply: your table (one session), or your tables (a rotation).

Queued inside the transaction that stores the seats. The key carries the seating itself,
so forming the same tables again queues nothing, and a changed seat is a new message.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from immerse.events.models import Event, Session
from immerse.notify.services import Draft, messages_queue
from immerse.people.models import Registration
from immerse.tables.models import TableSeat


def _digest(parts: Sequence[object]) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _rounds(sessions: Sequence[Session]) -> dict[int, list[dict[str, Any]]]:
    """Each seated registration's rounds: session, table and tablemates (one query)."""
    seats = list(TableSeat.objects.filter(session__in=sessions)
                 .select_related("registration__person").order_by("table", "id"))
    at_table: defaultdict[tuple[int, int], list[TableSeat]] = defaultdict(list)
    for seat in seats:
        at_table[(seat.session_id, seat.table)].append(seat)
    by_id = {session.pk: session for session in sessions}
    rounds: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for seat in seats:
        session = by_id[seat.session_id]
        mates = [other for other in at_table[(seat.session_id, seat.table)] if other is not seat]
        rounds[seat.registration_id].append({
            "session_id": session.pk, "session_title": session.title, "table": seat.table,
            "starts_at": session.slot.start if session.slot else None,
            "tablemates": [other.registration.person.name for other in mates],
            "mate_ids": sorted(other.registration_id for other in mates)})
    for found in rounds.values():
        found.sort(key=lambda r: (r["starts_at"] is None, r["starts_at"] or 0))
    return rounds


def table_seats_queue(*, event: Event, sessions: Sequence[Session],
                      registrations: Sequence[Registration], wait: bool = False) -> int:
    """Tell each seated person their table (one session) or tables (a rotation); ``wait``:
    the messages wait for the organizer's "Tell them now" (notify.waiting)."""
    rounds = _rounds(sessions)
    drafts = []
    for reg in registrations:
        mine = rounds.get(reg.pk)
        if not mine:
            continue
        seating = [(r["session_id"], r["table"], r["mate_ids"]) for r in mine]
        shown = [{k: v for k, v in r.items() if k not in ("session_id", "mate_ids")}
                 for r in mine]
        context = {**shown[0], "rotation": shown if len(sessions) > 1 else []}
        drafts.append(Draft("table_seat", f"table_seat:{event.pk}:{reg.pk}:{_digest(seating)}",
                            reg.person.email, reg.person.name, reg.person, event, context))
    return messages_queue(drafts, wait=wait)
