"""What a copy of a past event takes with it, and what it never does.

Copied: rooms, time slots (moved to the new dates, same wall-clock times), sessions (title,
abstract, format, levels, topics, tools, capacity, room and slot, pitch and whether the
organizer wrote it), the hub's channels (hashtags, video, blogs, wiki, organizer accounts,
"how to take part"), the organizers' message wording, the listening sources and settings,
and the place on a course path (the copy is the path's next edition).

Never copied: people (hosts, registrations, roles other than the copier's), posts, feedback,
plans, agendas, tables, and secrets: a listening source that logs in (Bluesky) comes without
its app password and paused, and the sources page asks for the password again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max

from immerse.backchannel.models import ListeningSettings, Source
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.learning.models import Series, SeriesEvent
from immerse.notify.models import MessageTemplate

HUB_FIELDS = ("tagline", "description", "region", "hashtags", "video_uplinks", "blogs",
              "wiki_url", "organizer_handles", "content_guide")
SESSION_FIELDS = ("title", "abstract", "format", "target_levels", "topics", "capacity",
                  "pitch", "pitch_edited")
LISTENING_FIELDS = ("wall_public", "hold_new_authors", "margin_before_hours",
                    "margin_after_hours", "question_alert_minutes", "warned_posts")


def event_contents_copy(*, source: Event, event: Event, by: Any) -> None:
    """Fill the new ``event`` from ``source`` (see the module docstring)."""
    for name in HUB_FIELDS:
        setattr(event, name, getattr(source, name))
    event.save(update_fields=list(HUB_FIELDS))
    rooms = {room.pk: Room.objects.create(event=event, name=room.name, capacity=room.capacity,
                                          position=room.position)
             for room in source.rooms.all()}
    slots = _slots_copy(source, event)
    for session in source.sessions.prefetch_related("tools"):
        copy = Session.objects.create(
            event=event,
            room=rooms.get(session.room_id) if session.room_id is not None else None,
            slot=slots.get(session.slot_id) if session.slot_id is not None else None,
            **{name: getattr(session, name) for name in SESSION_FIELDS})
        copy.tools.set(session.tools.all())
    MessageTemplate.objects.bulk_create(
        MessageTemplate(event=event, kind=t.kind, subject=t.subject, body=t.body, updated_by=by)
        for t in source.message_templates.all())
    _listening_copy(source, event, by)
    _series_join(source, event)


def _slots_copy(source: Event, event: Event) -> dict[int, TimeSlot]:
    """Same wall-clock times, moved by the days between the two first days; a slot past the
    new last day is left out (its sessions come unplaced in time)."""
    days = (event.start_date - source.start_date).days
    old_zone, new_zone = ZoneInfo(source.time_zone), ZoneInfo(event.time_zone)
    copies: dict[int, TimeSlot] = {}
    for slot in source.slots.all():
        start = slot.start.astimezone(old_zone).replace(tzinfo=None) + timedelta(days=days)
        end = slot.end.astimezone(old_zone).replace(tzinfo=None) + timedelta(days=days)
        if start.date() > event.end_date:
            continue
        copies[slot.pk] = TimeSlot.objects.create(
            event=event, label=slot.label, start=start.replace(tzinfo=new_zone),
            end=end.replace(tzinfo=new_zone))
    return copies


def _listening_copy(source: Event, event: Event, by: Any) -> None:
    for feed in Source.objects.filter(event=source):
        logs_in = feed.polled_kind is not None and feed.polled_kind.login is not None
        Source.objects.create(event=event, kind=feed.kind, url=feed.url, tag=feed.tag,
                              handle=feed.handle, active=feed.active and not logs_in,
                              created_by=by)
    settings = ListeningSettings.objects.filter(event=source).first()
    if settings is not None:
        ListeningSettings.objects.create(
            event=event, **{name: getattr(settings, name) for name in LISTENING_FIELDS})


def _series_join(source: Event, event: Event) -> None:
    """The copy is the next edition on each course path the source is on."""
    for series_id in SeriesEvent.objects.filter(event=source).values_list("series_id",
                                                                          flat=True):
        last = SeriesEvent.objects.filter(series_id=series_id).aggregate(m=Max("position"))
        SeriesEvent.objects.create(series_id=series_id, event=event,
                                   position=(last["m"] or 0) + 1)


def series_start(*, event: Event) -> Series:
    """A new course path with ``event`` as its first edition (the training course
    template): later editions copied from it join the path."""
    base = f"{event.slug}-path"[:80]
    slug, n = base, 2
    while Series.objects.filter(slug=slug).exists():
        slug, n = f"{base[:75]}-{n}", n + 1
    series = Series.objects.create(title=event.title, slug=slug, kind=Series.Kind.PATH)
    SeriesEvent.objects.create(series=series, event=event, position=1)
    return series
