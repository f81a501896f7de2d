"""The personal agenda page's reads: every slot with the person's session and the
alternatives, and its timetable rendered once per change.

It is the page an attendee opens most, so it reads plain values (no model instances), its
one query is compiled once per connection (``PreparedValues``), and the timetable's HTML is
cached under a digest of everything it shows, as the program listing is
(``events.selectors.program_html``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from django.core.cache import cache as shared_cache
from django.db.models import FilteredRelation, Q, QuerySet
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name, localtime
from django.utils.translation import get_language

from immerse.common.prepared import PreparedValues
from immerse.engine.agenda.reasons import reason_shown
from immerse.events.models import Session
from immerse.people.models import Registration
from immerse.program.selectors import seats_taken


@dataclass(frozen=True, slots=True)
class AgendaSession:
    """A session as the personal agenda shows it: the values read by its one query."""

    id: int
    title: str
    room: str  # "" without a room
    seats: int | None  # the session's own capacity, else its room's; None: no limit


@dataclass(frozen=True, slots=True)
class AgendaChoice:
    """The session on the person's agenda in a slot, with the reason it is there."""

    session: AgendaSession
    reason: str
    confirmed: bool


@dataclass(slots=True)
class Option:
    session: AgendaSession
    taken: int
    waiting: bool
    seats_left: int | None = field(init=False)

    def __post_init__(self) -> None:
        seats = self.session.seats
        self.seats_left = None if seats is None else max(0, seats - self.taken)


@dataclass(slots=True)
class AgendaSlot:
    start: datetime
    end: datetime
    day: date  # in the current time zone, as the page's day headings show it
    item: AgendaChoice | None
    options: list[Option] = field(default_factory=list)


def _timetable(event_id: int, registration_id: int) -> QuerySet[Session, Any]:
    """The event's scheduled sessions in time order, with the person's agenda item and
    place in line joined on each."""
    return (Session.objects.filter(event_id=event_id, slot__isnull=False)
            .annotate(mine=FilteredRelation("agenda_items", condition=Q(
                          agenda_items__registration_id=registration_id)),
                      wait=FilteredRelation("waitlist", condition=Q(
                          waitlist__registration_id=registration_id)))
            .order_by("slot__start", "room__position", "id")
            .values_list("id", "title", "capacity", "room__name", "room__capacity",
                         "slot_id", "slot__start", "slot__end", "mine__id", "mine__reason",
                         "mine__reason_parts", "mine__confirmed", "wait__id"))


_TIMETABLE = PreparedValues(_timetable)


def agenda_of(*, registration: Registration) -> list[AgendaSlot]:
    """Every slot of the event with the person's session (if any) and the alternatives.

    One query of plain values, compiled once per connection, and the cached seats taken.
    Each reason is written in the active language (``engine.agenda.reasons.reason_shown``).
    """
    language = get_language()
    rows = _TIMETABLE.rows(event_id=registration.event_id, registration_id=registration.pk)
    taken = seats_taken(event=registration.event)
    slots: dict[int, AgendaSlot] = {}
    for (pk, title, capacity, room, room_seats, slot_id, start, end, mine, reason, parts,
         confirmed, waiting) in rows:
        entry = slots.get(slot_id)
        if entry is None:
            entry = slots[slot_id] = AgendaSlot(start=start, end=end,
                                                 day=localtime(start).date(), item=None)
        session = AgendaSession(pk, title, room or "",
                                capacity if capacity is not None else room_seats)
        if mine is not None:
            entry.item = AgendaChoice(session, reason_shown(reason, parts, language), confirmed)
        else:
            entry.options.append(Option(session, taken.get(pk, 0), waiting is not None))
    return list(slots.values())


TIMETABLE_TEMPLATE = "program/_agenda_timetable.html"
TIMETABLE_CACHE_SECONDS = 300
# The fragment is cached without the CSRF token (it changes with the session, the fragment
# does not); each form's token input is rendered with this value and swapped on the way out.
# User text is escaped, so it can never spell the input's quotes and brackets.
_CSRF_PLACEHOLDER = "csrf-token-placeholder"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'


@cache
def _template_digest() -> str:
    """Changes with the fragment's template, so a deploy never serves the old markup."""
    # The Django backend's template wraps the engine's, which keeps the source.
    source: str = get_template(TIMETABLE_TEMPLATE).template.source  # type: ignore[attr-defined]
    return hashlib.blake2b(source.encode(),
                           digest_size=8).hexdigest()


def agenda_timetable_html(*, registration: Registration, slots: list[AgendaSlot],
                          today: date, csrf_token: str) -> SafeString:
    """The agenda's day links and slots, rendered, cached under the person's registration
    and a digest of every value the fragment shows (never stale, never another person's).

    Rendering 7 slots with their alternatives costs ~5 ms of template work per view (the
    page's largest part); a person re-reads an unchanged agenda far more often.
    """
    slug = registration.event.slug
    action = reverse("my-agenda-action", args=[slug])
    days = list(dict.fromkeys(entry.day for entry in slots))
    digest = hashlib.blake2b(repr((slug, action, today, get_language(),
                                   get_current_timezone_name(), _template_digest(),
                                   slots)).encode(errors="backslashreplace"),
                             digest_size=16).hexdigest()
    key = f"agenda-html:{registration.pk}:{digest}"
    html: str | None = shared_cache.get(key)
    if html is None:
        html = render_to_string(TIMETABLE_TEMPLATE, {
            "slug": slug, "action": action, "slots": slots, "days": days, "today": today,
            "csrf_token": _CSRF_PLACEHOLDER})
        shared_cache.set(key, html, TIMETABLE_CACHE_SECONDS)
    # The fragment was rendered by the autoescaping template above; the token is Django's
    # (letters and digits).
    return mark_safe(html.replace(_CSRF_INPUT.format(_CSRF_PLACEHOLDER),
                                  _CSRF_INPUT.format(csrf_token)))
