"""The listening dashboard, facilitator notes, and the listening exercise for a room."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from immerse.backchannel.selectors.dashboard import listening_for
from immerse.backchannel.services.ingest import note_add
from immerse.common.charts import bar_chart, line_chart
from immerse.events import roles
from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.roles import is_participant


def _event_for(request: HttpRequest, slug: str, *, staff: bool) -> Event:
    event = event_get(slug=slug)
    if not request.user.is_authenticated:
        raise PermissionDenied("Log in to listen.")
    allowed = (roles.is_facilitator(request.user, event) if staff
               else is_participant(request.user, event))
    if not allowed:
        raise PermissionDenied("Only this event's people can open its listening pages.")
    return event


def _context(event: Event, tag: str | None, source: str | None) -> dict[str, object]:
    data = listening_for(event=event, tag=tag, source=source)
    labels = {"negative": 0, "neutral": 1, "positive": 2}
    totals = data.sentiment.totals
    return {
        "event": event, "data": data, "tag": tag, "source": source,
        "refresh_ms": settings.IMMERSE_LIVE_REFRESH_MS,
        "volume_chart": line_chart(data.volume, title="Posts per hour"),
        "voices_chart": bar_chart([(f"@{v.handle}", v.posts) for v in data.voices],
                                  title="Top voices by posts"),
        "sentiment": [(name, int(totals[i])) for name, i in labels.items()],
        "sentiment_chart": bar_chart([(name, int(totals[i])) for name, i in labels.items()],
                                     title="Sentiment of posts"),
    }


@require_safe
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Organizers and facilitators: what the room is saying, asking, and whether we answer."""
    event = _event_for(request, slug, staff=True)
    context = _context(event, None, None)
    template = ("backchannel/_live.html" if request.GET.get("fragment")
                else "backchannel/dashboard.html")
    return render(request, template, context)


@require_safe
def explore(request: HttpRequest, slug: str) -> HttpResponse:
    """The listening exercise: the room explores one hashtag or feed together."""
    event = _event_for(request, slug, staff=False)
    tag = (request.GET.get("tag") or "").strip()[:100] or None
    source = (request.GET.get("source") or "").strip()[:40] or None
    context = _context(event, tag, source)
    context["exercise"] = True
    template = ("backchannel/_live.html" if request.GET.get("fragment")
                else "backchannel/explore.html")
    return render(request, template, context)


@require_POST
def note(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for(request, slug, staff=True)
    text = request.POST.get("text", "").strip()[:2000]
    if text:
        note_add(event=event, author=request.user.get_username(), text=text)
        messages.success(request, "Note added to the backchannel.")
    return redirect("listening", slug=event.slug)
