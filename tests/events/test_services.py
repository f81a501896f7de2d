"""Event writes: a session gets its generated pitch, an organizer's wording sticks, roles."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from immerse.events.models import EventRole
from immerse.events.services import event_role_grant, session_create, session_pitch_set
from tests.factories import make_event


@pytest.mark.django_db
def test_a_new_session_is_pitched_at_its_levels_and_an_edit_sticks_until_reset() -> None:
    event = make_event(slug="pitched")
    session = session_create(event=event, title="Your first blog post", format_key="lab",
                             levels=(1,), topics=("blogging",), tools=(), room=None, slot=None)
    generated = session.pitch
    assert "Never used blogging? You leave with it set up" in generated
    assert not session.pitch_edited
    session_pitch_set(session=session, pitch="  Bring your laptop.  ")
    session.refresh_from_db()
    assert (session.pitch, session.pitch_edited) == ("Bring your laptop.", True)
    session_pitch_set(session=session, pitch=None)
    session.refresh_from_db()
    assert (session.pitch, session.pitch_edited) == (generated, False)


@pytest.mark.django_db
def test_granting_a_role_twice_keeps_one() -> None:
    event = make_event(slug="roles")
    user = get_user_model().objects.create_user("host", password="x")
    first = event_role_grant(event=event, user=user, role="facilitator")
    again = event_role_grant(event=event, user=user, role="facilitator")
    assert first.pk == again.pk
    assert EventRole.objects.filter(event=event, user=user).count() == 1
