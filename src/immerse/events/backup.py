"""What the events app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.common.backups import AppBackup, BackedUp, event_rows
from immerse.events.models import Event, EventRole, Room, Session, TimeSlot

BACKUP = AppBackup(
    models=(
        BackedUp(Event, "event", lambda scope: Event.objects.filter(pk=scope.event.pk)),
        event_rows(EventRole), event_rows(Room), event_rows(TimeSlot), event_rows(Session),
    ),
    # The people who host its sessions; the staff who run it.
    people=(lambda scope: Session.facilitators.through.objects
            .filter(session__event=scope.event).values_list("person_id"),),
    users=(lambda scope: EventRole.objects.filter(event=scope.event).values_list("user_id"),),
    person_links=("hosting",),
    user_links=("event_roles",),
)
