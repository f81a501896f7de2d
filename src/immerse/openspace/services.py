"""Writes about open space: the period, proposals, votes; placing is in ``placing``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from immerse.engine.catalogue import FORMAT_BY_KEY
from immerse.events.models import Event, Room, TimeSlot
from immerse.openspace.models import OFFER_MAX, TITLE_MAX, OpenSpace, Proposal, ProposalVote
from immerse.people.models import Registration


class OpenSpaceError(ValueError):
    """Bad input, or the period does not allow it; ``field`` names the place at fault."""

    def __init__(self, message: str, *, field: str = "", closed: bool = False) -> None:
        super().__init__(message)
        self.field, self.closed = field, closed


def open_space_set(*, event: Event, opens_at: datetime, closes_at: datetime,
                   places_at: datetime, rooms: Sequence[Room] = (),
                   slots: Sequence[TimeSlot] = ()) -> OpenSpace:
    """Open (or change) the event's proposals period; empty rooms/slots mean all of them."""
    if closes_at <= opens_at:
        raise OpenSpaceError(_("The period must close after it opens."), field="closes_at")
    if places_at < closes_at:
        raise OpenSpaceError(_("Placing must come after the period closes."),
                             field="places_at")
    if any(r.event_id != event.pk for r in rooms) or any(s.event_id != event.pk for s in slots):
        raise OpenSpaceError(_("Rooms and slots must be this event's."), field="rooms")
    with transaction.atomic():
        space, _created = OpenSpace.objects.update_or_create(
            event=event, defaults={"opens_at": opens_at, "closes_at": closes_at,
                                   "places_at": places_at})
        space.rooms.set(rooms)
        space.slots.set(slots)
    return space


def period_check(space: OpenSpace | None, *, now: datetime | None = None) -> OpenSpace:
    """The open space if proposing and voting are open now; otherwise a clear refusal."""
    now = now or timezone.now()
    if space is None:
        raise OpenSpaceError(_("This event has no open space."), closed=True)
    if space.placed_at is not None:
        raise OpenSpaceError(_("The proposals have been placed in the program already."),
                             closed=True)
    if now < space.opens_at:
        raise OpenSpaceError(_("Proposals open at %(when)s.") % {"when": space.opens_at},
                             closed=True)
    if now >= space.closes_at:
        raise OpenSpaceError(_("The proposals period is closed."), closed=True)
    return space


def _space_of(event: Event) -> OpenSpace | None:
    return OpenSpace.objects.filter(event=event).first()


def proposal_create(*, registration: Registration, title: str, offer: str,
                    levels: Sequence[int], format_key: str) -> Proposal:
    """A participant proposes a session they will host, while the period is open."""
    period_check(_space_of(registration.event))
    title, offer = title.strip(), offer.strip()
    if not title or len(title) > TITLE_MAX:
        raise OpenSpaceError(_("Give a title of at most %(n)d characters.") % {"n": TITLE_MAX},
                             field="title")
    if not offer or len(offer) > OFFER_MAX:
        raise OpenSpaceError(_("Say what it offers in at most %(n)d characters.")
                             % {"n": OFFER_MAX}, field="offer")
    chosen = sorted(set(levels))
    if not chosen or any(level not in (1, 2, 3, 4) for level in chosen):
        raise OpenSpaceError(_("Choose one or more levels from 1 to 4."), field="levels")
    if format_key not in FORMAT_BY_KEY:
        raise OpenSpaceError(_("Choose a format from the list."), field="format")
    return Proposal.objects.create(event=registration.event, registration=registration,
                                   title=title, offer=offer, levels=chosen, format=format_key)


def proposing_too_fast(request: HttpRequest, registration: Registration) -> bool:
    """Count one proposal by ``registration``; True beyond ``PROPOSE_RATE`` (web and API)."""
    return bool(is_ratelimited(request, group="openspace:propose",
                               key=lambda group, req: str(registration.pk),
                               rate=settings.PROPOSE_RATE, method=ALL,
                               increment=True))


def proposal_vote(*, proposal: Proposal, registration: Registration, on: bool) -> bool:
    """Vote for (``on``) or withdraw from a proposal; repeating either is a no-op, and two
    at once cannot make two votes (the unique constraint decides). Returns voted now."""
    if proposal.event_id != registration.event_id:
        raise OpenSpaceError(_("That proposal is not in this event."), field="proposal")
    period_check(_space_of(registration.event))
    if not on:
        ProposalVote.objects.filter(proposal=proposal, registration=registration).delete()
        Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())
        return False
    try:
        with transaction.atomic():
            _vote, created = ProposalVote.objects.get_or_create(proposal=proposal,
                                                                registration=registration)
    except IntegrityError:  # the other request won the race: the vote is there
        created = False
    if created:
        # Counts are shown live: the proposal's version moves with its votes.
        Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())
    return True


def proposal_vote_toggle(*, proposal: Proposal, registration: Registration) -> bool:
    """The web's button: vote if not yet, withdraw otherwise. Returns voted now."""
    voted = ProposalVote.objects.filter(proposal=proposal, registration=registration).exists()
    return proposal_vote(proposal=proposal, registration=registration, on=not voted)
