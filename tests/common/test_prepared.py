"""A prepared values query answers as the ORM would, for any values, compiled once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from immerse.common.prepared import PreparedValues
from immerse.events.models import Session
from tests.factories import make_event, make_session

pytestmark = pytest.mark.django_db


def _timetable(event_id: int, slug: str) -> QuerySet[Session]:
    return (Session.objects.filter(event_id=event_id, event__slug=slug)
            .order_by("slot__start").values_list("title", "slot__start", "target_levels"))


def test_rows_are_the_orms_for_each_event() -> None:
    first, second = make_event(slug="first"), make_event(slug="second")
    make_session(event=first, title="Opening", start_hour=9, levels=(1, 2))
    make_session(event=first, title="Clinic", start_hour=11, levels=(3,))
    make_session(event=second, title="Lab", start_hour=10)
    prepared = PreparedValues(_timetable)

    for event in (first, second):
        with CaptureQueriesContext(connection) as captured:
            rows = prepared.rows(event_id=event.pk, slug=event.slug)
        assert rows == list(_timetable(event.pk, event.slug))  # aware datetimes, lists
        assert len(captured) == 1
    assert [title for title, _, _ in prepared.rows(event_id=first.pk, slug="second")] == []


def test_a_value_that_is_not_a_plain_parameter_is_refused() -> None:
    def starting(prefix: str) -> QuerySet[Session]:
        # The parameter is the escaped prefix with a wildcard, not the value as given.
        return Session.objects.filter(title__startswith=prefix).values_list("title")

    with pytest.raises(ValueError, match=r"\['prefix'\] not plain parameters"):
        PreparedValues(starting).rows(prefix="Op")
