"""Import a sign-up sheet into an event: all rows or nothing, re-imports update by e-mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from immerse.common.models import TaskRun
from immerse.common.runs import Refused, task_run_execute, task_run_start
from immerse.engine import levels
from immerse.engine.formats.signup_sheet import (
    SheetAttendee,
    SheetError,
    SignupSheet,
    read_signup_sheet,
)
from immerse.events.models import Event
from immerse.people.models import Assessment, Person, Registration, SheetUpload, ToolUse
from immerse.people.roles import profiles_correctable
from immerse.people.services.assessments import (
    assessment_compute,
    assessment_row,
    assessment_take_bulk,
)
from immerse.people.services.registrations import seats_lock
from immerse.people.services.tools import tools_by_key

Status = Registration.Status


class ImportRefused(ValueError):
    """The sheet has problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class ImportReport:
    rows: int = 0
    people_created: int = 0
    people_updated: int = 0
    registrations_created: int = 0
    registrations_updated: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    levels: dict[int, int] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        return [
            f"{self.rows} rows read",
            f"{self.people_created} people {verb} created, {self.people_updated} updated",
            f"{self.registrations_created} registrations {verb} created "
            f"({self.confirmed} confirmed, {self.waitlisted} waitlisted), "
            f"{self.registrations_updated} updated",
            "levels: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.levels.items())),
        ] + ([f"ignored columns: {', '.join(self.ignored_columns)}"]
             if self.ignored_columns else [])


def attendees_import(*, event: Event, sheet: SignupSheet, dry_run: bool = False) -> ImportReport:
    """Write every attendee of a valid sheet, or refuse the whole sheet."""
    if sheet.problems:
        raise ImportRefused([str(problem) for problem in sheet.problems])
    report = ImportReport(rows=len(sheet.attendees), ignored_columns=sheet.ignored_columns,
                          dry_run=dry_run)
    results = {
        a.email: assessment_compute(answers=a.answers, tool_uses=a.tool_uses,
                                    placed_level=a.level)
        for a in sheet.attendees
    }
    for result in results.values():
        report.levels[result.level] = report.levels.get(result.level, 0) + 1
    with transaction.atomic():
        # First: the seat count (holds of unconfirmed sign-ups included) must not move until
        # the rows are in.
        seats = seats_lock(event=event)
        people = _people_upsert(event, sheet.attendees, report, write=not dry_run)
        _registrations_upsert(event, sheet.attendees, people, results, report,
                              seats_left=seats.free_for_newcomers(event.capacity),
                              write=not dry_run)
        if not dry_run:
            _tool_uses_replace(sheet.attendees, people)
            _assessments_add(event, sheet.attendees, people, results)
    return report


def _people_upsert(event: Event, attendees: tuple[SheetAttendee, ...], report: ImportReport,
                   *, write: bool) -> dict[str, Person]:
    existing = {p.email: p for p in Person.objects.filter(email__in=[a.email for a in attendees])}
    report.people_updated = len(existing)
    report.people_created = len(attendees) - len(existing)
    if not write:
        return existing
    fresh: list[Person] = []
    changed: list[Person] = []
    # A sheet vouches for registrations, not for who people are: someone with an account or
    # another event keeps their profile (people.roles.profiles_correctable).
    correctable = profiles_correctable(event=event, person_ids=[p.pk for p in existing.values()])
    for a in attendees:
        person = existing.get(a.email) or Person(email=a.email)
        if person.pk is not None and person.pk not in correctable:
            continue
        person.name, person.discipline = a.name, a.discipline
        if a.organization:
            person.organization = a.organization
        if a.region:
            person.region = a.region
        if a.channels:
            person.channels = {**person.channels, **a.channels}
        (changed if person.pk else fresh).append(person)
    Person.objects.bulk_create(fresh)
    Person.objects.bulk_update(changed, ["name", "discipline", "organization", "region",
                                         "channels"])
    return {p.email: p for p in Person.objects.filter(email__in=[a.email for a in attendees])}


def _registrations_upsert(event: Event, attendees: tuple[SheetAttendee, ...],
                          people: dict[str, Person], results: dict[str, levels.Assessment],
                          report: ImportReport, *, seats_left: int, write: bool) -> None:
    current = {
        r.person.email: r
        for r in Registration.objects.filter(event=event, person__email__in=list(people))
        .select_related("person")
    }
    fresh: list[Registration] = []
    changed: list[Registration] = []
    for a in attendees:
        reg = current.get(a.email)
        level = results[a.email].level
        if reg is not None and reg.status != Status.CANCELLED:
            report.registrations_updated += 1
            reg.level, reg.stories, reg.problems = level, a.stories, a.problems
            reg.other_tools = a.other_tools
            changed.append(reg)
            continue
        status = Status.CONFIRMED if seats_left > 0 else Status.WAITLISTED
        seats_left -= status == Status.CONFIRMED
        report.registrations_created += 1
        report.confirmed += status == Status.CONFIRMED
        report.waitlisted += status == Status.WAITLISTED
        if reg is None:
            reg = Registration(event=event, person=people.get(a.email))
        reg.status, reg.level, reg.source = status, level, "import"
        reg.stories, reg.problems, reg.other_tools = a.stories, a.problems, a.other_tools
        (changed if reg.pk else fresh).append(reg)
    if write:
        Registration.objects.bulk_create(fresh)
        Registration.objects.bulk_update(
            changed, ["status", "level", "stories", "problems", "other_tools", "source"])


def _tool_uses_replace(attendees: tuple[SheetAttendee, ...], people: dict[str, Person]) -> None:
    listed = [a for a in attendees if a.tool_uses]
    keys = {key for a in listed for key in a.tool_uses}
    tools = tools_by_key(keys)
    ToolUse.objects.filter(person__in=[people[a.email] for a in listed],
                           tool__key__in=keys).delete()
    ToolUse.objects.bulk_create([
        ToolUse(person=people[a.email], tool=tools[key], frequency=freq, confidence=conf)
        for a in listed for key, (freq, conf) in a.tool_uses.items()
    ])


def _assessments_add(event: Event, attendees: tuple[SheetAttendee, ...],
                     people: dict[str, Person], results: dict[str, levels.Assessment]) -> None:
    """History grows only when something changed: a re-import of the same sheet adds none.

    Runs after the tool uses are replaced, so each new assessment's snapshot holds the
    inventory the sheet gave."""
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
            person__in=list(people.values())).order_by("-created_at", "-id"):
        latest.setdefault(assessment.person_id, assessment)
    rows = []
    for a in attendees:
        person, result = people[a.email], results[a.email]
        previous = latest.get(person.pk)
        placed = a.level is not None
        if previous and previous.level == result.level and previous.answers == a.answers \
                and previous.placed_by_organizer == placed:
            continue
        rows.append(assessment_row(person=person, event=event, answers=a.answers,
                                   result=result, placed_by_organizer=placed))
    assessment_take_bulk(rows=rows)


# ---- the confirmed import, in the background --------------------------------------------

def sheet_upload_replace(*, event: Event, user: User, filename: str, data: bytes
                         ) -> SheetUpload:
    """Keep a previewed sheet for the organizer's confirmation, in place of any sheet they
    left waiting for this event (one pending sheet per organizer and event)."""
    with transaction.atomic():
        SheetUpload.objects.filter(event=event, uploaded_by=user).delete()
        return SheetUpload.objects.create(event=event, uploaded_by=user,
                                          filename=filename[:200], data=data)


IMPORT_TASK = "attendees_import"


def attendees_import_start(*, upload: SheetUpload, user: Any, return_url: str = "") -> TaskRun:
    """Queue the import of a previewed sheet; the organizer follows the run's page."""
    return task_run_start(task_name=IMPORT_TASK, target=upload.event, user=user,
                          arguments={"upload_id": upload.pk, "filename": upload.filename},
                          return_url=return_url)


def attendees_import_run(run_id: int) -> TaskRun | None:
    return task_run_execute(run_id, _import_upload)


def _import_upload(run: TaskRun, report: Any) -> dict[str, Any]:
    upload = SheetUpload.objects.filter(pk=run.arguments["upload_id"]).first()
    if upload is None:  # imported by an earlier attempt, or replaced by a newer upload
        raise Refused(f"{run.arguments['filename']} is no longer waiting to be imported; "
                      "upload it again.")
    report(0.1, f"Reading {upload.filename}")
    try:
        sheet = read_signup_sheet(bytes(upload.data), source=upload.filename)
        report(0.3, f"Importing {len(sheet.attendees)} rows")
        with transaction.atomic():
            imported = attendees_import(event=upload.event, sheet=sheet)
            report.ensure_mine()
            upload.delete()  # in the same transaction: a retry finds nothing left to import
    except SheetError as exc:
        raise Refused(str(exc)) from exc
    except ImportRefused as exc:  # the event changed since the preview
        raise Refused(str(exc), exc.problems) from exc
    return {"summary": f"Imported {upload.filename}.", "lines": imported.lines()}
