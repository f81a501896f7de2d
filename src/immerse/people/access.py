"""The signed-in person's own profile and registration, for web views and the API alike:
views ask these instead of looking the user up themselves."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy

from immerse.common.prepared import PreparedValues
from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.models import Assessment, Person, Registration
from immerse.people.selectors import person_for_user, registration_active

#: Lazy: read when a request raises it, in that request's language.
NOT_SIGNED_UP = gettext_lazy("You have not signed up for this event.")


def my_registration(request: HttpRequest, event: Event) -> Registration:
    """The user's confirmed or waitlisted registration for ``event``, or 404 (the API answers
    it with its JSON error body)."""
    registration = registration_active(event=event, user=request.user)
    if registration is None:
        raise Http404(str(NOT_SIGNED_UP))  # the 404 page shows only a str message
    return registration


_LATEST = ("level", "answers", "placed_by_organizer")
_REGISTRATION_FIELDS = tuple(field.attname for field in Registration._meta.concrete_fields)
_EVENT_FIELDS = tuple(field.attname for field in Event._meta.concrete_fields)


def _mine(slug: str, user_id: int) -> QuerySet[Registration]:
    """The user's registration for the event ``slug`` (not cancelled) as one row: its
    fields, its event's, and the person's latest assessment's."""
    latest = Assessment.objects.filter(person=OuterRef("person")).order_by("-created_at", "-id")
    return (Registration.objects.filter(event__slug=slug, person__user_id=user_id)
            .exclude(status=Registration.Status.CANCELLED)
            .annotate(**{f"latest_{column}": Subquery(latest.values(column)[:1])
                         for column in _LATEST})
            .values_list(*_REGISTRATION_FIELDS, *(f"event__{name}" for name in _EVENT_FIELDS),
                         *(f"latest_{column}" for column in _LATEST))[:1])


# Three subqueries and two models' columns: ~3 ms to build and compile on each view, 0.4 ms
# to run.
_MINE = PreparedValues(_mine)


def _registration_from(row: tuple[object, ...]) -> Registration:
    """The registration and its event as model instances from a ``_mine`` row (the person
    loads on first use), with ``latest_level``, ``latest_answers``, ``latest_placed``."""
    registrations, events = len(_REGISTRATION_FIELDS), len(_EVENT_FIELDS)
    registration = Registration.from_db(DEFAULT_DB_ALIAS, _REGISTRATION_FIELDS,
                                        row[:registrations])
    registration.event = Event.from_db(DEFAULT_DB_ALIAS, _EVENT_FIELDS,
                                       row[registrations:registrations + events])
    # Set beside the model's fields, read back by ``latest_assessment``.
    for name, value in zip(("latest_level", "latest_answers", "latest_placed"),
                           row[registrations + events:], strict=True):
        setattr(registration, name, value)
    return registration


def latest_assessment(registration: Registration) -> Assessment | None:
    """The person's latest assessment (its level, answers and placement), without a query
    when ``registration`` came from ``my_registration_at``; else one query."""
    if not hasattr(registration, "latest_level"):
        return registration.person.assessments.only(
            "answers", "level", "placed_by_organizer", "person").first()
    level = getattr(registration, "latest_level")  # noqa: B009 (set by _registration_from)
    if level is None:
        return None
    return Assessment(person_id=registration.person_id, level=level,
                      answers=getattr(registration, "latest_answers"),  # noqa: B009
                      placed_by_organizer=bool(getattr(registration, "latest_placed")))  # noqa: B009


def my_registration_at(request: HttpRequest, slug: str) -> Registration:
    """``my_registration`` for the event called ``slug``, in one query when there is one
    (the personal pages are an attendee's most visited), with the person's latest
    assessment (``latest_assessment``); else the same 404s."""
    user = request.user
    if user.is_authenticated:
        rows = _MINE.rows(slug=slug, user_id=user.pk)
        if rows:
            return _registration_from(rows[0])
    return my_registration(request, event_get(slug=slug))


def my_registration_or_none(request: HttpRequest, event: Event) -> Registration | None:
    """The user's confirmed or waitlisted registration for ``event``, if any (pages that
    anyone may open and that show more to attendees)."""
    return registration_active(event=event, user=request.user)


def my_person(request: HttpRequest) -> Person | None:
    """The signed-in user's attendee profile; ``None`` for visitors and for staff who have
    none."""
    return person_for_user(request.user)
