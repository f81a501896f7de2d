"""Reports for sponsors and sending organizations: level movement, plans, tools adopted.

Read from the assessments (with their tool snapshots) in a fixed number of queries; the CSV
and JSON forms are the report's plain figures (``pdf.report_pdf`` draws the page).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from immerse.engine.catalogue import FREQUENCY_RANK
from immerse.events.models import Event
from immerse.learning.models import Plan
from immerse.people.models import Assessment, Registration

_TRIED = FREQUENCY_RANK["tried"]
_MONTHLY = FREQUENCY_RANK["monthly"]


@dataclass(frozen=True)
class EventReport:
    event: str
    organization: str
    attendees: int
    level_movement: dict[str, int]
    plans: int
    tools_adopted: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _before_and_after(assessments: list[Assessment], start: datetime
                      ) -> tuple[Assessment, Assessment]:
    """Baseline: the last assessment before the event starts (else the first); then latest."""
    before = [a for a in assessments if a.created_at < start]
    baseline = before[-1] if before else assessments[0]
    return baseline, assessments[-1]


def _adopted(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Tools used never/tried at baseline and at least monthly at the latest assessment."""
    adopted = []
    for key, (frequency, _confidence) in after.items():
        earlier = FREQUENCY_RANK[before[key][0]] if key in before else 0
        if earlier <= _TRIED and FREQUENCY_RANK[frequency] >= _MONTHLY:
            adopted.append(key)
    return adopted


def event_report(*, event: Event, organization: str = "") -> EventReport:
    """Figures for confirmed attendees (optionally of one sending organization)."""
    registrations = Registration.objects.filter(event=event,
                                                status=Registration.Status.CONFIRMED)
    if organization:
        registrations = registrations.filter(person__organization=organization)
    person_ids = list(registrations.values_list("person_id", flat=True))
    start = datetime.combine(event.start_date, time.min, tzinfo=ZoneInfo(event.time_zone))
    by_person: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in (Assessment.objects.filter(person_id__in=person_ids)
                       .select_related("tool_snapshot").order_by("created_at", "id")):
        by_person[assessment.person_id].append(assessment)
    movement: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    for history in by_person.values():
        baseline, latest = _before_and_after(history, start)
        movement[f"{baseline.level}->{latest.level}"] += 1
        if latest.pk != baseline.pk:
            adopted.update(_adopted(_snapshot(baseline), _snapshot(latest)))
    plans = Plan.objects.filter(event=event, person_id__in=person_ids).count()
    return EventReport(event.slug, organization, len(person_ids), dict(sorted(movement.items())),
                       plans, dict(sorted(adopted.items())))


def _snapshot(assessment: Assessment) -> dict[str, Any]:
    try:
        return dict(assessment.tool_snapshot.tools)
    except Assessment.tool_snapshot.RelatedObjectDoesNotExist:
        return {}


def report_organizations(*, event: Event) -> list[str]:
    return sorted(set(Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED).exclude(person__organization="")
        .values_list("person__organization", flat=True)))


def report_csv(report: EventReport) -> str:
    """metric,key,value rows: one file a spreadsheet opens as is."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["metric", "key", "value"])
    writer.writerow(["attendees", "", report.attendees])
    writer.writerow(["plans", "", report.plans])
    for key, value in report.level_movement.items():
        writer.writerow(["level_movement", key, value])
    for key, value in report.tools_adopted.items():
        writer.writerow(["tools_adopted", key, value])
    return out.getvalue()
