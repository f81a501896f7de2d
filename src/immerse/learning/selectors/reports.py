"""Reports for sponsors and sending organizations: level movement, plans, tools adopted.

Read from the assessments (with their tool snapshots) in a fixed number of queries; the CSV
and JSON forms are the report's plain figures (``pdf.report_pdf`` draws the page).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.engine.catalogue import FREQUENCY_RANK, LEVEL_LABELS, TOOL_BY_KEY
from immerse.events.models import Event
from immerse.learning.models import Plan, PlanCheckin
from immerse.people.models import Assessment, Registration

_TRIED = FREQUENCY_RANK["tried"]
_MONTHLY = FREQUENCY_RANK["monthly"]


@dataclass(frozen=True)
class EventReport:
    """The learning of an event's confirmed attendees (see docs/formats.md)."""

    event: str
    organization: str
    attendees: int
    level_movement: dict[str, int]  # "BEFORE->AFTER" for the re-assessed only
    plans: int
    tools_adopted: dict[str, int]
    reassessed: int = 0  # attendees with an assessment taken since the first day
    levels_at_signup: dict[str, int] = field(default_factory=dict)  # as the inventory counts
    levels_now: dict[str, int] = field(default_factory=dict)  # the latest assessment
    plans_followed_up: int = 0  # plans with at least one check-in
    plan_checkins: dict[str, int] = field(default_factory=dict)  # latest status per step

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _levels(values: list[int | None]) -> dict[str, int]:
    """Level → people, every rung present (so two of them compare), plus "unknown"."""
    counted = Counter(values)
    levels = {str(level): counted[level] for level in (1, 2, 3, 4)}
    if counted[None]:
        levels["unknown"] = counted[None]
    return levels


def _adopted(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Tools used never/tried at baseline and at least monthly at the latest assessment."""
    adopted = []
    for key, (frequency, _confidence) in after.items():
        earlier = FREQUENCY_RANK[before[key][0]] if key in before else 0
        if earlier <= _TRIED and FREQUENCY_RANK[frequency] >= _MONTHLY:
            adopted.append(key)
    return adopted


def event_report(*, event: Event, organization: str = "") -> EventReport:
    """Figures for confirmed attendees (optionally of one sending organization).

    BEFORE is the level an attendee came in with (the registration's, which a retake
    before the event updates), else their last assessment before the first day; AFTER is
    their latest assessment taken since the first day (in the event's time zone). Only
    people with an AFTER count in the movement and the tools adopted (the tools compare
    AFTER's snapshot with the last one before the first day, else the first one).
    """
    registrations = Registration.objects.filter(event=event,
                                                status=Registration.Status.CONFIRMED)
    if organization:
        registrations = registrations.filter(person__organization=organization)
    signed_up = dict(registrations.values_list("person_id", "level"))
    start = datetime.combine(event.start_date, time.min, tzinfo=ZoneInfo(event.time_zone))
    by_person: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in (Assessment.objects.filter(person_id__in=list(signed_up))
                       .select_related("tool_snapshot").order_by("created_at", "id")):
        by_person[assessment.person_id].append(assessment)
    movement: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    now: list[int | None] = []
    reassessed = 0
    for person_id, level in signed_up.items():
        history = by_person.get(person_id, [])
        before = [a for a in history if a.created_at < start]
        after = [a for a in history if a.created_at >= start]
        now.append(history[-1].level if history else level)
        if not after:
            continue
        reassessed += 1
        baseline = level if level is not None else (before[-1].level if before else None)
        if baseline is not None:
            movement[f"{baseline}->{after[-1].level}"] += 1
        # The tools came in with the last take before the first day, else the first take
        # (an import at the door); one take alone shows no change.
        earlier = before[-1] if before else history[0]
        if earlier.pk != after[-1].pk:
            adopted.update(_adopted(_snapshot(earlier), _snapshot(after[-1])))
    plans = Plan.objects.filter(event=event, person_id__in=list(signed_up))
    checkins = _latest_checkins(plans)
    return EventReport(
        event.slug, organization, len(signed_up), dict(sorted(movement.items())),
        plans.count(), dict(sorted(adopted.items())),
        reassessed=reassessed,
        levels_at_signup=_levels(list(signed_up.values())), levels_now=_levels(now),
        plans_followed_up=len({plan_id for plan_id, _ in checkins}),
        plan_checkins=dict(sorted(Counter(checkins.values()).items())))


def _latest_checkins(plans: Any) -> dict[tuple[int, int], str]:
    """(plan, step) → the status of its latest check-in."""
    latest: dict[tuple[int, int], str] = {}
    for plan_id, step, status in (PlanCheckin.objects.filter(plan__in=plans)
                                  .order_by("created_at", "id")
                                  .values_list("plan_id", "step", "status")):
        latest[(plan_id, step)] = status
    return latest


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
    writer.writerow(["reassessed", "", report.reassessed])
    for key, value in report.levels_at_signup.items():
        writer.writerow(["levels_at_signup", key, value])
    for key, value in report.levels_now.items():
        writer.writerow(["levels_now", key, value])
    writer.writerow(["plans_followed_up", "", report.plans_followed_up])
    for key, value in report.plan_checkins.items():
        writer.writerow(["plan_checkins", key, value])
    return out.getvalue()


@dataclass(frozen=True)
class ReportView:
    """A report in words and rows, the same on the page and in the PDF."""

    report: EventReport
    begun: bool
    movement: list[tuple[str, int]]  # "1 Eye-opener → 2 Baby steps", people
    levels: list[tuple[str, int, int]]  # level, at sign-up, now
    tools: list[tuple[str, int]]
    checkins: list[tuple[str, int]]
    tools_note: str  # why the tools table is empty, when it is

    @property
    def moved_up(self) -> int:
        return sum(n for key, n in self.report.level_movement.items()
                   if int(key.split("->")[1]) > int(key.split("->")[0]))


def _rung(level: str) -> str:
    return f"{level} {LEVEL_LABELS[int(level)]}" if level.isdigit() else "not assessed"


def report_view(report: EventReport, *, event: Event, today: date) -> ReportView:
    begun = event.start_date <= today
    movement = []
    for key, n in report.level_movement.items():
        before, after = key.split("->")
        movement.append((f"{_rung(before)} → {_rung(after)}", n))
    levels = [(_rung(key), report.levels_at_signup.get(key, 0), report.levels_now.get(key, 0))
              for key in report.levels_at_signup]
    tools = [(TOOL_BY_KEY[k].label if k in TOOL_BY_KEY else k.replace("-", " ").capitalize(),
              v) for k, v in report.tools_adopted.items()]
    statuses = dict(PlanCheckin.Status.choices)
    checkins = [(str(statuses.get(key, key)), n) for key, n in report.plan_checkins.items()]
    if tools:
        note = ""
    elif not begun:
        note = _("The event has not begun: tools taken up show here once people retake the "
                 "questionnaire after it.")
    elif not report.reassessed:
        note = _("Nobody has retaken the questionnaire since the event began, so no new tool "
                 "can be seen yet.")
    else:
        note = ngettext(
            "%(reassessed)s of %(attendees)s retook the questionnaire; none of them uses a tool "
            "monthly or more that they had never used or only tried before.",
            "%(reassessed)s of %(attendees)s retook the questionnaire; none of them uses a tool "
            "monthly or more that they had never used or only tried before.",
            report.attendees) % {"reassessed": report.reassessed, "attendees": report.attendees}
    return ReportView(report, begun, movement, levels, tools, checkins, note)
