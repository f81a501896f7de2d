"""Check-in reads: the desk's counts and search, the API's list, the door, and the
organizer's planned-vs-attended report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.checkin.models import Attendance, CheckIn, CheckinSettings
from immerse.common.labels import level_label
from immerse.common.live import rows_version
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.program.models import AgendaItem

Status = Registration.Status
#: Rows a name search shows: enough for a desk, small enough for a phone.
SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Counts:
    checked_in: int
    expected: int


def checkin_counts(*, event: Event) -> Counts:
    """Checked in / expected (confirmed), in one query."""
    seen = Registration.objects.filter(event=event, status=Status.CONFIRMED).aggregate(
        expected=Count("pk"), checked_in=Count("pk", filter=Q(checkin__isnull=False)))
    return Counts(checked_in=seen["checked_in"], expected=seen["expected"])


def checkin_version(*, event: Event) -> str:
    """Changes whenever the desk's counts could: a check-in or undo, a status change."""
    checked = rows_version(CheckIn.objects.filter(registration__event=event))
    registrations = rows_version(Registration.objects.filter(event=event))
    return f"{checked}.{registrations}"


def attended(*, registration: Registration, session: Session) -> bool:
    """Whether ``registration`` is marked present in ``session``."""
    return Attendance.objects.filter(registration=registration, session=session).exists()


def checkin_search(*, event: Event, query: str) -> list[Registration]:
    """Registrations (not cancelled) whose name or organization holds ``query``, with their
    check-in (``checkin_at``), at most :data:`SEARCH_LIMIT`, by name."""
    rows = _with_checkin(Registration.objects.filter(event=event)
                         .exclude(status=Status.CANCELLED))
    words = query.split()[:4]
    for word in words:
        rows = rows.filter(Q(person__name__icontains=word)
                           | Q(person__organization__icontains=word))
    return list(rows.order_by("person__name", "id")[:SEARCH_LIMIT])


def _with_checkin(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    return rows.select_related("person").annotate(
        checkin_at=F("checkin__at"), checkin_how=F("checkin__how"))


def checkins_of(*, event: Event) -> QuerySet[CheckIn]:
    """The event's check-ins, earliest first, with who and how (the API's list)."""
    return (CheckIn.objects.filter(registration__event=event)
            .select_related("registration__person").order_by("at", "id"))


#: The hub and every personal agenda show the release time: kept in the cache, cleared by
#: each write (``release_forget``), and never older than this in any case.
RELEASE_CACHE_SECONDS = 300


def _release_key(event_id: int) -> str:
    return f"checkin:release:{event_id}"


def release_announcement(*, event: Event) -> CheckinSettings | None:
    """The event's release time if one is set and not yet acted on (the hub says it)."""
    kept = cache.get(_release_key(event.pk))
    if kept is None:  # a one-tuple, so that "no release time" is kept too
        kept = (CheckinSettings.objects.filter(event=event, release_at__isnull=False,
                                               released_at__isnull=True).first(),)
        cache.set(_release_key(event.pk), kept, RELEASE_CACHE_SECONDS)
    found: CheckinSettings | None = kept[0]
    return found


def release_forget(*, event_id: int) -> None:
    """Call after writing an event's release time (set, cleared or acted on)."""
    cache.delete(_release_key(event_id))


def checkin_settings_of(*, event: Event) -> CheckinSettings | None:
    return CheckinSettings.objects.filter(event=event).first()


@dataclass(frozen=True)
class ReportRow:
    label: str
    planned: int
    attended: int
    #: False for a session not held yet (its slot is ahead and nobody is marked present).
    held: bool = True

    @property
    def share(self) -> int | None:
        """Attended as a percentage of planned (None when nobody planned it or the session
        is not held yet)."""
        return round(100 * self.attended / self.planned) if self.planned and self.held else None


@dataclass(frozen=True)
class AttendanceReport:
    checked_in: int
    expected: int
    sessions: list[ReportRow]
    formats: list[ReportRow]
    levels: list[ReportRow]
    #: Sessions not held yet: in the sessions table, left out of the format and level ones.
    to_come: int = 0

    @property
    def tables(self) -> list[tuple[str, str, list[ReportRow]]]:
        """(first column, caption, rows) of each table the report shows."""
        return [
            (_("Session"), _("Planned and attended per session"), self.sessions),
            (_("Format"), _("Planned and attended per format"), self.formats),
            (_("Level"), _("Planned and attended per attendee level"), self.levels)]


def attendance_report(*, event: Event, now: datetime | None = None) -> AttendanceReport:
    """Planned (personal agendas) vs attended (door or staff), per session, per format and
    per attendee level, in three queries.

    Only sessions held by ``now`` (default: the clock) count in the format and level rows: a
    session is held once its slot has begun or anyone is marked present in it; one still to
    come would count as nobody attending."""
    now = now or timezone.now()
    sessions = list(Session.objects.filter(event=event).select_related("slot")
                    .order_by("slot__start", "title", "id"))
    planned = _pairs(AgendaItem.objects.filter(session__event=event,
                                               registration__status=Status.CONFIRMED))
    attended = _pairs(Attendance.objects.filter(session__event=event))
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_level: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    rows = []
    for session in sessions:
        mine = (planned.get(session.pk, {}), attended.get(session.pk, {}))
        held = session.pk in attended or (session.slot is not None
                                          and session.slot.start <= now)
        rows.append(ReportRow(session.title, sum(mine[0].values()), sum(mine[1].values()),
                              held))
        if not held:
            continue
        for column, counts in enumerate(mine):
            by_format[session.get_format_display()][column] += sum(counts.values())
            for level, count in counts.items():
                by_level[level][column] += count
    desk = checkin_counts(event=event)
    return AttendanceReport(
        checked_in=desk.checked_in, expected=desk.expected, sessions=rows,
        formats=[ReportRow(str(k), v[0], v[1]) for k, v in sorted(by_format.items())],
        levels=[ReportRow(f"{k} {level_label(k)}" if k else "—", v[0], v[1])
                for k, v in sorted(by_level.items(), key=lambda kv: kv[0] or 99)],
        to_come=sum(not row.held for row in rows))


def _pairs(rows: QuerySet[Any]) -> dict[int, dict[int | None, int]]:
    """session id -> attendee level -> how many, in one grouped query."""
    found: dict[int, dict[int | None, int]] = defaultdict(dict)
    for row in rows.values("session_id", "registration__level").annotate(n=Count("pk")):
        found[row["session_id"]][row["registration__level"]] = row["n"]
    return found
