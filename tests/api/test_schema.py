"""Schema-driven API tests: schemathesis generates requests from the live OpenAPI schema.

Every operation is called with generated inputs (bounded, to stay fast): no 500, and every
response (status, content type, body) must match what the schema promises.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

from tests.factories import make_event, make_registration, make_session

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 25


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


@pytest.mark.usefixtures("keep_test_connection")
def test_api_operations_match_their_schema() -> None:
    event = make_event(slug="ws", capacity=3)
    make_session(event=event, title="Stories", levels=(1, 2))
    make_registration(event=event)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # the whole API is exercised, not an empty list
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            case.call_and_validate()

        check()
