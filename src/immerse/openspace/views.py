"""Open space pages: participants propose and vote; the organizer sets the period and places.

Thin: forms check the fields, ``services`` decide, ``selectors`` read; placing runs on a
worker (``runs``) because 200 proposals take seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.common.ids import id_parse
from immerse.common.live import LIVE_REFRESH_MS, live_fragment
from immerse.events import roles
from immerse.events.models import Event
from immerse.events.selectors import event_get, event_task_runs_active
from immerse.openspace.forms import OpenSpaceForm, ProposalForm
from immerse.openspace.models import Proposal
from immerse.openspace.runs import TASK, open_space_run_start
from immerse.openspace.selectors import (
    UNPLACED_REASONS,
    open_space_of,
    proposals_list,
    proposals_version,
)
from immerse.openspace.services import (
    OpenSpaceError,
    open_space_set,
    period_check,
    proposal_create,
    proposal_vote_toggle,
    proposing_too_fast,
)
from immerse.people.access import my_registration, my_registration_or_none
from immerse.people.roles import is_participant

View = Callable[..., HttpResponse]


def _participants_only(view: View) -> View:
    """Resolve ``slug`` to an event whose attendee or staff the user is (in its time zone)."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, slug: str) -> HttpResponse:
        event = event_get(slug=slug)
        if not is_participant(request.user, event):
            raise PermissionDenied(_("Only this event's people can open its open space."))
        with timezone.override(ZoneInfo(event.time_zone)):
            return view(request, event)

    return wrapped


def _organizers_only(view: View) -> View:
    """The event's organizers; another event's organizer gets 404 (as in the studio)."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        event = event_get(slug=slug)
        if not roles.is_organizer(request.user, event):
            raise Http404(_("No such event"))
        with timezone.override(ZoneInfo(event.time_zone)):
            return view(request, event)

    return wrapped


def _state(event: Event) -> str:
    """Why proposing is closed now, or "" while it is open."""
    try:
        period_check(open_space_of(event))
    except OpenSpaceError as refusal:
        return str(refusal)
    return ""


def _proposals_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    registration = my_registration_or_none(request, event)
    space = open_space_of(event)
    return {"event": event, "space": space, "closed": _state(event),
            "registration": registration, "reasons": UNPLACED_REASONS,
            "proposals": proposals_list(event=event, registration=registration)}


@_participants_only
def page(request: HttpRequest, event: Event) -> HttpResponse:
    """The participant's page: propose (POST), vote, see the counts move and, once placed,
    where each proposal is or why it is not."""
    form = ProposalForm(request.POST or None)
    if request.method == "POST":
        registration = my_registration(request, event)
        if proposing_too_fast(request, registration):
            messages.error(request, _("Too many proposals at once: wait a minute."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                proposal_create(registration=registration, title=data["title"],
                                offer=data["offer"], levels=data["levels"],
                                format_key=data["format"])
            except OpenSpaceError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None,
                               str(refusal))
            else:
                messages.success(request, _("Your proposal is in: people can vote for it now."))
                return redirect("openspace", slug=event.slug)
    context = _proposals_context(request, event)
    context.update(form=form, live_ms=LIVE_REFRESH_MS,
                   version=proposals_version(event=event))
    return render(request, "openspace/page.html", context)


@require_safe
@_participants_only
def live(request: HttpRequest, event: Event) -> HttpResponse:
    """The proposals and their counts, for live.js (a 304 while nothing changed)."""
    return live_fragment(request, version=proposals_version(event=event), render=lambda: render(
        request, "openspace/_proposals.html", _proposals_context(request, event)))


@require_POST
@_participants_only
def vote(request: HttpRequest, event: Event) -> HttpResponse:
    """Vote for a proposal, or take the vote back (the same button)."""
    registration = my_registration(request, event)
    proposal = get_object_or_404(Proposal, event=event,
                                 pk=id_parse(request.POST.get("proposal")) or 0)
    try:
        voted = proposal_vote_toggle(proposal=proposal, registration=registration)
    except OpenSpaceError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("You voted for “%(title)s”.") % {"title": proposal.title}
                         if voted else
                         _("Your vote for “%(title)s” is withdrawn.") % {"title": proposal.title})
    return redirect(reverse("openspace", args=[event.slug]) + f"#proposal-{proposal.pk}")


@_organizers_only
def organize(request: HttpRequest, event: Event) -> HttpResponse:
    """The organizer's settings: the period, the free rooms and slots, and "Place now"."""
    space = open_space_of(event)
    initial: dict[str, Any] = {}
    if space is not None:
        initial = {"opens_at": space.opens_at, "closes_at": space.closes_at,
                   "places_at": space.places_at, "rooms": list(space.rooms.all()),
                   "slots": list(space.slots.all())}
    form = OpenSpaceForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            open_space_set(event=event, opens_at=data["opens_at"], closes_at=data["closes_at"],
                           places_at=data["places_at"], rooms=list(data["rooms"]),
                           slots=list(data["slots"]))
        except OpenSpaceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None,
                           str(refusal))
        else:
            messages.success(request, _("The open space is set."))
            return redirect("openspace-organize", slug=event.slug)
    return render(request, "openspace/organize.html", {
        "event": event, "space": space, "form": form, "closed": _state(event),
        "proposals": proposals_list(event=event, registration=None),
        "reasons": UNPLACED_REASONS,
        "active_runs": event_task_runs_active(event=event, task_name=TASK)})


@require_POST
@_organizers_only
def place(request: HttpRequest, event: Event) -> HttpResponse:
    """"Place now": a worker places the proposals; the run's page follows it."""
    space = open_space_of(event)
    if space is None or space.placed_at is not None:
        messages.error(request, _("There is nothing to place: no open space, or placed "
                                  "already."))
        return redirect("openspace-organize", slug=event.slug)
    run = open_space_run_start(event=event, user=request.user,  # type: ignore[arg-type]
                               return_url=reverse("openspace-organize", args=[event.slug]))
    return redirect("event-run", slug=event.slug, run_id=run.pk)
