"""Pages for whole events: a new event (from a template or a copy), its settings, and
publishing."""

from __future__ import annotations

from zoneinfo import available_timezones

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from immerse.engine.formats.schedule import ScheduleFormatError
from immerse.events.access import organizer_page
from immerse.events.models import Event, Visibility
from immerse.events.roles import may_create_events, organized_events
from immerse.program.selectors import schedule_export
from immerse.studio.forms.events import TEMPLATE_TEXT, EventSettingsForm, NewEventForm
from immerse.studio.services.events import (
    event_create,
    event_update,
    event_visibility_set,
    sessions_outside_dates,
)

#: Where the event stands, in a few words.
VISIBILITY_NOW = {
    Visibility.DRAFT: gettext_lazy("a draft: only its organizers see it"),
    Visibility.UNLISTED: gettext_lazy("unlisted: anyone with its link sees it"),
    Visibility.PUBLIC: gettext_lazy("public: on the home page"),
}


def _zones() -> list[str]:
    return sorted(available_timezones())


def _errors_to_form(form: EventSettingsForm, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    if not may_create_events(request.user):
        raise PermissionDenied(_("Your account may not create events. The site's organizers "
                                 "or staff can allow it."))
    organized = organized_events(request.user).order_by("-start_date", "title")
    form = NewEventForm(request.POST or None, organized=organized)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(by=request.user, details=form.details(),
                                 template=form.template_key(),
                                 copy_from=form.cleaned_data.get("copy_from")
                                 if form.template_key() is None else None)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _created_message(event))
            return redirect("event-organize", slug=event.slug)
    return render(request, "studio/event_new.html", {
        "form": form, "zones": _zones(), "template_text": TEMPLATE_TEXT})


def _created_message(event: Event) -> str:
    counts = Event.objects.filter(pk=event.pk).aggregate(
        rooms=Count("rooms", distinct=True), slots=Count("slots", distinct=True),
        sessions=Count("sessions", distinct=True))
    made = ", ".join((
        ngettext("%(n)d session", "%(n)d sessions", counts["sessions"]) % {
            "n": counts["sessions"]},
        ngettext("%(n)d room", "%(n)d rooms", counts["rooms"]) % {"n": counts["rooms"]},
        ngettext("%(n)d time slot", "%(n)d time slots", counts["slots"]) % {
            "n": counts["slots"]}))
    return _("%(title)s is made (%(made)s), %(visibility)s. Next: check its settings, rooms, "
             "sessions and the hub, then publish it.") % {
        "title": event.title, "made": made, "visibility": VISIBILITY_NOW[event.visibility]}


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def event_settings(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventSettingsForm.for_event(event, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_update(event=event, details=form.details(), by=request.user)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The settings of %(title)s are saved.")
                             % {"title": event.title})
            return redirect("studio-event-settings", slug=event.slug)
    return render(request, "studio/event_settings.html", {
        "event": event, "form": form, "zones": _zones(),
        "outside": sessions_outside_dates(event=event), "visibilities": Visibility.choices})


@require_POST
@organizer_page
def event_publish(request: HttpRequest, event: Event) -> HttpResponse:
    visibility = request.POST.get("visibility", "")
    try:
        event_visibility_set(event=event, visibility=visibility, by=request.user)
    except ValidationError:
        messages.error(request, _("Choose draft, unlisted or public."))
    else:
        messages.success(request, {
            Visibility.DRAFT: _("%(title)s is a draft again: only its organizers see it."),
            Visibility.UNLISTED: _("%(title)s is published, unlisted: anyone with its link "
                                   "sees the hub and program; it is on no list."),
            Visibility.PUBLIC: _("%(title)s is published and on the home page."),
        }[Visibility(visibility)] % {"title": event.title})
    return redirect("studio-event-settings", slug=event.slug)


#: The program's exchange formats an organizer downloads (what `immerse export schedule`
#: writes): file suffix → (format, content type).
EXPORTS = {"xml": ("xml", "application/xml"), "json": ("json", "application/json")}


@require_safe
@organizer_page
def event_export(request: HttpRequest, event: Event, fmt: str) -> HttpResponse:
    """The event's program as frab XML or schedule JSON, as a download."""
    if fmt not in EXPORTS:
        raise Http404(_("No such export."))
    kind, content_type = EXPORTS[fmt]
    try:
        document = schedule_export(event=event, fmt=kind)
    except ScheduleFormatError as error:
        messages.error(request, _("The program cannot be written as %(fmt)s: %(problem)s") % {
            "fmt": fmt.upper(), "problem": error.message})
        return redirect("studio-event-settings", slug=event.slug)
    response = HttpResponse(document, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.schedule.{fmt}"'
    return response
