"""Sign-up, the attendee's own pages, and the organizer's registrations, room inventory and
sheet import."""

from __future__ import annotations

import csv
import uuid
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from immerse.common.charts import bar_chart
from immerse.common.http import AuthedRequest
from immerse.common.labels import level_label
from immerse.common.limits import limited
from immerse.common.questionnaire import DISCIPLINE_NAMES, named_choices, tool_name
from immerse.common.uploads import uploads_too_large
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOL_BY_KEY
from immerse.engine.formats.signup_sheet import SheetError, read_signup_sheet
from immerse.engine.inventory import problem_themes, room_inventory
from immerse.engine.languages import translated_into
from immerse.engine.themes import theme_name
from immerse.events import selectors as event_selectors
from immerse.events.access import organizer_required, visible_event
from immerse.events.models import Event
from immerse.notify.preview import allow_mail_styles
from immerse.notify.rendering import message_render
from immerse.notify.samples import broadcast_preview
from immerse.notify.selectors import broadcasts_of, inbox_latest, unread_count
from immerse.people import selectors
from immerse.people.access import my_person
from immerse.people.forms import BroadcastForm, SignupForm
from immerse.people.models import Person, Registration, SheetUpload
from immerse.people.services.broadcasts import broadcast_send
from immerse.people.services.identity import signup_request
from immerse.people.services.imports import (
    ImportRefused,
    attendees_import,
    attendees_import_start,
    sheet_upload_replace,
)
from immerse.people.services.questions import questions_of
from immerse.people.services.registrations import registration_cancel, seats_taken
from immerse.people.services.signup import SignupData, signup_refusal, signup_submit


@require_safe
@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = my_person(request)
    context = {
        "person": person,
        "registrations": selectors.registrations_of(person=person) if person else [],
        "assessments": person.assessments.select_related("event")[:10] if person else [],
        "inbox": inbox_latest(request.user), "unread": unread_count(request.user),
    }
    return render(request, "people/me.html", context)


# "signup:email" is the per-address counter the API shares (common.limits).
@limited("signup", "SIGNUP_RATE", keys=("ip", "email"),
         what=gettext_lazy("Too many sign-ups from your network"))
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    """The logged-in owner of a verified address signs up at once; everyone else is sent a
    link to confirm (see people.services.identity), with the same answer for any address."""
    event = visible_event(request, slug)
    refusal = signup_refusal(event=event)
    if refusal is not None:
        return render(request, "people/signup_closed.html",
                      {"event": event, "refusal": refusal}, status=200)
    person = my_person(request)
    initial = _initial_for(person) or (
        {"email": request.user.email} if request.user.is_authenticated else {})
    form = SignupForm(request.POST or None, initial=initial,
                      fixed_email=person.email if person else None,
                      extra_questions=questions_of(event))
    if request.method == "POST" and form.is_valid():
        data = _signup_data(form)
        if person is not None and person.email_verified_at is not None:
            signup_submit(event=event, data=data, person=person)
            return redirect("my-registration", slug=event.slug)
        signup_request(event=event, data=data, source="web",
                       requested_by=request.user if request.user.is_authenticated else None)
        return redirect("event-signup-sent", slug=event.slug)
    return render(request, "people/signup.html", {
        "event": event, "form": form, "seats_left": max(0, event.capacity - seats_taken(
            event=event)), "verified": person is not None and person.email_verified_at})


def _signup_data(form: SignupForm) -> SignupData:
    data = form.cleaned_data
    return SignupData(
        name=data["name"], email=data["email"], organization=data["organization"],
        discipline=data["discipline"], region=data["region"], channels=form.channels(),
        tool_uses=form.tool_uses(), answers=form.answers(), other_tools=data["other_tools"],
        stories=data["stories"], problems=data["problems"],
        stories_privacy=data["stories_privacy"], extra=form.extra_answers())


def _initial_for(person: Person | None) -> dict[str, object]:
    if person is None:
        return {}
    initial: dict[str, object] = {
        "name": person.name, "email": person.email, "organization": person.organization,
        "discipline": person.discipline, "region": person.region, **person.channels}
    for use in person.tool_uses.select_related("tool"):
        initial[f"tool_{use.tool.key}"] = use.frequency
        initial[f"conf_{use.tool.key}"] = str(use.confidence)
    latest = person.assessments.first()
    if latest:
        initial.update({f"q_{key}": value for key, value in latest.answers.items()})
    return initial


def _own_registration(request: HttpRequest, slug: str) -> Registration:
    event = event_selectors.event_get(slug=slug)
    person = my_person(request)
    registration = Registration.objects.filter(event=event, person=person).select_related(
        "event", "person").first() if person else None
    if registration is None:
        raise Http404(_("You have not signed up for this event."))
    return registration


@require_safe
@login_required
def my_registration(request: HttpRequest, slug: str) -> HttpResponse:
    registration = _own_registration(request, slug)
    assessment = registration.person.assessments.first()
    return render(request, "people/my_registration.html", {
        "event": registration.event, "registration": registration, "assessment": assessment,
        "position": selectors.waitlist_position(registration)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks (what happens to the seat, what coming back means); POST cancels."""
    registration = _own_registration(request, slug)
    if registration.status == Registration.Status.CANCELLED:
        return redirect("my-registration", slug=slug)
    if request.method == "POST":
        registration_cancel(registration=registration)
        messages.success(request, _("Your place at %(title)s is cancelled.")
                         % {"title": registration.event.title})
        return redirect("me")
    event = registration.event
    return render(request, "people/cancel_confirm.html", {
        "event": event, "registration": registration,
        "counts": selectors.registration_counts(event=event),
        "seats_left": max(0, event.capacity - seats_taken(event=event)),
        "position": selectors.waitlist_position(registration)})


# --- the room's inventory --------------------------------------------------------------

@require_safe
@organizer_required
def inventory(request: HttpRequest, event: Event) -> HttpResponse:
    records = selectors.inventory_records(event=event)
    room = room_inventory(records)
    tools = [(tool_name(TOOL_BY_KEY[key]), counts, room.tool_share(key))
             for key, counts in room.tools.items()]
    texts = [text for r in records for text in (r.stories, r.problems) if text.strip()]
    language = translated_into(get_language()) or "en"
    themes = [(replace(theme, label=theme_name(theme.label, language)),
               [texts[i] for i in theme.members[:3]])
              for theme in problem_themes(texts, max_themes=8)]
    guesses = selectors.level_guesses(event=event)
    context = {
        "event": event, "room": room, "tools": tools, "themes": themes,
        "levels": [(level, level_label(level), n, guesses.get(level, 0))
                   for level, n in room.levels.items()],
        "guessed": sum(guesses.values()),
        "disciplines": [(str(DISCIPLINE_NAMES.get(key, label)), room.disciplines[key])
                        for key, label in DISCIPLINES],
        "discipline_keys": named_choices(DISCIPLINES, DISCIPLINE_NAMES),
        "level_chart": bar_chart([(f"{lvl} {level_label(lvl)}", n)
                                  for lvl, n in room.levels.items()],
                                 title=_("Attendees per level at sign-up")),
        "tool_chart": bar_chart([(label, share) for label, _, share in tools],
                                title=_("Share of the room using each tool at least "
                                        "monthly"),
                                percent=True, max_value=1.0),
        "discipline_chart": bar_chart([(str(DISCIPLINE_NAMES.get(key, label)),
                                        room.disciplines[key]) for key, label in DISCIPLINES],
                                      title=_("Attendees per discipline")),
    }
    return render(request, "people/inventory.html", context)


@require_safe
@organizer_required
def inventory_csv(request: HttpRequest, event: Event) -> HttpResponse:
    room = room_inventory(selectors.inventory_records(event=event))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-inventory.csv"'
    writer = csv.writer(response)
    frequencies = [key for key, _ in FREQUENCIES]
    disciplines = [key for key, _ in DISCIPLINES]
    writer.writerow(["tool", "users", "share", *(f"level_{n}" for n in (1, 2, 3, 4)),
                     *(f"discipline_{d}" for d in disciplines), *frequencies])
    for key, counts in room.tools.items():
        writer.writerow([key, counts.users, f"{room.tool_share(key):.4f}",
                         *(counts.by_level[n] for n in (1, 2, 3, 4)),
                         *(counts.by_discipline[d] for d in disciplines),
                         *(counts.frequency[f] for f in frequencies)])
    return response


# --- sheet import: upload, preview, confirm ---------------------------------------------

@organizer_required
def import_upload(request: AuthedRequest, event: Event) -> HttpResponse:
    context: dict[str, object] = {"event": event,
                                  "max_mb": settings.IMMERSE_MAX_UPLOAD_BYTES // 2**20}
    if request.method == "POST":
        sheet_file = request.FILES.get("sheet")
        too_large = uploads_too_large(request)  # skipped while it streamed in
        if too_large:
            context["error"] = _("%(name)s is larger than %(size)s MB.") % {
                "name": too_large[0], "size": context["max_mb"]}
        elif sheet_file is None:
            context["error"] = _("Choose a CSV or XLSX file.")
        elif (sheet_file.size or 0) > settings.IMMERSE_MAX_UPLOAD_BYTES:
            context["error"] = _("%(name)s is larger than %(size)s MB.") % {
                "name": sheet_file.name, "size": context["max_mb"]}
        else:
            data = sheet_file.read()
            try:
                sheet = read_signup_sheet(data, source=sheet_file.name or "")
                report = attendees_import(event=event, sheet=sheet, dry_run=True)
            except SheetError as exc:
                context["error"] = str(exc)
            except ImportRefused as exc:
                context["problems"] = exc.problems
            else:
                pending = sheet_upload_replace(event=event, user=request.user,
                                               filename=sheet_file.name or "", data=data)
                context.update(report=report, pending=pending)
    return render(request, "people/import.html", context)


@organizer_required
def import_confirm(request: AuthedRequest, event: Event, upload_id: int) -> HttpResponse:
    pending = get_object_or_404(SheetUpload, pk=upload_id, event=event,
                                uploaded_by=request.user)
    if request.method != "POST":
        return redirect("event-import", slug=event.slug)
    # A sheet of thousands of rows takes a while: a worker imports it (all or nothing)
    # while the run's page shows the progress and then the report.
    run = attendees_import_start(upload=pending, user=request.user,
                                 return_url=reverse("event-inventory", args=[event.slug]))
    return redirect("event-run", slug=event.slug, run_id=run.pk)


# --- writing to a segment of the event's people ---------------------------------------

@organizer_required
def broadcast(request: HttpRequest, event: Event) -> HttpResponse:
    """Write, preview with the recipient count, then send (queued once per person)."""
    form = BroadcastForm(request.POST or None, initial={"nonce": uuid.uuid4().hex})
    context: dict[str, object] = {"event": event, "form": form,
                                  "history": broadcasts_of(event=event)}
    if request.method == "POST" and form.is_valid():
        segment = form.segment()
        if request.POST.get("action") == "send":
            sent, created = broadcast_send(
                event=event, segment=segment, subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"], nonce=form.cleaned_data["nonce"],
                user=request.user)
            if created:
                messages.success(request, ngettext(
                    "Queued for %(count)d person.", "Queued for %(count)d people.",
                    sent.recipients) % {"count": sent.recipients})
            else:
                messages.info(request, _("This message was already sent; it is not sent twice."))
            return redirect(f"{reverse('notify-outbox', args=[event.slug])}?kind=broadcast")
        recipients = selectors.segment_registrations(event=event, segment=segment)
        first = recipients.first()
        rendered = message_render(broadcast_preview(
            event=event, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
            to_name=first.person.name if first else "",
            to_email=first.person.email if first else ""))
        context.update(count=recipients.count(), rendered=rendered)
        return allow_mail_styles(render(request, "people/broadcast.html", context),
                                 rendered.html)
    return render(request, "people/broadcast.html", context)
