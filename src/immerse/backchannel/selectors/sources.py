"""Reads about where an event listens: its settings and window, its sources and uploads."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from immerse.backchannel.kinds import FEED, KINDS, in_words
from immerse.backchannel.models import (
    ALERT_MINUTES_MAX,
    MARGIN_HOURS_MAX,
    ListeningSettings,
    Source,
    Upload,
)
from immerse.engine.listening.belonging import Belonging, belonging_for
from immerse.events.models import Event

log = logging.getLogger(__name__)


def listening_settings(event: Event) -> ListeningSettings:
    """The event's settings row, or an unsaved one holding the defaults."""
    try:
        return event.listening_settings
    except ListeningSettings.DoesNotExist:
        return ListeningSettings(event=event)


def _hours(value: int | None, default: int) -> timedelta:
    # Clamped: a value stored before the bounds (or by hand) must not overflow a date.
    chosen = default if value is None else value
    return timedelta(hours=min(max(chosen, 0), MARGIN_HOURS_MAX))


def event_window(event: Event, choices: ListeningSettings | None = None
                 ) -> tuple[datetime, datetime]:
    """From midnight of the first day, less the margin before, to midnight after the last
    day plus the margin after, in the event's time zone (as aware datetimes)."""
    choices = choices or listening_settings(event)
    zone = ZoneInfo(event.time_zone)
    start = datetime.combine(event.start_date, time(0), tzinfo=zone)
    end = datetime.combine(event.end_date + timedelta(days=1), time(0), tzinfo=zone)
    return (start - _hours(choices.margin_before_hours,
                           settings.IMMERSE_LISTEN_MARGIN_BEFORE_HOURS),
            end + _hours(choices.margin_after_hours, settings.IMMERSE_LISTEN_MARGIN_AFTER_HOURS))


def event_belonging(event: Event, *, require_topic: bool = False) -> Belonging:
    """What belongs to the event: its window; its hashtags and accounts when a source is
    firehose-like (``require_topic``)."""
    start, end = event_window(event)
    return belonging_for(start=start, end=end, hashtags=event.hashtags,
                         accounts=event.organizer_handles, require_topic=require_topic)


def question_alert_minutes(event: Event) -> int:
    chosen = listening_settings(event).question_alert_minutes
    minutes = settings.IMMERSE_LISTEN_QUESTION_ALERT_MINUTES if chosen is None else chosen
    return min(max(minutes, 0), ALERT_MINUTES_MAX)


@dataclass(frozen=True)
class SourceStatus:
    """How a source is doing, in words: ``state`` is one of new, ok, waiting, failing,
    stopped, paused (a CSS class too)."""

    state: str
    text: str


def kinds_in_words() -> str:
    """Every kind, for the pages' prose, in the reader's language ("a Mastodon hashtag, a
    Bluesky search or a blog feed")."""
    return in_words([_(kind.noun) for kind in KINDS], last=_(" or "))


def source_status(source: Source, *, now: datetime | None = None) -> SourceStatus:
    now = now or timezone.now()
    if not source.active:
        if source.failures or source.last_error:
            return SourceStatus("stopped", _("Stopped: %(error)s. Fix it, then resume.")
                                % {"error": source.last_error})
        return SourceStatus("paused", _("Paused."))
    if source.failures:
        failing = _("Failing (%(n)d× in a row): %(error)s.") % {
            "n": source.failures, "error": source.last_error}
        if source.next_poll_at:
            failing += " " + _("Next try %(time)s.") % {
                "time": f"{timezone.localtime(source.next_poll_at):%H:%M}"}
        return SourceStatus("failing", failing)
    wait = source.last_summary.get("wait") if isinstance(source.last_summary, dict) else None
    if wait and source.next_poll_at and source.next_poll_at > now:
        return SourceStatus("waiting", f"{wait} " + _("Resumes at %(time)s.") % {
            "time": f"{timezone.localtime(source.next_poll_at):%H:%M}"})
    if source.last_success_at is None:
        return SourceStatus("new", _("Not polled yet."))
    return SourceStatus("ok", _("Listening. Last poll %(when)s.") % {
        "when": date_format(timezone.localtime(source.last_success_at), "d M H:i")})


def sources_for(*, event: Event) -> list[tuple[Source, SourceStatus]]:
    now = timezone.now()
    return [(source, source_status(source, now=now))
            for source in Source.objects.filter(event=event).order_by("kind", "url", "tag")]


def uploads_for(*, event: Event, limit: int = 10) -> QuerySet[Upload]:
    return (Upload.objects.filter(event=event).defer("data")
            .select_related("uploaded_by").order_by("-created_at")[:limit])


def suggested_feeds(*, event: Event) -> list[dict[str, str]]:
    """The hub's blog feeds not yet listened to (a blog link without ``feed`` is the
    feed itself only if it says so; we suggest what the organizer entered)."""
    taken = set(Source.objects.filter(event=event, kind=FEED.key)
                .values_list("url", flat=True))
    found = []
    for blog in event.blogs or ():
        url = str(blog.get("feed") or "") if isinstance(blog, dict) else ""
        if url and url not in taken:
            found.append({"label": str(blog.get("label") or url), "url": url})
    return found


def sources_due(*, now: datetime, event: Event | None = None) -> list[Source]:
    """Active sources whose next poll is due, not being polled right now, of events whose
    listening window (margins included) contains ``now``; with ``event``, only its own,
    window or not (an organizer asked)."""
    due = (Source.objects.filter(active=True)
           .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
           .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
           .select_related("event", "event__listening_settings").order_by("next_poll_at", "id"))
    if event is not None:
        return list(due.filter(event=event))
    listening = {e.pk for e in events_listening(now=now)}
    return [source for source in due.filter(event__in=listening)]


def events_listening(*, now: datetime) -> list[Event]:
    """Events whose listening window (margins included) contains ``now``."""
    # Coarse in SQL (events near today), exact in Python (each event's own margins).
    near = (now - timedelta(days=366)).date(), (now + timedelta(days=366)).date()
    candidates = (Event.objects.filter(end_date__gte=near[0], start_date__lte=near[1])
                  .select_related("listening_settings"))
    found = []
    for event in candidates:
        try:  # one event's odd data must not stop listening for every other event
            start, end = event_window(event)
        except (ValueError, OverflowError, LookupError):
            log.exception("listening window of event %s is unreadable", event.pk)
            continue
        if start <= now < end:
            found.append(event)
    return found
