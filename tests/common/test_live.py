"""Live regions answer 304 while their version holds, the fragment once it moves."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from immerse.common.live import etag_matches, live_fragment, rows_version
from immerse.events.models import Event
from tests.factories import make_event

RENDERS: list[int] = []


def _render() -> HttpResponse:
    RENDERS.append(1)
    return HttpResponse("<li>fragment</li>")


def test_a_held_version_is_a_bodiless_304_without_rendering() -> None:
    RENDERS.clear()
    asked = RequestFactory().get("/", headers={"If-None-Match": '"3-1.5"'})
    response = live_fragment(asked, version="3-1.5", render=_render)
    assert (response.status_code, response.content, RENDERS) == (304, b"", [])
    assert response["ETag"] == '"3-1.5"' and response["Cache-Control"] == "private, no-cache"


def test_a_moved_version_renders_and_tags_the_fragment() -> None:
    RENDERS.clear()
    asked = RequestFactory().get("/", headers={"If-None-Match": '"3-1.5"'})
    response = live_fragment(asked, version="4-1.5", render=_render)
    assert (response.status_code, response.content, response["ETag"]) == (
        200, b"<li>fragment</li>", '"4-1.5"')
    assert RENDERS == [1]


def test_weakened_and_listed_tags_match() -> None:
    asked = RequestFactory().get("/", headers={"If-None-Match": '"a", W/"b"'})
    assert etag_matches(asked, '"b"') and etag_matches(asked, '"a"')
    assert not etag_matches(asked, '"c"')
    assert not etag_matches(RequestFactory().get("/"), '"a"')


@pytest.mark.django_db
def test_rows_version_moves_on_insert_and_delete() -> None:
    make_event(slug="one")
    rows = Event.objects.filter(slug__in=["one", "two"])
    first = rows_version(rows, changed_field="pk", extra="x")
    two = make_event(slug="two")
    second = rows_version(rows, changed_field="pk", extra="x")
    two.delete()
    assert first != second and rows_version(rows, changed_field="pk", extra="x") == first
    assert first.endswith("-x") and rows_version(Event.objects.none(), changed_field="pk") == "0-0"
