"""Role rules are named predicates that combine with & and |, as pretalx's do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from immerse.events import roles
from immerse.events.models import Event
from immerse.events.roles import AnyUser, Rule, rule
from immerse.people import roles as people_roles
from tests.factories import make_event, make_person, make_registration, make_role, make_user


def _yes(user: AnyUser, event: Event) -> bool:
    return True


def _no(user: AnyUser, event: Event) -> bool:
    return False


def _never(user: AnyUser, event: Event) -> bool:
    raise AssertionError("asked although the answer was known")


YES, NO, NEVER = Rule(_yes, "yes"), Rule(_no, "no"), Rule(_never, "never")


def test_rules_combine_and_ask_the_right_side_only_when_needed() -> None:
    anonymous, event = AnonymousUser(), Event(published=False)
    assert (YES | NEVER)(anonymous, event) is True
    assert (NO & NEVER)(anonymous, event) is False
    assert (NO | YES)(anonymous, event) is True
    assert (YES & NO)(anonymous, event) is False
    assert repr(YES | NO & YES) == "<Rule (yes | (no & yes))>"


def test_rule_is_named_after_its_function() -> None:
    assert rule(_yes).name == "_yes"
    assert roles.may_organize.name == "(is_staff | has_organizer_role)"
    assert people_roles.may_take_part.name == (
        "(((is_staff | has_organizer_role) | has_facilitator_role) | has_active_registration)")


@pytest.mark.django_db
def test_each_role_answers_as_its_rule_says() -> None:
    event = make_event(published=False)
    organizer, facilitator, attendee, stranger = (make_user() for _ in range(4))
    make_role(event=event, user=organizer)
    make_role(event=event, user=facilitator, role="facilitator")
    make_registration(event=event, person=make_person(user=attendee))
    staff = make_user(staff=True)
    answers = {name: (roles.is_organizer(user, event), roles.is_facilitator(user, event),
                      roles.can_view_event(user, event),
                      people_roles.is_participant(user, event))
               for name, user in (("staff", staff), ("organizer", organizer),
                                  ("facilitator", facilitator), ("attendee", attendee),
                                  ("stranger", stranger), ("anonymous", AnonymousUser()))}
    assert answers == {
        "staff": (True, True, True, True),
        "organizer": (True, True, True, True),
        "facilitator": (False, True, True, True),
        "attendee": (False, False, False, True),
        "stranger": (False, False, False, False),
        "anonymous": (False, False, False, False),
    }


@pytest.mark.django_db
def test_a_published_event_is_visible_without_a_query() -> None:
    event = make_event(published=True)
    with CaptureQueriesContext(connection) as queries:
        assert roles.can_view_event(AnonymousUser(), event) is True
    assert len(queries) == 0
