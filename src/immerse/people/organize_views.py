"""The organizer's registrations: find people, act on one or many (promote, move to the
waiting list, cancel, resend their message, edit), export the list, and the page listing
the events one organizes.

Views only parse and answer; every change is a service in people.services.organizing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from immerse.common.ids import id_parse, ids_parse
from immerse.common.spreadsheets import csv_download
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.access import organizer_required
from immerse.events.models import Event, Session
from immerse.events.roles import may_create_events, organized_events
from immerse.people import selectors
from immerse.people.forms import RegistrationEditForm
from immerse.people.models import LEVEL_CHOICES, Registration
from immerse.people.roles import profiles_correctable
from immerse.people.services.organizing import (
    CapacityRefused,
    Outcome,
    registration_edit,
    registrations_cancel,
    registrations_promote,
    registrations_resend,
    registrations_restore,
    registrations_waitlist,
)
from immerse.people.services.questions import questions_of

#: Rows per page of the organizer's registrations list (a conference has thousands).
REGISTRATIONS_PER_PAGE = 100
#: The filters a page, a CSV and the way back after an action keep.
FILTERS = ("q", "status", "level", "page")
#: Actions on selected rows: what the button says, and whether it asks first.
ACTIONS = {"promote": gettext_lazy("Promote"),
           "waitlist": gettext_lazy("Move to the waiting list"),
           "cancel": gettext_lazy("Cancel"),
           "restore": gettext_lazy("Restore (back on the waiting list)"),
           "resend": gettext_lazy("Resend their registration message")}
ASK_FIRST = {"cancel", "waitlist"}


def _filters(params: QueryDict) -> dict[str, str]:
    """The list's filters from a request, bounded and normalised (unknown values dropped)."""
    status = params.get("status", "")
    level = params.get("level", "")
    page = params.get("page", "")
    return {key: value for key, value in (
        ("q", params.get("q", "").strip()[:200]),
        ("status", status if status in Registration.Status.values else ""),
        ("level", level if level in {"1", "2", "3", "4", selectors.NO_LEVEL} else ""),
        ("page", page if page.isdigit() else ""),
    ) if value}


def _filtered(event: Event, filters: dict[str, str]) -> QuerySet[Registration]:
    """The registrations the page and its CSV show under ``filters``."""
    return selectors.registrations_for_organizer(
        event=event, query=filters.get("q", ""), status=filters.get("status", ""),
        level=filters.get("level", ""))


def _list_url(event: Event, filters: dict[str, str]) -> str:
    query = urlencode(filters)
    return f"{reverse('event-organize', args=[event.slug])}{'?' + query if query else ''}" \
        "#registrations"


@require_safe
@organizer_required
def organize(request: HttpRequest, event: Event) -> HttpResponse:
    filters = _filters(request.GET)
    registrations = _filtered(event, filters)
    page = Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(filters.get("page"))
    positions = selectors.waitlist_positions(event=event)
    for registration in page:
        registration.position = positions.get(  # type: ignore[attr-defined]  # for the template
            registration.pk)
    without_page = {key: value for key, value in filters.items() if key != "page"}
    return render(request, "people/organize.html", {
        "event": event,
        "counts": selectors.registration_counts(event=event),
        "page": page, "filters": filters,
        "query": filters.get("q", ""), "status": filters.get("status", ""),
        "level": filters.get("level", ""),
        "statuses": Registration.Status.choices,
        "levels": [*((str(n), label) for n, label in LEVEL_CHOICES),
                   (selectors.NO_LEVEL, _("No level yet"))],
        "filter_query": urlencode(without_page), "back": urlencode(filters),
        "actions": ACTIONS, "nonce": uuid.uuid4().hex,
        "session_count": Session.objects.filter(event=event).count(),
    })


def _selected_ids(request: HttpRequest) -> tuple[str, list[int]]:
    """The action and the registration ids: a row's own button (``row`` = "action:id") or
    the bulk bar (``action`` with the ticked ``ids``)."""
    row = request.POST.get("row", "")
    if row:
        action, _, one = row.partition(":")
        number = id_parse(one)
        return action, [] if number is None else [number]
    ids = ids_parse(request.POST.getlist("ids"), limit=REGISTRATIONS_PER_PAGE * 5)
    return request.POST.get("action", ""), ids


@require_POST
@organizer_required
def registrations_act(request: HttpRequest, event: Event) -> HttpResponse:
    """Promote, move to the waiting list, cancel or resend, for one row or the ticked ones.
    Cancelling and moving ask first (who is affected, who gets the seats); a refused
    promotion says why and offers to raise the capacity."""
    action, ids = _selected_ids(request)
    back = _filters(QueryDict(request.POST.get("back", "")))
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the selected registrations."))
        return redirect(_list_url(event, back))
    if not ids:
        messages.error(request, _("Select at least one registration first."))
        return redirect(_list_url(event, back))
    confirmed = request.POST.get("confirm") == "yes"
    if action in ASK_FIRST and not confirmed:
        return _ask(request, event, action, ids, back)
    try:
        outcome = _run(action, event, ids, request)
    except CapacityRefused as refused:
        return _ask(request, event, action, ids, back, refused=refused, status=409)
    messages.success(request, _said(action, outcome))
    return redirect(_list_url(event, back))


def _run(action: str, event: Event, ids: list[int], request: HttpRequest) -> Outcome:
    if action == "promote":
        return registrations_promote(event=event, ids=ids,
                                     raise_capacity=request.POST.get("raise_capacity") == "yes")
    if action == "waitlist":
        return registrations_waitlist(event=event, ids=ids,
                                      lower_capacity=request.POST.get("lower_capacity") == "yes")
    if action == "cancel":
        return registrations_cancel(event=event, ids=ids)
    if action == "restore":
        return registrations_restore(event=event, ids=ids)
    nonce = request.POST.get("nonce", "")[:64] or uuid.uuid4().hex
    return registrations_resend(event=event, ids=ids, nonce=nonce)


def _ask(request: HttpRequest, event: Event, action: str, ids: list[int],
         back: dict[str, str], *, refused: CapacityRefused | None = None,
         status: int = 200) -> HttpResponse:
    """The question before a change (or after a refusal): who, and what happens to seats."""
    selected = list(Registration.objects.filter(event=event, pk__in=ids)
                    .select_related("person").order_by("created_at", "id"))
    freeing = sum(1 for r in selected if r.status == Registration.Status.CONFIRMED)
    next_in_line = selectors.waitlist_head(event=event, count=freeing,
                                           passing_over=[r.pk for r in selected])
    return render(request, "people/registrations_confirm.html", {
        "event": event, "action": action, "label": ACTIONS[action], "selected": selected,
        "ids": [r.pk for r in selected], "back": urlencode(back),
        "back_url": _list_url(event, back), "refused": refused,
        "nonce": request.POST.get("nonce", ""),
        "next_in_line": next_in_line, "freeing": freeing,
        "left_free": freeing - len(next_in_line),
    }, status=status)


def _names(registrations: list[Registration], limit: int = 5) -> str:
    names = [r.person.name for r in registrations[:limit]]
    more = len(registrations) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _said(action: str, outcome: Outcome) -> str:
    """The result in a sentence or three, naming the people."""
    done = outcome.changed
    said = {"promote": _("Promoted: %(names)s."),
            "waitlist": _("Moved to the waiting list: %(names)s."),
            "cancel": _("Cancelled: %(names)s."),
            "restore": _("Restored to the waiting list: %(names)s."),
            "resend": _("Sent again to: %(names)s.")}[action]
    parts = [said % {"names": _names(done)} if done else _("Nothing to do.")]
    if action != "resend" and done:
        parts.append(_("They are told by e-mail.") if len(done) == 1
                     else _("Each is told by e-mail."))
    if outcome.capacity is not None:
        parts.append(_("The capacity is now %(capacity)s.") % {"capacity": outcome.capacity})
    if outcome.moved_up:
        parts.append(ngettext("The freed seat went to the first in line: %(names)s.",
                              "The freed seats went to the first in line: %(names)s.",
                              len(outcome.moved_up)) % {"names": _names(outcome.moved_up)})
    if outcome.skipped:
        left = {"promote": _("Left as they were (not waiting): %(names)s."),
                "waitlist": _("Left as they were (not confirmed): %(names)s."),
                "cancel": _("Left as they were (already cancelled): %(names)s."),
                "restore": _("Left as they were (not cancelled): %(names)s."),
                "resend": _("Left as they were (cancelled, or already sent from this page): "
                            "%(names)s.")}[action]
        parts.append(left % {"names": _names(outcome.skipped)})
    return " ".join(parts)


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_required
def registration_edit_page(request: HttpRequest, event: Event,
                           registration_id: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("person", "event"),
                                     pk=registration_id, event=event)
    # The list's filters come along: in the link's query, then in one field of the form
    # (its own "level" field would clash with the filter's).
    back = _filters(QueryDict(request.POST.get("back", "")) if request.method == "POST"
                    else request.GET)
    editable = registration.person_id in profiles_correctable(
        event=event, person_ids=[registration.person_id])
    form = RegistrationEditForm(request.POST or None, registration=registration,
                                profile_editable=editable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement = registration_edit(
            registration=registration, name=data["name"], organization=data["organization"],
            discipline=data["discipline"], level=data["level"], reason=data["reason"])
        said = _("Saved %(name)s.") % {"name": registration.person.name}
        if placement is not None:
            said += " " + _("Level now %(level)s %(label)s; their page says why. Planned agendas "
                            "follow it at the next planning run.") % {
                "level": placement.level, "label": LEVEL_LABELS[placement.level]}
        messages.success(request, said)
        return redirect(_list_url(event, back))
    return render(request, "people/registration_edit.html", {
        "event": event, "registration": registration, "form": form,
        "back": urlencode(back), "back_url": _list_url(event, back),
        "position": selectors.waitlist_position(registration),
        "answers": registration.signup_answers.select_related("question").order_by(
            "question__position", "question_id")})


#: The registrations CSV's columns, in order (documented in docs/formats.md).
CSV_COLUMNS = ("name", "email", "organization", "discipline", "region", "level",
               "level_label", "status", "waitlist_position", "source", "registered_at")


@require_safe
@organizer_required
def registrations_csv(request: HttpRequest, event: Event) -> HttpResponse:
    """The registrations under the page's filters (all pages), one row each."""
    filters = _filters(request.GET)
    registrations = _filtered(event, filters)
    positions = selectors.waitlist_positions(event=event)
    zone = ZoneInfo(event.time_zone)
    # The organizers' extra questions: one column each, after the fixed ones.
    questions = questions_of(event)
    answers = selectors.signup_answers(event=event) if questions else {}

    def rows() -> Iterator[list[object]]:
        for r in registrations.iterator(chunk_size=1000):
            person = r.person
            given = answers.get(r.pk, {})
            yield [person.name, person.email, person.organization, person.discipline,
                   person.region, r.level, LEVEL_LABELS.get(r.level, "") if r.level else "",
                   r.status, positions.get(r.pk), r.source,
                   localtime(r.created_at, zone).isoformat(timespec="seconds"),
                   *(given.get(q.pk, "") for q in questions)]

    return csv_download(filename=f"{event.slug}-registrations.csv",
                        header=(*CSV_COLUMNS, *(q.prompt for q in questions)), rows=rows())


@require_safe
@login_required
def organize_home(request: HttpRequest) -> HttpResponse:
    """Where "Organize" in the navigation leads: the one event one organizes, or the list."""
    events = list(organized_events(request.user).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    ).order_by("-start_date", "title"))
    may_create = may_create_events(request.user)
    if not events and not may_create:
        raise PermissionDenied(_("You do not organize any event yet. An event's organizers, or "
                               "the site's staff, can give you the organizer role."))
    # Those who may create events always get the list: it is where "New event" is.
    if len(events) == 1 and not request.user.is_staff and not may_create:
        return redirect("event-organize", slug=events[0].slug)
    return render(request, "people/organize_home.html",
                  {"events": events, "may_create": may_create})
