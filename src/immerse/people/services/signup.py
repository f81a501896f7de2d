"""Sign-up: one person, their inventory and questionnaire, under the event's capacity.

Only callers that vouch for the address write a sign-up at once (``signup_submit``): an
organizer registering someone, or the logged-in owner of a verified address. Everyone else
goes through ``people.services.identity.signup_request``, which keeps the form until the
address's owner confirms it, and then comes back here (``signup_apply``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.events.models import Event
from immerse.people.models import Assessment, Person, Registration
from immerse.people.roles import profiles_correctable
from immerse.people.selectors import waitlist_position
from immerse.people.services.assessments import assessment_take
from immerse.people.services.questions import answers_store
from immerse.people.services.registrations import registration_create, seats_free


def one_line(text: str) -> str:
    """Names stay on one line: a line break typed or pasted into one never reaches a mail
    header, a CSV cell or a badge."""
    return " ".join(text.split())


@dataclass(frozen=True)
class SignupData:
    name: str
    email: str
    organization: str = ""
    discipline: str = "other"
    region: str = ""
    channels: Mapping[str, str] = field(default_factory=dict)
    tool_uses: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    answers: Mapping[str, str] = field(default_factory=dict)
    other_tools: str = ""
    stories: str = ""
    problems: str = ""
    stories_privacy: str = "participants"
    interests: tuple[str, ...] = ()
    #: Answers to the organizers' extra questions: {question id: text or [choices]}.
    extra: Mapping[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """As JSON, to keep while the address is being confirmed."""
        data = asdict(self)
        data["tool_uses"] = {key: list(use) for key, use in self.tool_uses.items()}
        data["interests"] = list(self.interests)
        data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> SignupData:
        data = dict(payload)
        data["tool_uses"] = {key: (use[0], int(use[1]))
                             for key, use in data.get("tool_uses", {}).items()}
        data["interests"] = tuple(data.get("interests", ()))
        return cls(**data)


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    assessment: Assessment
    waitlist_position: int | None
    user: User | None = None


def signup_refusal(*, event: Event, now: datetime | None = None) -> str | None:
    """Why people cannot sign themselves up now (the event's sign-up settings), or None.

    Organizers registering someone are not bound by it: they vouch, and decide."""
    now = now or timezone.now()
    zone = ZoneInfo(event.time_zone)
    if event.signup_opens_at and now < event.signup_opens_at:
        return _("Sign-up opens on %(when)s.") % {
            "when": event.signup_opens_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")}
    if event.signup_closes_at and now >= event.signup_closes_at:
        return _("Sign-up closed on %(when)s.") % {
            "when": event.signup_closes_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")}
    if not event.waiting_list and seats_free(event=event, now=now) <= 0:
        return _("The event is full, and it has no waiting list.")
    return None


def signup_submit(*, event: Event, data: SignupData, person: Person | None = None,
                  source: str = "web") -> SignupResult:
    """Register ``data`` now, for a caller that vouches for the address: an organizer
    (``person`` None: found by e-mail or created), or ``person``, the logged-in owner of
    the verified address ``data.email``.

    An organizer vouches for a registration, not for who someone is: a person who exists
    already keeps their site-wide profile (name, organization, discipline, region,
    channels) unless it is still the organizers' to correct (``roles.profiles_correctable``:
    no account, no other event). The event's answers are recorded."""
    email = data.email.strip().lower()
    # No savepoint: inside a caller's transaction a failure fails the caller anyway.
    with transaction.atomic(savepoint=False):
        profile = person is not None
        if person is None:
            person = Person.objects.filter(email=email).first() or Person(email=email)
            profile = person.pk is None or person.pk in profiles_correctable(
                event=event, person_ids=[person.pk])
        result = signup_apply(event=event, person=person, data=data, source=source,
                              profile=profile)
    return result


def signup_apply(*, event: Event, person: Person, data: SignupData, source: str,
                 held_seat: bool = False, profile: bool = True) -> SignupResult:
    """Write the form onto ``person`` (saved here; its profile only with ``profile``, which
    a new person always gets), assess, and register: the one write path of every sign-up,
    direct or confirmed. Call inside a transaction."""
    new = person.pk is None
    if new or profile:
        person.name = one_line(data.name)[:200]
        person.organization, person.discipline = data.organization, data.discipline
        person.region, person.channels = data.region, dict(data.channels)
        person.save()
    assessment = assessment_take(person=person, event=event, answers=data.answers,
                                 tool_uses=data.tool_uses, retry_safe=True, new_person=new)
    registration = registration_create(
        event=event, person=person, source=source, assessment=assessment, new_person=new,
        held_seat=held_seat,
        level=assessment.level, stories=data.stories, problems=data.problems,
        stories_privacy=data.stories_privacy, other_tools=data.other_tools,
        interests=list(data.interests))
    if data.extra:
        answers_store(registration=registration, answers=data.extra)
    position = waitlist_position(registration) \
        if registration.status == Registration.Status.WAITLISTED else None
    return SignupResult(registration, assessment, position)
