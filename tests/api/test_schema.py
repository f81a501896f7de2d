"""Schema-driven API tests: schemathesis generates requests from the live OpenAPI schema.

Every operation, as every role (anonymous, attendee, facilitator, organizer, staff), with
schema-valid and schema-invalid inputs, then stateful sequences that feed one response into
the next request (a sign-up's id into its cancellation, a run's id into its status): no 500,
and every answer (status, content type, body) as the schema promises, valid input accepted
and invalid input refused. The operations come from the schema itself, so an operation added
tomorrow is covered by the same run.

Bounded here (``IMMERSE_FUZZ_EXAMPLES``, default 4 per operation and mode;
``IMMERSE_FUZZ_SEQUENCES``, default 8); ``bench/api_fuzz.py`` runs the same tests longer and
prints the figures.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from immerse.people.tokens import token_create
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "attendee", "facilitator", "organizer", "staff")
EXAMPLES = int(os.environ.get("IMMERSE_FUZZ_EXAMPLES", "4"))
SEQUENCES = int(os.environ.get("IMMERSE_FUZZ_SEQUENCES", "8"))
SLUG = "ws"
#: Operations whose schema-valid input may still break a rule across fields (an event's end
#: before its start, a template or a copy but not both): they answer 422 naming the field,
#: so "schema-valid data is accepted" cannot hold for them. Every other check still runs.
CROSS_FIELD_RULES = {"POST /api/v1/events", "PATCH /api/v1/events/{slug}",
                     # A check-in: a code or a registration_id, not both; a tap time
                     # within the event's window (422 naming the field).
                     "POST /api/v1/events/{slug}/checkins",
                     # The set-up writes: a slot's end after its start, a room's name unique
                     # in its event, a session's levels within its format's (422 naming it).
                     *(f"{method} /api/v1/events/{{slug}}/{path}"
                       for method, path in (("POST", "rooms"), ("PATCH", "rooms/{room_id}"),
                                            ("POST", "slots"), ("PATCH", "slots/{slot_id}"),
                                            ("POST", "sessions"),
                                            ("PATCH", "sessions/{session_id}"),
                                            # The room: anonymous only where the event
                                            # allows it, a poll's choices fit its kind, an
                                            # answer one of the poll's choices.
                                            ("POST", "sessions/{session_id}/questions"),
                                            ("POST", "sessions/{session_id}/polls"),
                                            ("POST", "polls/{poll_id}/votes")))}


@pytest.fixture
def keep_test_connection():
    """The raw WSGI app closes DB connections after each request; the test transaction
    must survive, so do what Django's test client does and switch that off."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@dataclass
class Tally:
    """What a run did, for the figures ``bench/api_fuzz.py`` prints."""

    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def report(self, label: str) -> str:
        return (f"schemathesis {label}: {sum(self.statuses.values())} requests, "
                f"statuses {dict(sorted(self.statuses.items()))}, "
                f"{len(self.failures)} failure(s)")


def _token(role: str) -> str | None:
    """A world with one event seen from every side; a bearer token that acts as ``role``."""
    event = make_event(slug=SLUG, capacity=3)
    make_session(event=event, title="Stories", levels=(1, 2))
    make_session(event=event, title="Tables", fmt="table", levels=(2, 3), start_hour=11)
    users = {name: make_user(name, staff=name == "staff") for name in ROLES[1:]}
    make_registration(event=event, person=make_person(user=users["attendee"]), level=2)
    make_person(user=users["facilitator"], is_expert=True)
    make_role(event=event, user=users["facilitator"], role="facilitator")
    make_role(event=event, user=users["organizer"])
    return None if role == "anonymous" else token_create(user=users[role], name="fuzz")[1]


def _schema(token: str | None):
    """The live schema; with a token, schemathesis knows it as the credential, so its
    auth checks remove or spoil it (and expect 401) instead of reading it as ignored."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    if token is not None:
        @schema.auth()
        class BearerToken:
            def get(self, case, context) -> str:
                return token

            def set(self, case, data: str, context) -> None:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


def _cases(operation, mode: GenerationMode):
    """Valid inputs aimed at the real event as well as anywhere; invalid ones anywhere."""
    if mode is GenerationMode.NEGATIVE:
        return operation.as_strategy(generation_mode=mode)
    anywhere = operation.as_strategy(generation_mode=mode)
    if "{slug}" not in operation.path:
        return anywhere
    return st.one_of(anywhere, operation.as_strategy(generation_mode=mode,
                                                     path_parameters={"slug": SLUG}))


def _run(operation, mode: GenerationMode, tally: Tally) -> None:
    @given(case=_cases(operation, mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        cache.clear()  # the rate limits would answer 429 to a long run
        response = case.call()
        tally.statuses[response.status_code] += 1
        excluded = [positive_data_acceptance] if operation.label in CROSS_FIELD_RULES else []
        case.validate_response(response, excluded_checks=excluded)

    try:
        check()
    except Unsatisfiable:
        pass  # nothing in this operation can be made invalid (no parameters, no body)
    except (AssertionError, BaseExceptionGroup) as failure:
        tally.failures.append(f"{mode.value} {operation.label}:\n{str(failure)[:3000]}")


@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_its_schema_as(role: str) -> None:
    schema, tally = _schema(_token(role)), Tally()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 24  # the whole API is exercised, not an empty list
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, tally)
    print(tally.report(f"{role}, {len(operations)} operations"))
    assert tally.failures == [], "\n\n".join(tally.failures)


@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("role", ROLES)
def test_sequences_of_calls_keep_the_schema_as(role: str) -> None:
    schema, tally = _schema(_token(role)), Tally()

    class Sequences(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case) -> None:
            cache.clear()  # the rate limits would answer 429 to a long run

        def after_call(self, response, case) -> None:
            tally.statuses[response.status_code] += 1

    Sequences.run(settings=settings(
        max_examples=SEQUENCES, stateful_step_count=6, deadline=None, database=None,
        derandomize=True, suppress_health_check=list(HealthCheck)))
    print(tally.report(f"stateful, {role}"))
    assert sum(tally.statuses.values()) >= SEQUENCES
