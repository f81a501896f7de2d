"""The listening dashboard, facilitator notes, the listening exercise for a room, and the
network file for Gephi."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.backchannel.selectors.sources import kinds_in_words
from immerse.backchannel.services.ingest import note_add
from immerse.common.charts import bar_chart, line_chart
from immerse.events import roles
from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.roles import is_participant


def event_for(request: HttpRequest, slug: str, *, staff: bool) -> Event:
    """The event, if this user is its staff (``staff``) or one of its participants."""
    event = event_get(slug=slug)
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Log in to listen."))
    allowed = (roles.is_facilitator(request.user, event) if staff
               else is_participant(request.user, event))
    if not allowed:
        raise PermissionDenied(_("Only this event's people can open its listening pages."))
    return event


def _context(request: HttpRequest, event: Event, tag: str | None,
             source: str | None) -> dict[str, object]:
    # The analyses run on NumPy and SciPy: loaded when a listening page is first opened,
    # not by every web worker at start (docs/architecture.md, "Processes").
    from immerse.backchannel.selectors.dashboard import listening_for

    data = listening_for(event=event, tag=tag, source=source)
    return {
        "event": event, "data": data, "tag": tag, "source": source,
        "refresh_ms": settings.IMMERSE_LIVE_REFRESH_MS,
        "is_organizer": roles.is_organizer(request.user, event),
        "kinds_in_words": kinds_in_words(),
        "volume_chart": line_chart(data.volume, title=_("Posts per hour")),
        "voices_chart": bar_chart([(f"@{v.handle}", v.posts) for v in data.voices],
                                  title=_("Top voices by posts")),
        "sentiment_chart": bar_chart(data.sentiment_rows, title=_("Sentiment of posts")),
    }


@require_safe
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Organizers and facilitators: what the room is saying, asking, and whether we answer."""
    event = event_for(request, slug, staff=True)
    context = _context(request, event, None, None)
    template = ("backchannel/_live.html" if request.GET.get("fragment")
                else "backchannel/dashboard.html")
    return render(request, template, context)


@require_safe
def explore(request: HttpRequest, slug: str) -> HttpResponse:
    """The listening exercise: the room explores one hashtag or feed together."""
    event = event_for(request, slug, staff=False)
    tag = (request.GET.get("tag") or "").strip()[:100] or None
    source = (request.GET.get("source") or "").strip()[:40] or None
    context = _context(request, event, tag, source)
    context["exercise"] = True
    template = ("backchannel/_live.html" if request.GET.get("fragment")
                else "backchannel/explore.html")
    return render(request, template, context)


@require_POST
def note(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for(request, slug, staff=True)
    text = request.POST.get("text", "").strip()[:2000]
    if text:
        note_add(event=event, author=request.user.get_username(), text=text)
        messages.success(request, _("Note added to the backchannel."))
    return redirect("listening", slug=event.slug)


@require_safe
def network(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The whole network as GEXF 1.3 (``?graph=conversation|hashtags``), streamed."""
    event = event_for(request, slug, staff=True)
    # The graphs are built with NumPy and SciPy: loaded on first use, as the dashboard's.
    from immerse.backchannel.selectors.networks import GRAPHS, network_gexf

    graph = request.GET.get("graph", "conversation")
    if graph not in GRAPHS:
        graph = "conversation"
    response = StreamingHttpResponse(network_gexf(event=event, graph=graph),
                                     content_type="application/gexf+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{graph}.gexf"'
    return response
