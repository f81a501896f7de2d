"""The audit trail page: who changed what on the event, and when (organizers only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from immerse.common.ids import id_parse
from immerse.events.access import organizer_page
from immerse.events.models import Event
from immerse.studio.models import AuditEntry

PER_PAGE = 50


@require_http_methods(["GET", "HEAD"])
@organizer_page
def audit_page(request: HttpRequest, event: Event) -> HttpResponse:
    """Newest first, 50 a page; ``?person=<account id>`` and ``?action=<key>`` filter."""
    entries = AuditEntry.objects.filter(event=event).select_related("actor__person")
    person, action = id_parse(request.GET.get("person")), request.GET.get("action", "")
    if person is not None:
        entries = entries.filter(actor_id=person)
    if action:
        entries = entries.filter(action=action[:40])
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    actors = get_user_model().objects.filter(
        pk__in=AuditEntry.objects.filter(event=event).values("actor_id")).order_by("username")
    actions = (AuditEntry.objects.filter(event=event).order_by("action")
               .values_list("action", flat=True).distinct())
    return render(request, "studio/team_audit.html", {
        "event": event, "here": "audit", "page": page, "actors": actors,
        "actions": list(actions), "person": person, "action": action})
