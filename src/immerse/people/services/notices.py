"""The messages of a registration's life and of proving who one is: what each tells, to
whom, and the key that makes it one logical message.

Called inside the transaction that made the news: ``message_queue`` writes the outbox row
there and kicks the sender only once it commits, so a rolled-back change sends nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.urls import reverse

from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.notify.links import absolute
from immerse.notify.services import AddressRefused, message_queue
from immerse.people.models import Assessment, PendingSignup, Person, Registration
from immerse.people.selectors import waitlist_position

log = logging.getLogger(__name__)
Status = Registration.Status


def _queue(*, kind: str, person: Person | None, to_email: str, to_name: str, key: str,
           event: Event | None, context: dict[str, object]) -> None:
    try:
        message_queue(kind=kind, to_email=to_email, to_name=to_name, key=key, person=person,
                      event=event, context=context)
    except AddressRefused as exc:
        # Addresses are checked where they enter; an old row with a bad one must not undo
        # the registration that wanted to tell them.
        log.warning("no %s message for %s: %s", kind, person or to_email, exc)


def _me_url(event: Event) -> str:
    return absolute(reverse("my-registration", kwargs={"slug": event.slug}))


def _transition(kind: str, registration: Registration) -> str:
    """One message per change of state: the registration's id and the moment it changed."""
    return f"{kind}:{registration.pk}:{registration.updated_at.timestamp():.6f}"


def _level(registration: Registration) -> str:
    level = registration.level
    return f"{level} {LEVEL_LABELS[level]}" if level else ""


def _by(by_organizer: bool) -> dict[str, object]:
    """The placeholder that makes a message say the organizers did it (absent otherwise)."""
    return {"by_organizer": True} if by_organizer else {}


def notice_entered(*, registration: Registration, assessment: Assessment | None = None,
                   by_organizer: bool = False, key: str | None = None) -> None:
    """Confirmed (with the level and why) or waitlisted (with the place in line).

    ``by_organizer``: the organizers moved them (the words say so); ``key``: a message of
    its own (an organizer's resend) instead of the one per change of state."""
    event, person = registration.event, registration.person
    context: dict[str, object]
    if registration.status == Status.CONFIRMED:
        kind, context = "registration_confirmed", {
            "level_label": _level(registration),
            "explanation": assessment.explanation if assessment else "",
            "look_for": assessment.look_for if assessment else "",
            "me_url": _me_url(event)}
    else:
        kind, context = "waitlisted", {"position": waitlist_position(registration),
                                       "me_url": _me_url(event), **_by(by_organizer)}
    _queue(kind=kind, person=person, to_email=person.email, to_name=person.name,
           key=key or _transition(kind, registration), event=event, context=context)


def notice_promoted(*, registration: Registration, by_organizer: bool = False) -> None:
    event, person = registration.event, registration.person
    _queue(kind="promoted", person=person, to_email=person.email, to_name=person.name,
           key=_transition("promoted", registration), event=event,
           context={"level_label": _level(registration), "me_url": _me_url(event),
                    **_by(by_organizer)})


def notice_cancelled(*, registration: Registration, by_organizer: bool = False) -> None:
    event, person = registration.event, registration.person
    _queue(kind="cancelled", person=person, to_email=person.email, to_name=person.name,
           key=_transition("cancelled", registration), event=event,
           context={"me_url": _me_url(event), "signup_url": absolute(
               reverse("event-signup", kwargs={"slug": event.slug})),
               **_by(by_organizer)})


def notice_signup_confirm(*, pending: PendingSignup, confirm_url: str, owner: Person | None,
                          already_registered: bool) -> None:
    """"Confirm your sign-up" to a new address; to a known one, "someone used your address:
    confirm, or ignore this and nothing changes (or simply log in)". The greeting uses the
    name we know, never the one the stranger typed."""
    _queue(kind="signup_confirm", person=owner, to_email=pending.email,
           to_name=owner.name if owner else str(pending.payload.get("name", "")),
           key=f"signup_confirm:{pending.pk}:{pending.expires_at.timestamp():.6f}",
           event=pending.event, context={
               "confirm_url": confirm_url, "expires_at": pending.expires_at,
               "hold_ends_at": pending.held_until, "existing": owner is not None,
               "already_registered": already_registered})


def notice_login_link(*, person: Person, login_url: str, expires_at: datetime, key: str,
                      no_password: bool = False) -> None:
    _queue(kind="login_link", person=person, to_email=person.email, to_name=person.name,
           key=key, event=None, context={
               "login_url": login_url, "expires_at": expires_at, "no_password": no_password,
               "password_url": absolute(reverse("password_change"))})


def notice_password_reset(*, to_email: str, to_name: str, person: Person | None,
                          reset_url: str, expires_at: datetime, key: str) -> None:
    _queue(kind="password_reset", person=person, to_email=to_email, to_name=to_name,
           key=key, event=None, context={"reset_url": reset_url, "expires_at": expires_at})
