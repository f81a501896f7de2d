"""The organizer's outbox of an event: every message with its status, filters, counts, the
rendered message, and a resend for a failed one."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.notify import selectors, services
from immerse.notify.kinds import KIND_BY_KEY
from immerse.notify.models import Message
from immerse.notify.preview import allow_mail_styles

ROWS_PER_PAGE = 50


@require_safe
@organizer_required
def outbox(request: HttpRequest, event: Event) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Message.Status.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in KIND_BY_KEY else ""
    rows = selectors.outbox_of(event, status=status, kind=kind)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.outbox_counts(event)
    return render(request, "notify/outbox.html", {
        "event": event, "page": page, "rows": selectors.with_subjects(list(page.object_list)),
        "counts": [(value, label, counts[value]) for value, label in Message.Status.choices],
        "kinds": selectors.outbox_kinds(event),
        "statuses": Message.Status.choices, "status": status, "kind": kind})


def _message(event: Event, message_id: int) -> Message:
    message = selectors.outbox_message(event, message_id)
    if message is None:
        raise Http404(_("No such message in this event's outbox"))
    return message


@require_safe
@organizer_required
def outbox_message(request: HttpRequest, event: Event, message_id: int) -> HttpResponse:
    message = _message(event, message_id)
    rendered = services.message_rendered(message)
    response = render(request, "notify/message.html", {
        "event": event, "message": message, "rendered": rendered, "organizer": True})
    return allow_mail_styles(response, rendered.html)


@organizer_required
@require_POST
def outbox_resend(request: HttpRequest, event: Event, message_id: int) -> HttpResponse:
    message = _message(event, message_id)
    if services.message_resend(message=message):
        flash.success(request, _("Queued again: %(kind)s to %(email)s.")
                      % {"kind": message.kind, "email": message.to_email})
    else:
        flash.error(request, _("Only a failed message can be sent again."))
    return redirect("notify-outbox", slug=event.slug)
