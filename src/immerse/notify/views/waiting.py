"""Messages waiting for the organizer after planning agendas or forming tables: how many
people would be told, a preview, and "Tell them now" or "Don't tell yet"."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.notify.delivery import delivers, delivery_route, delivery_words
from immerse.notify.preview import allow_mail_styles
from immerse.notify.waiting import WAITING_KINDS, messages_release, waiting_of


@organizer_required
def waiting(request: HttpRequest, event: Event, kind: str) -> HttpResponse:
    if kind not in WAITING_KINDS:
        raise Http404(_("No messages of this kind wait for the organizer"))
    if request.method == "POST":
        return _decide(request, event, kind)
    found = waiting_of(event=event, kind=kind)
    response = render(request, "notify/waiting.html", {
        "event": event, "waiting": found, "rendered": found.preview,
        "delivers": delivers(), "route_words": delivery_words(delivery_route())})
    return allow_mail_styles(response, found.preview.html) if found.preview else response


def _decide(request: HttpRequest, event: Event, kind: str) -> HttpResponse:
    if request.POST.get("decision") == "now":
        told = messages_release(event=event, kind=kind)
        flash.success(request, ngettext("%(n)d person will be told now.",
                                         "%(n)d people will be told now.", told) % {"n": told})
    else:
        flash.info(request, _("Nobody was told. The messages wait on this page until you "
                              "choose “Tell them now”."))
    return redirect("notify-waiting", slug=event.slug, kind=kind)
