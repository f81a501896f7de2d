"""An organizer writes to a segment of the event's people (by level, status, tool,
discipline): the message is queued once per person, through the outbox."""

from __future__ import annotations

from typing import Any

from immerse.events.models import Event
from immerse.notify.choices import broadcast_queue
from immerse.notify.models import Broadcast
from immerse.people.selectors import Segment, segment_registrations


def broadcast_send(*, event: Event, segment: Segment, subject: str, body: str, nonce: str,
                   user: Any = None) -> tuple[Broadcast, bool]:
    """Queue the broadcast for everyone in ``segment`` now; the same ``nonce`` twice queues
    once (returns the first broadcast and False)."""
    recipients = [reg.person for reg in segment_registrations(event=event, segment=segment)]
    return broadcast_queue(event=event, subject=subject, body=body,
                           segment=segment.as_dict(), recipients=recipients, nonce=nonce,
                           user=user)
