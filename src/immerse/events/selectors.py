"""Reads for event pages, the API and exports: one query per relation, never per row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import cast
from zoneinfo import ZoneInfo

from django.core.cache import cache as shared_cache
from django.db.models import Count, Model, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.template.backends.django import Template
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from immerse.common.models import TaskRun
from immerse.common.runs import task_runs_on
from immerse.engine.languages import translated_into
from immerse.engine.pitch import PitchError, session_pitch
from immerse.events.models import Event, Session, TimeSlot

# Facilitators are people (the app above this one): the model is reached through the
# relation, so this app never imports it.
_PERSON = cast("type[Model]", Session._meta.get_field("facilitators").related_model)


def events_published() -> QuerySet[Event]:
    """Public events: published and listed (an unlisted one is reached by its link)."""
    return Event.objects.filter(published=True, listed=True).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


def events_home(*, today: date) -> tuple[list[Event], list[Event]]:
    """The home page's events: (upcoming and running, soonest first; past, newest first)."""
    events = events_published()
    upcoming = list(events.filter(end_date__gte=today).order_by("start_date", "title"))
    past = list(events.filter(end_date__lt=today).order_by("-start_date", "title"))
    return upcoming, past


def event_get(*, slug: str) -> Event:
    try:
        return Event.objects.get(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404(_("No event called %(slug)s") % {"slug": repr(slug)}) from exc


def sessions_for_program(*, event: Event) -> QuerySet[Session]:
    return (
        Session.objects.filter(event=event)
        .select_related("room", "slot")
        .prefetch_related(
            "tools",
            Prefetch("facilitators",
                     queryset=_PERSON._default_manager.only("id", "name", "channels")),
        )
    )


def session_pitch_shown(*, session: Session, language: str | None) -> str:
    """The pitch a reader of ``language`` sees: the organizer's own wording as written; the
    generated one in that language (the stored English is the same sentences in English).

    Reads the session's tools: list them with ``prefetch_related("tools")``.
    """
    written_in = translated_into(language)
    if session.pitch_edited or not session.pitch or written_in is None:
        return session.pitch
    try:
        return session_pitch(format_key=session.format, levels=session.target_levels,
                             topics=session.topics, tools=[t.key for t in session.tools.all()],
                             language=written_in)
    except PitchError:  # a row the catalogue no longer describes keeps its stored words
        return session.pitch


# A slot lists this many sessions, then folds the rest away ("show all N"), unless only one
# more would be folded (a fold that hides a single line saves nothing).
FOLD_AFTER = 4


@dataclass
class ProgramSlot:
    slot: TimeSlot | None
    sessions: list[Session] = field(default_factory=list)

    @property
    def folded(self) -> bool:
        return len(self.sessions) > FOLD_AFTER + 1

    @property
    def first(self) -> list[Session]:
        return self.sessions[:FOLD_AFTER] if self.folded else self.sessions

    @property
    def rest(self) -> list[Session]:
        return self.sessions[FOLD_AFTER:] if self.folded else []


@dataclass
class ProgramDay:
    day: date | None
    slots: list[ProgramSlot] = field(default_factory=list)
    hidden: int = 0  # sessions of this day that the filter left out


@dataclass(frozen=True)
class ProgramIndex:
    """What the day tabs need, and the digest the rendered listing is cached under."""

    fingerprint: str
    days: tuple[date | None, ...]  # days with sessions, in order; None: not yet scheduled


@dataclass(frozen=True)
class ProgramFilter:
    """Which part of the program a listing shows.

    ``all_days`` or one ``day`` (None: the sessions without a time yet); ``level``: the
    sessions pitched at that level or open to every level; ``session_ids``: only these
    (someone's agenda). The default shows everything.
    """

    all_days: bool = True
    day: date | None = None
    level: int | None = None
    session_ids: frozenset[int] | None = None

    def admits(self, session: Session) -> bool:
        if self.session_ids is not None and session.pk not in self.session_ids:
            return False
        levels = session.target_levels
        return self.level is None or not levels or self.level in levels

    def cache_key(self) -> str:
        ids = ("-" if self.session_ids is None else
               hashlib.blake2b(repr(sorted(self.session_ids)).encode(),
                               digest_size=8).hexdigest())
        return f"{'all' if self.all_days else self.day}/{self.level}/{ids}"


def sessions_for_listing(*, event: Event) -> QuerySet[Session]:
    """What the program pages show: no tools, hosts or imported extras (FOSDEM has 876).

    In a language other than English the pitches are written for the reader from each
    session's topics and tools (``session_pitch_shown``), so those come too.
    """
    sessions = Session.objects.filter(event=event).select_related("room", "slot")
    if translated_into(get_language()):
        return sessions.defer("external_data", "abstract").prefetch_related("tools")
    return sessions.defer("external_data", "abstract", "topics")


# Everything of a session that the program listing shows or orders by; times and levels
# come as the database's text (parsing 1,752 timestamps in Python would cost the most).
LISTED_FIELDS = ("id", "title", "format", "levels_text", "pitch", "slot_id", "start_text",
                 "end_text", "slot__label", "room_id", "room__name", "room__position",
                 "do_not_record")


def program_index(*, event: Event) -> ProgramIndex:
    """The digest of every listed field of the event's sessions, and the days they fall on.

    The rendered program is a function of these values (and the event's slug and time
    zone), so it can be cached under this digest: an edit anywhere makes a new key. One
    query of plain text tuples, several times cheaper than the listing's model instances;
    only the distinct start times are parsed, for the days.
    """
    rows = (sessions_for_listing(event=event)
            .annotate(levels_text=Cast("target_levels", TextField()),
                      start_text=Cast("slot__start", TextField()),
                      end_text=Cast("slot__end", TextField()))
            .values_list(*LISTED_FIELDS))
    digest = hashlib.blake2b(digest_size=16)
    starts: set[str | None] = set()
    start_at = LISTED_FIELDS.index("start_text")
    for row in rows:
        digest.update(repr(row).encode())
        starts.add(row[start_at])
    return ProgramIndex(fingerprint=digest.hexdigest(),
                        days=_days_of(starts, ZoneInfo(event.time_zone)))


def _days_of(starts: set[str | None], zone: ZoneInfo) -> tuple[date | None, ...]:
    """The local days of the database's start times (text), unscheduled (None) last."""
    days = set()
    for text in starts:
        if text is not None:
            moment = datetime.fromisoformat(text)
            # SQLite stores UTC without an offset; PostgreSQL's text carries "+00".
            days.add((moment if moment.tzinfo else moment.replace(tzinfo=UTC))
                     .astimezone(zone).date())
    return (*sorted(days), *((None,) if None in starts else ()))


def program_by_day(*, event: Event, shown: ProgramFilter | None = None) -> list[ProgramDay]:
    """The program grouped by day then slot, in time order; unscheduled sessions last.

    With ``shown``, only its day (or days) and the sessions it admits; each day counts
    the sessions it left out.
    """
    shown = shown or ProgramFilter()
    by_slot: dict[int | None, ProgramSlot] = {}
    for session in sessions_for_listing(event=event):
        key = session.slot_id
        if key not in by_slot:
            by_slot[key] = ProgramSlot(slot=session.slot)
        by_slot[key].sessions.append(session)
    days: dict[date | None, ProgramDay] = {}
    scheduled = sorted(((s.slot, s) for s in by_slot.values() if s.slot),
                       key=lambda pair: pair[0].start)
    tz = ZoneInfo(event.time_zone)
    for slot, program_slot in scheduled:
        day = slot.start.astimezone(tz).date()
        days.setdefault(day, ProgramDay(day=day)).slots.append(program_slot)
    if None in by_slot:
        days[None] = ProgramDay(day=None, slots=[by_slot[None]])
    return [_filtered(program_day, shown) for program_day in days.values()
            if shown.all_days or program_day.day == shown.day]


def _filtered(program_day: ProgramDay, shown: ProgramFilter) -> ProgramDay:
    kept = ProgramDay(day=program_day.day)
    for program_slot in program_day.slots:
        sessions = [s for s in program_slot.sessions if shown.admits(s)]
        kept.hidden += len(program_slot.sessions) - len(sessions)
        if sessions:
            kept.slots.append(ProgramSlot(slot=program_slot.slot, sessions=sessions))
    return kept


PROGRAM_TEMPLATE = "events/_program.html"
PROGRAM_TEMPLATES = (PROGRAM_TEMPLATE, "events/_program_session.html")  # and what it includes
PROGRAM_CACHE_SECONDS = 600


@cache
def _template_digest() -> str:
    """Changes with the listing's templates, so a deploy never serves the old markup."""
    digest = hashlib.blake2b(digest_size=8)
    for name in PROGRAM_TEMPLATES:
        digest.update(cast(Template, get_template(name)).template.source.encode())
    return digest.hexdigest()


def program_html(*, event: Event, show_pitch: bool, shown: ProgramFilter | None = None,
                 index: ProgramIndex | None = None, show_recording: bool = False
                 ) -> SafeString:
    """The rendered program listing (the part ``shown``), cached under a digest of everything
    it shows. ``show_recording``: mark the sessions whose speakers opted out of recording
    (organizers' view).

    Rendering FOSDEM's 876 sessions costs ~100 ms of template work per view; the digest
    query costs a few. The key holds every input of the fragment, so it is never stale.
    """
    shown = shown or ProgramFilter()
    index = index or program_index(event=event)
    key = ":".join(("program-html", str(event.pk), event.slug, event.time_zone,
                    str(show_pitch), str(show_recording), shown.cache_key(),
                    get_language() or "",
                    get_current_timezone_name(), _template_digest(), index.fingerprint))
    html: str | None = shared_cache.get(key)
    if html is None:
        html = render_to_string(PROGRAM_TEMPLATE, {
            "event": event, "program": program_by_day(event=event, shown=shown),
            "shown": shown, "show_pitch": show_pitch, "show_recording": show_recording})
        shared_cache.set(key, html, PROGRAM_CACHE_SECONDS)
    return mark_safe(html)  # rendered just above by the autoescaping template


def event_task_run(*, event: Event, run_id: int) -> TaskRun:
    """A background run on ``event`` (404 for another event's: ids are not credentials)."""
    run = task_runs_on(target=event).filter(pk=run_id).first()
    if run is None:
        raise Http404(_("No such run for this event"))
    return run


def event_task_runs_active(*, event: Event, task_name: str) -> list[TaskRun]:
    """Runs of ``task_name`` on the event still queued or running (for a page's notice)."""
    return list(task_runs_on(target=event).filter(
        task=task_name, status__in=(TaskRun.Status.QUEUED, TaskRun.Status.RUNNING))[:5])
