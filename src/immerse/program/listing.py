"""The program listing as the hub and the program page show it: one day at a time (tabs), a
level filter ("my level" for an attendee) and "my sessions", read from GET parameters so a
view is a plain link that the server renders (no script needed).

    ?day=2027-03-16 | all | tba     which day (tba: the sessions without a time yet)
    ?level=1..4 | all               sessions for that level and those open to every level
    ?mine=1                         only the sessions on the visitor's own agenda
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from immerse.common.ids import number_parse
from immerse.common.labels import level_label
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.events.selectors import ProgramFilter, program_html, program_index
from immerse.people.models import Registration
from immerse.program.selectors import agenda_session_ids

ALL, UNSCHEDULED = "all", "tba"


@dataclass(frozen=True)
class DayTab:
    label: str  # short, for a phone: "Tue 16 Mar"
    title: str  # in words: "Tuesday 16 March"
    href: str
    current: bool


@dataclass(frozen=True)
class LevelChoice:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class ProgramListing:
    """Everything a page needs to show the filtered program and the controls that filter it."""

    html: SafeString
    tabs: list[DayTab]
    day_value: str  # the day shown, as its parameter (kept by the filter form)
    levels: list[LevelChoice]
    mine: bool
    can_mine: bool  # the visitor has an agenda here
    summary: str  # what is shown, in words


def program_listing(request: HttpRequest, event: Event, *, show_pitch: bool,
                    registration: Registration | None, anchor: str = "program",
                    show_recording: bool = False) -> ProgramListing:
    """The part of ``event``'s program the request asks for, with its tabs and filters.

    ``registration``: the visitor's own (``people.selectors.registration_active``), whose
    level is the default filter and whose agenda is "my sessions". ``show_recording``:
    mark the sessions not to be recorded (for the event's organizers).
    """
    index = program_index(event=event)
    params = request.GET
    mine = registration is not None and params.get("mine") == "1"
    day_value = _day_value(params.get("day"), index.days, event)
    level = _level(params.get("level"), registration, mine=mine)
    shown = ProgramFilter(
        all_days=day_value == ALL,
        day=None if day_value in (ALL, UNSCHEDULED) else date.fromisoformat(day_value),
        level=level,
        session_ids=agenda_session_ids(registration=registration)
        if mine and registration is not None else None)
    keep = {"level": params.get("level"), "mine": "1" if mine else None}
    tabs = [DayTab(label=_short(day), title=_long(day), current=value == day_value,
                   href=_query({"day": value, **keep}, anchor))
            for day, value in _tab_days(index.days)]
    return ProgramListing(
        html=program_html(event=event, show_pitch=show_pitch, shown=shown, index=index,
                          show_recording=show_recording),
        tabs=tabs if len(index.days) > 1 else [], day_value=day_value,
        levels=_level_choices(level, registration), mine=mine,
        can_mine=registration is not None, summary=_summary(shown, registration))


def _tab_days(days: tuple[date | None, ...]) -> list[tuple[date | str | None, str]]:
    tabs: list[tuple[date | str | None, str]] = [
        (day, UNSCHEDULED if day is None else day.isoformat()) for day in days]
    return [*tabs, (ALL, ALL)]


def _day_value(asked: str | None, days: tuple[date | None, ...], event: Event) -> str:
    """The asked day when the program has it; else the default: during the event, today
    (or the next day with sessions), otherwise its first day."""
    known = {UNSCHEDULED if day is None else day.isoformat() for day in days} | {ALL}
    if asked in known:
        return asked
    dated = [day for day in days if day is not None]
    if not dated:
        return UNSCHEDULED if days else ALL
    today = timezone.now().astimezone(ZoneInfo(event.time_zone)).date()
    if dated[0] <= today <= dated[-1]:
        return next(day for day in dated if day >= today).isoformat()
    return dated[0].isoformat()


def _level(asked: str | None, registration: Registration | None, *, mine: bool) -> int | None:
    """The asked level; else, for an attendee, their own (not when showing their agenda,
    which is already theirs)."""
    if asked == ALL:
        return None
    number = number_parse(asked, lowest=min(LEVEL_LABELS), highest=max(LEVEL_LABELS))
    if number in LEVEL_LABELS:
        return number
    if registration is not None and not mine:
        return registration.level
    return None


def _level_choices(level: int | None, registration: Registration | None) -> list[LevelChoice]:
    own = registration.level if registration is not None else None
    choices = [LevelChoice(ALL, _("All levels"), level is None)]
    for value in LEVEL_LABELS:
        label = f"{value} {level_label(value)}"
        text = _("%(level)s (your level)") % {"level": label} if value == own else label
        choices.append(LevelChoice(str(value), text, value == level))
    return choices


def _summary(shown: ProgramFilter, registration: Registration | None) -> str:
    if shown.session_ids is not None:
        return _("Only the sessions on your agenda.")
    if shown.level is None:
        return _("Sessions for every level.")
    label = f"{shown.level} {level_label(shown.level)}"
    if registration is not None and shown.level == registration.level:
        return _("Sessions for your level, %(level)s, and for everyone.") % {"level": label}
    return _("Sessions for %(level)s and for everyone.") % {"level": label}


def _short(day: date | str | None) -> str:
    if isinstance(day, str):  # ALL, the one word among the days
        return _("All days")
    return _("No time yet") if day is None else date_format(day, "D j M")


def _long(day: date | str | None) -> str:
    if isinstance(day, str):  # ALL
        return _("The whole program")
    return _("Sessions without a time yet") if day is None else date_format(day, "l j F")


def _query(values: dict[str, str | None], anchor: str) -> str:
    return f"?{urlencode({key: value for key, value in values.items() if value})}#{anchor}"
