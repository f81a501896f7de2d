"""Writes on whole events: a new event from a template or a copy of a past one, its
settings, and its visibility (draft, unlisted, public).

Every bad value raises Django's ValidationError keyed by the field at fault (the form shows
it beside the field; the API answers 422 naming it) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from immerse.common.languages import KNOWN
from immerse.engine.event_templates import TEMPLATE_BY_KEY, EventTemplate, slot_times
from immerse.events import roles
from immerse.events.models import Event, EventRole, Room, Session, TimeSlot, Visibility
from immerse.events.services import event_role_grant, session_create
from immerse.studio.services.audit import audit_record
from immerse.studio.services.copying import event_contents_copy, series_start

CHOOSE_ONE = gettext_lazy("Choose a template or an event to copy.")
#: The most days one event may last (a long course is a series of editions).
MAX_DAYS = 60
#: The years an event may start in (date arithmetic stays far from date.max).
FIRST_YEAR, LAST_YEAR = 2000, 2999


@dataclass(frozen=True)
class EventDetails:
    """What the organizer types for any event, new or existing."""

    title: str
    start_date: date
    end_date: date | None  # None: as long as the template or the copied event
    time_zone: str
    venue: str
    capacity: int
    visibility: str
    # The event's default language (``Event.language``); None leaves it as it is (the API
    # does not set it), "" for none.
    language: str | None = None


def _start_check(start_date: date) -> None:
    if not FIRST_YEAR <= start_date.year <= LAST_YEAR:
        raise ValidationError({"start_date": _("The first day is in a year from %(first)d to "
                                               "%(last)d.") % {"first": FIRST_YEAR,
                                                               "last": LAST_YEAR}})


def _check(details: EventDetails, *, end_date: date) -> None:
    errors: dict[str, str] = {}
    if not details.title.strip():
        errors["title"] = _("Give the event a title.")
    if end_date < details.start_date:
        errors["end_date"] = _("The event cannot end before it starts (%(start)s).") % {
            "start": details.start_date.isoformat()}
    elif (end_date - details.start_date).days >= MAX_DAYS:
        errors["end_date"] = _("An event lasts at most %(days)d days.") % {"days": MAX_DAYS}
    if not time_zone_valid(details.time_zone):
        errors["time_zone"] = _("%(zone)r is not a time zone name such as Europe/Amsterdam.") % {
            "zone": details.time_zone}
    if details.capacity < 1:
        errors["capacity"] = _("Capacity is at least 1 seat.")
    if details.language and details.language not in KNOWN:
        errors["language"] = _("The language is one of: %(choices)s.") % {
            "choices": ", ".join(KNOWN)}
    if details.visibility not in Visibility.values:
        errors["visibility"] = _("Visibility is one of: %(choices)s.") % {
            "choices": ", ".join(Visibility.values)}
    if errors:
        raise ValidationError(errors)


def time_zone_valid(name: str) -> bool:
    """An IANA time zone name (``Europe/Amsterdam``), not a file path or an abbreviation."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _slug_for(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _visibility_fields(visibility: str) -> dict[str, bool]:
    return {"published": visibility != Visibility.DRAFT,
            "listed": visibility == Visibility.PUBLIC}


@transaction.atomic
def event_create(*, by: Any, details: EventDetails, template: str | None = None,
                 copy_from: Event | None = None) -> Event:
    """A new event organized by ``by``, from a template (its rooms, slots and sessions with
    their pitches) or a copy of an event ``by`` organizes (see ``copying``); exactly one of
    the two."""
    if not roles.may_create_events(by):
        raise PermissionDenied(_("Your account may not create events."))
    if (template is None) == (copy_from is None):
        raise ValidationError({"template": str(CHOOSE_ONE)})
    plan = TEMPLATE_BY_KEY.get(template) if template is not None else None
    if template is not None and plan is None:
        known = ", ".join(TEMPLATE_BY_KEY)
        raise ValidationError({"template": _("No template is called %(key)r; choose one of "
                                             "%(known)s.") % {"key": template, "known": known}})
    if copy_from is not None and not roles.is_organizer(by, copy_from):
        raise ValidationError({"copy_from": _("You can copy only events you organize.")})
    if plan is not None:
        kind, days = plan.kind, plan.days
    else:
        assert copy_from is not None  # exactly one of the two, checked above
        kind, days = copy_from.kind, (copy_from.end_date - copy_from.start_date).days + 1
    _start_check(details.start_date)
    end_date = details.end_date or details.start_date + timedelta(days=days - 1)
    _check(details, end_date=end_date)
    event = Event.objects.create(
        kind=kind, title=details.title.strip(), slug=_slug_for(details.title),
        start_date=details.start_date, end_date=end_date, time_zone=details.time_zone,
        venue=details.venue.strip(), capacity=details.capacity,
        language=details.language or "", **_visibility_fields(details.visibility))
    event_role_grant(event=event, user=by, role=EventRole.Role.ORGANIZER)
    if plan is not None:
        _from_template(event, plan)
        if plan.series:
            series_start(event=event)
    elif copy_from is not None:  # always so without a plan (checked above)
        event_contents_copy(source=copy_from, event=event, by=by)
    if copy_from is not None:
        audit_record(event=event, actor=by, action="event.copied",
                     summary=_("Made the event as a copy of %(title)s") % {
                         "title": copy_from.title}, details={"copy_from": copy_from.slug})
    else:
        audit_record(event=event, actor=by, action="event.created",
                     summary=_("Made the event from the template %(key)s") % {
                         "key": template}, details={"template": template})
    return event


def _from_template(event: Event, plan: EventTemplate) -> None:
    zone = ZoneInfo(event.time_zone)
    rooms = [Room.objects.create(event=event, name=r.name, capacity=r.capacity, position=i)
             for i, r in enumerate(plan.rooms)]
    slots: list[TimeSlot | None] = []
    for slot in plan.slots:
        start, end = slot_times(slot, first_day=event.start_date)
        if start.date() > event.end_date:  # a shorter event than the template: days dropped
            slots.append(None)
            continue
        slots.append(TimeSlot.objects.create(
            event=event, label=slot.label, start=start.replace(tzinfo=zone),
            end=end.replace(tzinfo=zone)))
    for session in plan.sessions:
        if slots[session.slot] is None:
            continue
        session_create(event=event, title=session.title, format_key=session.format_key,
                       levels=session.levels, topics=session.topics, tools=[],
                       room=rooms[session.room], slot=slots[session.slot])


@transaction.atomic
def event_update(*, event: Event, details: EventDetails, by: Any = None) -> Event:
    """New settings for ``event``. Slots keep their wall-clock times: a new first day moves
    them by as many days, a new time zone keeps 09:30 at 09:30 there. Slots that fall past a
    shortened end stay (``sessions_outside_dates`` counts them for the page to say so)."""
    _start_check(details.start_date)
    end_date = details.end_date or event.end_date
    _check(details, end_date=end_date)
    shift = (details.start_date - event.start_date).days
    old_zone, new_zone = ZoneInfo(event.time_zone), ZoneInfo(details.time_zone)
    if shift or old_zone != new_zone:
        _slots_shift(event, days=shift, old_zone=old_zone, new_zone=new_zone)
    event.title, event.start_date, event.end_date = (details.title.strip(),
                                                     details.start_date, end_date)
    event.time_zone, event.venue, event.capacity = (details.time_zone, details.venue.strip(),
                                                    details.capacity)
    if details.language is not None:
        event.language = details.language
    for name, value in _visibility_fields(details.visibility).items():
        setattr(event, name, value)
    event.save()
    audit_record(event=event, actor=by, action="event.changed",
                 summary=_("Changed the event's settings"), details={
                     "title": event.title, "start_date": event.start_date,
                     "end_date": event.end_date, "time_zone": event.time_zone,
                     "venue": event.venue, "capacity": event.capacity,
                     "visibility": details.visibility})
    return event


def _slots_shift(event: Event, *, days: int, old_zone: ZoneInfo, new_zone: ZoneInfo) -> None:
    """Keep each slot's wall-clock time, ``days`` later, in the (new) time zone."""
    for slot in TimeSlot.objects.filter(event=event):
        slot.start = shifted(slot.start, days=days, old_zone=old_zone, new_zone=new_zone)
        slot.end = shifted(slot.end, days=days, old_zone=old_zone, new_zone=new_zone)
        slot.save(update_fields=["start", "end"])


def shifted(moment: datetime, *, days: int, old_zone: ZoneInfo, new_zone: ZoneInfo) -> datetime:
    """The same local time ``days`` later, read in ``old_zone`` and written in ``new_zone``."""
    local = moment.astimezone(old_zone).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=new_zone)


def event_visibility_set(*, event: Event, visibility: str, by: Any = None) -> Event:
    """Publish (unlisted or public) or take back to a draft."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Visibility is one of: %(choices)s.") % {
            "choices": ", ".join(Visibility.values)}})
    for name, value in _visibility_fields(visibility).items():
        setattr(event, name, value)
    event.save(update_fields=["published", "listed"])
    audit_record(event=event, actor=by,
                 action="event.unpublished" if visibility == Visibility.DRAFT else
                 "event.published",
                 summary=_("Set the visibility to %(visibility)s") % {
                     "visibility": visibility},
                 details={"visibility": visibility})
    return event


def sessions_outside_dates(*, event: Event) -> int:
    """Sessions whose slot falls outside the event's dates (after the dates changed)."""
    zone = ZoneInfo(event.time_zone)
    first = datetime.combine(event.start_date, datetime.min.time(), tzinfo=zone)
    after = datetime.combine(event.end_date + timedelta(days=1), datetime.min.time(),
                             tzinfo=zone)
    return Session.objects.filter(event=event, slot__isnull=False).exclude(
        slot__start__gte=first, slot__start__lt=after).count()


def event_hub_set(*, event: Event, by: Any = None, **values: Any) -> Event:
    """New hub channels (any of ``HUB_FIELDS``), each checked: hashtags and accounts are
    single words, links are http(s) addresses. Raises ValidationError naming the field and
    the row; nothing changes then."""
    errors: dict[str, str] = {}
    for name in ("hashtags", "organizer_handles"):
        for index, word in enumerate(values.get(name, [])):
            if not word.strip() or len(word.split()) != 1 or len(word) > 100:
                errors[name] = _("Row %(row)d: %(word)r is not one word.") % {
                    "row": index + 1, "word": word}
                break
    for name in ("video_uplinks", "blogs", "wiki_url", "content_guide"):
        if name in values:
            try:
                # Concrete fields of the model: get_field's union also covers relations.
                field = cast("models.Field[Any, Any]", Event._meta.get_field(name))
                field.clean(values[name], event)
            except ValidationError as error:
                errors[name] = " ".join(error.messages)
    unknown = set(values) - set(HUB_FIELDS)
    if unknown:
        errors[sorted(unknown)[0]] = _("Not a hub channel.")
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(event, name, [w.strip() for w in value] if name in (
            "hashtags", "organizer_handles") else value)
    event.save(update_fields=list(values))
    audit_record(event=event, actor=by, action="hub.changed",
                 summary=_("Changed the hub's channels"), details=dict(values))
    return event


HUB_FIELDS = ("hashtags", "organizer_handles", "video_uplinks", "blogs", "wiki_url",
              "content_guide")
