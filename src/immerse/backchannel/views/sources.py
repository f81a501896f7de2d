"""Where the event listens: sources on the social web, uploaded files, and settings
(organizers)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from immerse.backchannel.forms import SettingsForm, SourceForm, UploadForm
from immerse.backchannel.kinds import SourceInvalid
from immerse.backchannel.models import Source
from immerse.backchannel.selectors.sources import (
    event_window,
    kinds_in_words,
    listening_settings,
    sources_for,
    suggested_feeds,
    uploads_for,
)
from immerse.backchannel.services.sources import (
    settings_update,
    source_add,
    source_credentials_set,
    source_poll_soon,
    source_remove,
    source_set_active,
)
from immerse.backchannel.services.uploads import UploadRefused, upload_create
from immerse.common.http import AuthedRequest
from immerse.common.uploads import uploads_too_large
from immerse.engine.formats.limits import size_text
from immerse.events.access import organizer_required
from immerse.events.models import Event


def _page(request: HttpRequest, event: Event, form: SourceForm | None = None,
          upload_form: UploadForm | None = None, status: int = 200) -> HttpResponse:
    start, end = event_window(event)
    return render(request, "backchannel/sources.html", {
        "event": event, "sources": sources_for(event=event),
        "uploads": uploads_for(event=event), "suggested": suggested_feeds(event=event),
        "form": form or SourceForm(), "upload_form": upload_form or UploadForm(),
        "settings_form": SettingsForm(instance=listening_settings(event)),
        "window": (start, end), "kinds_in_words": kinds_in_words(),
    }, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_required
def sources(request: HttpRequest, event: Event) -> HttpResponse:
    """The sources page; a POST adds a source."""
    if request.method != "POST":
        return _page(request, event)
    form = SourceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            source = source_add(event=event, kind=data["kind"], url=data["url"],
                                tag=data["tag"], handle=data["handle"],
                                app_password=data["app_password"], user=request.user)
        except SourceInvalid as error:
            field = error.field.split(",")[0].strip()
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, _("Listening to %(source)s. The first posts arrive "
                                       "within a minute during the event.")
                             % {"source": source.label})
            return redirect("listening-sources", slug=event.slug)
    return _page(request, event, form=form, status=422)


@require_POST
@organizer_required
def source_action(request: HttpRequest, event: Event, source_id: int) -> HttpResponse:
    """Pause, resume, poll now, remove, or give new login details (Bluesky)."""
    source = Source.objects.filter(event=event, pk=source_id).first()
    if source is None:
        raise Http404(_("No such source"))
    action = request.POST.get("action", "")
    if action in ("pause", "resume"):
        source_set_active(source=source, active=action == "resume")
        messages.success(request, (_("%(source)s: resumed.") if action == "resume"
                                   else _("%(source)s: paused.")) % {"source": source.label})
    elif action == "poll":
        source_poll_soon(source=source)
        messages.success(request, _("%(source)s: polling now.") % {"source": source.label})
    elif action == "remove":
        source_remove(source=source)
        messages.success(request, _("No longer listening to %(source)s; its posts stay.")
                         % {"source": source.label})
    elif action == "credentials" and source.polled_kind and source.polled_kind.login:
        try:
            source_credentials_set(source=source, handle=request.POST.get("handle", ""),
                                   app_password=request.POST.get("app_password", ""))
        except SourceInvalid as error:
            messages.error(request, error.message)
        else:
            source_set_active(source=source, active=True)
            messages.success(request, _("%(source)s: new login saved, listening again.")
                             % {"source": source.label})
    else:
        messages.error(request, _("Unknown action."))
    return redirect("listening-sources", slug=event.slug)


@require_POST
@organizer_required
def upload(request: AuthedRequest, event: Event) -> HttpResponse:
    """A backchannel file, ingested in the background with today's parsers."""
    form = UploadForm(request.POST, request.FILES)
    too_large = uploads_too_large(request)
    if too_large:
        form = UploadForm(request.POST)
        form.add_error("file", _("%(name)s: larger than %(size)s, the limit "
                                 "(IMMERSE_MAX_UPLOAD_BYTES)") % {
            "name": too_large[0], "size": size_text(settings.IMMERSE_MAX_UPLOAD_BYTES)})
        return _page(request, event, upload_form=form, status=422)
    if not form.is_valid():
        return _page(request, event, upload_form=form, status=422)
    handle = form.cleaned_data["file"]
    try:
        made = upload_create(event=event, user=request.user, filename=handle.name,
                             data=handle.read(settings.IMMERSE_MAX_UPLOAD_BYTES + 1),
                             fmt=form.cleaned_data["fmt"])
    except UploadRefused as error:
        form.add_error("file", str(error))
        return _page(request, event, upload_form=form, status=422)
    messages.success(request, _("%(file)s is being ingested; its summary appears below.")
                     % {"file": made.filename})
    return redirect("listening-sources", slug=event.slug)


@require_POST
@organizer_required
def listening_settings_save(request: HttpRequest, event: Event) -> HttpResponse:
    """The wall's visibility and review, the window's margins, the questions alert."""
    form = SettingsForm(request.POST, instance=listening_settings(event))
    if not form.is_valid():
        messages.error(request, _("Settings not saved: %(errors)s") % {"errors": "; ".join(
            f"{field}: {' '.join(map(str, errors))}" for field, errors in form.errors.items())})
    else:
        settings_update(event=event, **{name: form.cleaned_data[name]
                                        for name in SettingsForm.Meta.fields})
        messages.success(request, _("Listening settings saved."))
    back = "listening-wall-moderate" if request.POST.get("next") == "moderate" \
        else "listening-sources"
    return redirect(back, slug=event.slug)
