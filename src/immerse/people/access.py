"""The signed-in person's own profile and registration, for web views and the API alike:
views ask these instead of looking the user up themselves."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.models import Person, Registration
from immerse.people.selectors import person_for_user, registration_active

NOT_SIGNED_UP = "You have not signed up for this event."


def my_registration(request: HttpRequest, event: Event) -> Registration:
    """The user's confirmed or waitlisted registration for ``event``, or 404 (the API answers
    it with its JSON error body)."""
    registration = registration_active(event=event, user=request.user)
    if registration is None:
        raise Http404(NOT_SIGNED_UP)
    return registration


def my_registration_at(request: HttpRequest, slug: str) -> Registration:
    """``my_registration`` for the event called ``slug``, in one query when there is one
    (the personal pages are an attendee's most visited); else the same 404s."""
    user = request.user
    if user.is_authenticated:
        found = (Registration.objects.select_related("event", "person")
                 .filter(event__slug=slug, person__user=user)
                 .exclude(status=Registration.Status.CANCELLED).first())
        if found is not None:
            return found
    return my_registration(request, event_get(slug=slug))


def my_registration_or_none(request: HttpRequest, event: Event) -> Registration | None:
    """The user's confirmed or waitlisted registration for ``event``, if any (pages that
    anyone may open and that show more to attendees)."""
    return registration_active(event=event, user=request.user)


def my_person(request: HttpRequest) -> Person | None:
    """The signed-in user's attendee profile; ``None`` for visitors and for staff who have
    none."""
    return person_for_user(request.user)
