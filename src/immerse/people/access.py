"""The signed-in person's own registration, for web views and the API alike."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest

from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.models import Assessment, Registration
from immerse.people.selectors import registration_active

NOT_SIGNED_UP = "You have not signed up for this event."


def my_registration(request: HttpRequest, event: Event) -> Registration:
    """The user's confirmed or waitlisted registration for ``event``, or 404 (the API answers
    it with its JSON error body)."""
    registration = registration_active(event=event, user=request.user)
    if registration is None:
        raise Http404(NOT_SIGNED_UP)
    return registration


def _with_latest_assessment(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Each registration with its person's latest assessment's level, answers and whether
    the organizer placed it (``latest_level``, ``latest_answers``, ``latest_placed``; None
    without one), read in the same query (see ``latest_assessment``)."""
    latest = Assessment.objects.filter(person=OuterRef("person")).order_by("-created_at", "-id")
    return registrations.annotate(**{
        f"latest_{name}": Subquery(latest.values(column)[:1])
        for name, column in (("level", "level"), ("answers", "answers"),
                             ("placed", "placed_by_organizer"))})


def latest_assessment(registration: Registration) -> Assessment | None:
    """The person's latest assessment (its level, answers and placement), without a query
    when ``registration`` came from ``my_registration_at``; else one query."""
    if not hasattr(registration, "latest_level"):
        return registration.person.assessments.only(
            "answers", "level", "placed_by_organizer", "person").first()
    if registration.latest_level is None:
        return None
    return Assessment(person=registration.person, level=registration.latest_level,
                      answers=registration.latest_answers,
                      placed_by_organizer=bool(registration.latest_placed))


def my_registration_at(request: HttpRequest, slug: str) -> Registration:
    """``my_registration`` for the event called ``slug``, in one query when there is one
    (the personal pages are an attendee's most visited), with the person's latest
    assessment (``latest_assessment``); else the same 404s."""
    user = request.user
    if user.is_authenticated:
        found = (_with_latest_assessment(Registration.objects.select_related("event", "person"))
                 .filter(event__slug=slug, person__user=user)
                 .exclude(status=Registration.Status.CANCELLED).first())
        if found is not None:
            return found
    return my_registration(request, event_get(slug=slug))
