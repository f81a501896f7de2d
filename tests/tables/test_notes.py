"""Table notes: tablemates write together, saves merge onto what others saved, history kept."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.tables.models import TableNotes, TableNotesRevision, TableSeat
from immerse.tables.notes import notes_save
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _table():
    event = make_event(slug="tn")
    session = make_session(event=event, title="Cases", fmt="table")
    people = []
    for name, table in (("Ana", 1), ("Ben", 1), ("Cleo", 2)):
        user = make_user(name.lower())
        registration = make_registration(event=event, person=make_person(user=user, name=name))
        TableSeat.objects.create(session=session, registration=registration, table=table)
        client = Client()
        client.force_login(user)
        people.append((registration.person, client))
    return session, people


def _url(session, table=1, tail=""):
    return f"/events/tn/tables/{session.pk}/{table}/notes/{tail}"


def test_two_tablemates_editing_different_lines_from_one_revision_keep_both() -> None:
    session, [(ana, ana_client), (_ben, ben_client), _] = _table()
    notes_save(session=session, table=1, author=ana, text="Goal:\nTools:\nNext:", base=0)

    ana_client.post(_url(session), {"text": "Goal: listen\nTools:\nNext:", "base": "1"})
    page = ben_client.post(_url(session), {"text": "Goal:\nTools:\nNext: a wiki", "base": "1"},
                           follow=True)

    notes = TableNotes.objects.get(session=session, table=1)
    assert (notes.number, notes.text) == (3, "Goal: listen\nTools:\nNext: a wiki")
    assert "Saved, merged with the edits saved meanwhile." in page.content.decode()
    assert list(notes.revisions.values_list("number", "base", "author__name", "conflicts")) == [
        (3, 1, "Ben", 0), (2, 1, "Ana", 0), (1, 0, "Ana", 0)]


def test_overlapping_edits_keep_both_between_markers_and_say_so() -> None:
    session, [(ana, ana_client), (_ben, ben_client), _] = _table()
    notes_save(session=session, table=1, author=ana, text="Goal:", base=0)
    ana_client.post(_url(session), {"text": "Goal: listen", "base": "1"})
    page = ben_client.post(_url(session), {"text": "Goal: ask", "base": "1"}, follow=True)

    assert TableNotes.objects.get().text == (
        "<<<<<<< your version\nGoal: ask\n======= saved meanwhile\nGoal: listen\n>>>>>>>")
    html = page.content.decode()
    assert "both versions are kept between &lt;&lt;&lt;&lt;&lt;&lt;&lt; and" in html
    assert TableNotesRevision.objects.get(number=3).conflicts == 1


def test_the_live_notice_names_who_saved_a_newer_version_and_304s_meanwhile() -> None:
    session, [(ana, ana_client), (_ben, ben_client), _] = _table()
    notes_save(session=session, table=1, author=ana, text="Goal:", base=0)
    first = ben_client.get(_url(session, tail="live/?base=1"))
    assert "you have the latest" in first.content.decode()
    assert ben_client.get(_url(session, tail="live/?base=1"),
                          headers={"If-None-Match": first["ETag"]}).status_code == 304
    ana_client.post(_url(session), {"text": "Goal: <script>x</script>", "base": "1"})
    news = ben_client.get(_url(session, tail="live/?base=1"),
                          headers={"If-None-Match": first["ETag"]})
    assert "Ana saved a newer version (revision 2)." in news.content.decode()
    revision = ben_client.get(_url(session, tail="history/2/")).content.decode()
    assert "Goal: &lt;script&gt;x&lt;/script&gt;" in revision


def test_history_lists_every_revision_and_others_are_kept_out() -> None:
    session, [(ana, _ana_client), (_ben, ben_client), (_cleo, cleo_client)] = _table()
    notes_save(session=session, table=1, author=ana, text="a", base=0)
    notes_save(session=session, table=1, author=ana, text="b", base=1)
    history = ben_client.get(_url(session, tail="history/")).content.decode()
    assert "Revision 2" in history and "Revision 1" in history
    assert cleo_client.get(_url(session)).status_code == 403  # another table's
    assert ben_client.get(_url(session, table=7)).status_code == 404  # no such table
    assert "/login/" in Client().get(_url(session))["Location"]
    staff = make_user()
    make_role(event=session.event, user=staff, role="facilitator")
    client = Client()
    client.force_login(staff)
    assert client.get(_url(session)).status_code == 200


def test_a_base_revision_that_does_not_exist_is_refused_and_changes_nothing() -> None:
    session, [_, (_ben, ben_client), _] = _table()
    page = ben_client.post(_url(session), {"text": "x", "base": "5"})
    assert page.context["form"].errors == {"text": ["Revision 5 of these notes does not exist."]}
    assert TableNotesRevision.objects.count() == 0


def test_the_way_back_fits_who_is_reading() -> None:
    session, [_, (_ben, ben_client), _] = _table()
    assert 'href="/events/tn/me/tables/"' in ben_client.get(_url(session)).content.decode()
    organizer = make_user()
    make_role(event=session.event, user=organizer)
    client = Client()
    client.force_login(organizer)
    page = client.get(_url(session)).content.decode()
    assert f'href="/events/tn/organize/tables/{session.pk}/"' in page
    assert "/me/tables/" not in page
