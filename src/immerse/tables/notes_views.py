"""Table notes pages: edit together (merged on save), see others' saves live, history."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from immerse.common.ids import number_parse
from immerse.common.live import LIVE_REFRESH_MS, live_fragment
from immerse.events import roles
from immerse.events.models import Session
from immerse.events.selectors import event_get
from immerse.people.access import my_person, my_registration_or_none
from immerse.tables.models import NOTES_MAX, TableSeat
from immerse.tables.notes import (
    NotesRefused,
    notes_get,
    notes_may_edit,
    notes_revisions,
    notes_save,
    notes_version,
)
from immerse.tables.selectors import table_format_keys

View = Callable[..., HttpResponse]


class NotesForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Notes"), required=False, max_length=NOTES_MAX,
                           strip=False, widget=forms.Textarea(attrs={"rows": 16}))
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**9)


def _table_page(view: View) -> View:
    """The table of a table-discussion session, for its tablemates and the session's staff."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, slug: str, table_session_id: int, table: int,
                **kwargs: object) -> HttpResponse:
        event = event_get(slug=slug)
        session = get_object_or_404(Session.objects.select_related("event", "slot"),
                                    event=event, pk=table_session_id,
                                    format__in=table_format_keys())
        if not TableSeat.objects.filter(session=session, table=table).exists():
            raise Http404(_("No such table"))
        if not notes_may_edit(user=request.user, session=session, table=table):
            raise PermissionDenied(_("Only this table's people and the session's staff "
                                     "can open its notes."))
        with timezone.override(ZoneInfo(event.time_zone)):
            return view(request, session, table, **kwargs)

    return wrapped


@_table_page
def notes_page(request: HttpRequest, session: Session, table: int) -> HttpResponse:
    notes = notes_get(session=session, table=table)
    form = NotesForm(request.POST or None, initial={"text": notes.text, "base": notes.number})
    if request.method == "POST" and form.is_valid():
        try:
            saved = notes_save(session=session, table=table, author=my_person(request),
                               text=form.cleaned_data["text"], base=form.cleaned_data["base"])
        except NotesRefused as refusal:
            form.add_error("text", str(refusal))
        else:
            _tell(request, saved.merged, saved.conflicts)
            return redirect("table-notes", slug=session.event.slug,
                            table_session_id=session.pk, table=table)
    mates = (TableSeat.objects.filter(session=session, table=table)
             .select_related("registration__person").order_by("id"))
    return render(request, "tables/notes.html", {
        "event": session.event, "session": session, "table": table, "notes": notes,
        "form": form, "mates": mates, "live_ms": LIVE_REFRESH_MS,
        "is_staff": roles.is_facilitator(request.user, session.event),
        "back": _back(request, session),
        "version": notes_version(session=session, table=table)})


def _back(request: HttpRequest, session: Session) -> tuple[str, str]:
    """Where the viewer came from: the organizer's tables, one's own tables, or the hub."""
    event = session.event
    if roles.is_organizer(request.user, event):
        return reverse("tables-session", args=[event.slug, session.pk]), _("Round tables")
    if my_registration_or_none(request, event) is not None:
        return reverse("my-tables", args=[event.slug]), _("My tables")
    return reverse("event-hub", args=[event.slug]), event.title


def _tell(request: HttpRequest, merged: bool, conflicts: int) -> None:
    if conflicts:
        messages.warning(request, _(
            "Someone saved while you were writing and you both changed the same lines: both "
            "versions are kept between <<<<<<< and >>>>>>> markers. Tidy them up and save."))
    elif merged:
        messages.success(request, _("Saved, merged with the edits saved meanwhile."))
    else:
        messages.success(request, _("Saved."))


@require_safe
@_table_page
def notes_live(request: HttpRequest, session: Session, table: int) -> HttpResponse:
    """"Ana saved a newer version", for live.js: never touches the textarea itself."""
    loaded = number_parse(request.GET.get("base"), lowest=0, highest=10**9) or 0
    return live_fragment(
        request, version=notes_version(session=session, table=table),
        render=lambda: render(request, "tables/_notes_live.html", {
            "notes": notes_get(session=session, table=table), "loaded": loaded}))


@require_safe
@_table_page
def notes_history(request: HttpRequest, session: Session, table: int) -> HttpResponse:
    return render(request, "tables/notes_history.html", {
        "event": session.event, "session": session, "table": table,
        "revisions": notes_revisions(session=session, table=table)})


@require_safe
@_table_page
def notes_revision(request: HttpRequest, session: Session, table: int,
                   number: int) -> HttpResponse:
    revision = get_object_or_404(notes_revisions(session=session, table=table), number=number)
    return render(request, "tables/notes_revision.html", {
        "event": session.event, "session": session, "table": table, "revision": revision})
