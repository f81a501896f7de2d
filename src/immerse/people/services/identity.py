"""Proof of identity for sign-ups: an address is trusted only once its owner clicks a
signed, expiring link sent to it.

A sign-up that does not come from someone who vouches for the address (an organizer, or
the logged-in owner of a verified address) changes nothing about anyone: it is kept as a
``PendingSignup`` and the address is sent a link. The answer is the same whether or not
the address or an account exists. Clicking the link (``signup_confirm``) applies the form and
registers under the capacity, once. It is not a log-in credential: it logs the clicker in
only when the confirmation itself made the person (a brand-new address, so there was no
one to become); the owner of a known address confirms and then logs in as usual (a log-in
link, a password). So a confirmation link seen by anyone else can at worst register the
address's owner for an event, never open their account.

Seats: while its hold lasts (``IMMERSE_SIGNUP_HOLD_MINUTES``) an unconfirmed sign-up keeps
a seat, so confirming in time never finds the event full; after that the seat is free again
(counted free at once, released by the ``signup_holds_expire`` task, which also gives it to
the first person waiting). A confirmation after the hold takes a free seat or a place in line.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.common.limits import hourly_budget_take
from immerse.events.models import Event
from immerse.notify.links import LinkInvalid, signed_url, token_read
from immerse.people.models import PendingSignup, Person, Registration
from immerse.people.services.accounts import person_account, person_verified
from immerse.people.services.notices import notice_signup_confirm
from immerse.people.services.registrations import Seats, seats_lock, waitlist_promote
from immerse.people.services.signup import SignupData, SignupResult, signup_apply

#: At most this many confirmation mails to one address per hour, whoever asks: a stranger
#: cannot flood someone's inbox by signing them up again and again.
CONFIRM_MAILS_PER_HOUR = 5
#: The same form sent again within this time is a client's retry: no second mail.
RETRY_WINDOW = timedelta(minutes=2)
#: Unconfirmed sign-ups (and their personal data) are deleted this long after their link died.
KEEP_EXPIRED = timedelta(days=1)


class SignupLinkUsed(LinkInvalid):
    """The sign-up was confirmed already (or replaced): the link works once."""


def _link_age() -> timedelta:
    return timedelta(hours=settings.IMMERSE_SIGNUP_LINK_HOURS)


def signup_confirm_url(pending: PendingSignup) -> str:
    return signed_url("signup-confirm", "signup", [pending.pk, pending.nonce])


def signup_request(*, event: Event, data: SignupData,
                   requested_by: User | None = None,
                   source: str = "web") -> PendingSignup:
    """Keep the sign-up and mail its address a link to confirm it; writes nothing about
    any person. Sending the same form again (a client's retry) changes nothing more."""
    email, payload, now = data.email.strip().lower(), data.payload(), timezone.now()
    requester = requested_by.pk if requested_by is not None else None
    # No savepoint: inside a caller's transaction a failure fails the caller anyway.
    with transaction.atomic(savepoint=False):
        seats = seats_lock(event=event, now=now)
        pending = PendingSignup.objects.filter(event=event, email=email,
                                               confirmed_at__isnull=True).first()
        if pending is not None and pending.payload == payload \
                and pending.requested_by_id == requester \
                and now - pending.updated_at < RETRY_WINDOW:
            return pending
        owner = (Person.objects.filter(email=email).annotate(registered=Exists(
            Registration.objects.filter(event=event, person=OuterRef("pk")).exclude(
                status=Registration.Status.CANCELLED))).first())
        if pending is None:
            pending = PendingSignup(event=event, email=email, nonce=secrets.token_hex(16))
        pending.payload, pending.source, pending.requested_by_id = payload, source, requester
        pending.expires_at = now + _link_age()
        registered = bool(owner and owner.registered)
        # A seat is held whoever the address belongs to: holding none for a registered
        # address made the public "N seats left" tell a stranger who is registered.
        if not (pending.held_until and pending.held_until > now):
            pending.held_until = _hold_until(event, seats, now)
        pending.save()
        if hourly_budget_take("signup-confirm-mail", email, CONFIRM_MAILS_PER_HOUR):
            notice_signup_confirm(pending=pending, confirm_url=signup_confirm_url(pending),
                                  owner=owner, already_registered=registered)
    return pending


def _hold_until(event: Event, seats: Seats, now: datetime) -> datetime | None:
    """A seat is held only if one is free for newcomers: seats freed by holds that ran out
    belong to the people already in line."""
    minutes = settings.IMMERSE_SIGNUP_HOLD_MINUTES
    if minutes <= 0 or not seats.free_for_newcomers(event.capacity):
        return None
    return now + timedelta(minutes=minutes)


def signup_pending_read(*, token: str) -> PendingSignup:
    """The open sign-up a confirmation link names, or LinkInvalid saying why not."""
    pending_id, nonce = token_read("signup", token, max_age=_link_age())
    pending = (PendingSignup.objects.select_related("event").filter(pk=pending_id, nonce=nonce)
               .first())
    if pending is None or pending.confirmed_at is not None:
        raise SignupLinkUsed(_("This link was used already: your sign-up is confirmed. "
                               "Log in to see your place."))
    if pending.expires_at <= timezone.now():
        raise LinkInvalid(_("This link has expired: sign up again to get a new one."))
    return pending


def signup_owner(pending: PendingSignup) -> Person | None:
    return Person.objects.filter(email=pending.email).first()


def signup_confirm(*, pending: PendingSignup) -> SignupResult:
    """The owner clicked: apply the kept form, register under the capacity (the hold, if
    still running, guarantees the seat) and prove the address. Works once. The result's
    ``user`` (the account to log in as) is set only when this confirmation made the person
    and with it their account (no password): a link never opens an account that existed
    before it, nor the account of a person who did."""
    now = timezone.now()
    with transaction.atomic(savepoint=False):  # no savepoint: see signup_request
        seats_lock(event=pending.event)
        open_row = PendingSignup.objects.filter(pk=pending.pk, confirmed_at__isnull=True)
        held_until = open_row.values_list("held_until", flat=True).first()
        # The one conditional UPDATE that makes the link single-use, however many clicks race.
        if not open_row.update(confirmed_at=now, held_until=None, payload={}):
            raise SignupLinkUsed(_("This link was used already: your sign-up is confirmed. "
                                   "Log in to see your place."))
        data = SignupData.from_payload(pending.payload)
        person = (Person.objects.select_related("user").filter(email=pending.email).first()
                  or Person(email=pending.email))
        new = person.pk is None
        person_verified(person=person, now=now)
        result = signup_apply(event=pending.event, person=person, data=data,
                              source=pending.source,
                              held_seat=held_until is not None and held_until > now)
        user = person_account(person=person, requested_by_id=pending.requested_by_id) \
            if new else None
    return SignupResult(result.registration, result.assessment, result.waitlist_position, user)


def signup_holds_release(*, now: datetime | None = None) -> dict[str, int]:
    """Release holds whose time is up and give the freed seats to the people waiting;
    delete unconfirmed sign-ups whose link died a while ago (their data with them)."""
    now = now or timezone.now()
    released = promoted = 0
    event_ids = set(PendingSignup.objects.filter(held_until__lte=now)
                    .values_list("event_id", flat=True))
    for event in Event.objects.filter(pk__in=event_ids):
        with transaction.atomic():
            seats_lock(event=event)
            released += PendingSignup.objects.filter(event=event, held_until__lte=now).update(
                held_until=None)
            promoted += len(waitlist_promote(event=event, now=now))
    deleted, _ = PendingSignup.objects.filter(expires_at__lt=now - KEEP_EXPIRED).delete()
    return {"released": released, "promoted": promoted, "deleted": deleted}
