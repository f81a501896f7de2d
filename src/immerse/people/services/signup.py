"""Sign-up: one person, their inventory and questionnaire, under the event's capacity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction

from immerse.events.models import Event
from immerse.people.models import Assessment, Person, Registration
from immerse.people.selectors import waitlist_position
from immerse.people.services.assessments import assessment_take
from immerse.people.services.registrations import registration_create


class SignupConflict(ValueError):
    """The e-mail belongs to another account: log in as that person instead."""


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


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    assessment: Assessment
    waitlist_position: int | None
    user: AbstractBaseUser | None


def signup_submit(
    *, event: Event, data: SignupData, user: AbstractBaseUser | None = None,
    password: str | None = None, on_behalf: bool = False,
) -> SignupResult:
    """Create or update the person, assess them, and register them (or put them in line).

    An anonymous sign-up with a password creates a login named after the e-mail. With
    ``on_behalf`` an organizer registers someone else: no account is linked or checked.
    """
    email = data.email.strip().lower()
    with transaction.atomic():
        person = Person.objects.filter(email__iexact=email).first()
        if on_behalf:
            user = None
        elif user is not None and user.is_authenticated:
            own = Person.objects.filter(user=user).first()
            if person is not None and own is not None and person.pk != own.pk:
                raise SignupConflict(f"{email} belongs to another participant.")
            person = person or own
        elif person is not None and person.user_id is not None:
            # The right password proves it is them: typically a retry of a sign-up whose
            # answer was lost (the database went away after the commit), so it must succeed.
            if not (password and person.user.check_password(password)):
                raise SignupConflict(f"{email} already has an account: log in to sign up.")
            user = person.user
        if person is None:
            person = Person(email=email)
        if user is None and password:
            user = _user_create(email, data.name, password)
        person.email, person.name = email, data.name
        person.organization, person.discipline = data.organization, data.discipline
        person.region, person.channels = data.region, dict(data.channels)
        if user is not None and person.user_id is None:
            person.user = user
        person.save()
        assessment = assessment_take(person=person, event=event, answers=data.answers,
                                     tool_uses=data.tool_uses, retry_safe=True)
        registration = registration_create(
            event=event, person=person, level=assessment.level, stories=data.stories,
            problems=data.problems, stories_privacy=data.stories_privacy,
            other_tools=data.other_tools, interests=list(data.interests))
    return SignupResult(registration, assessment, waitlist_position(registration), user)


def _user_create(email: str, name: str, password: str) -> AbstractBaseUser:
    first, _, last = name.partition(" ")
    try:
        with transaction.atomic():
            return get_user_model().objects.create_user(
                username=email, email=email, password=password, first_name=first[:150],
                last_name=last[:150])
    except IntegrityError as exc:
        raise SignupConflict(f"{email} already has an account: log in to sign up.") from exc
