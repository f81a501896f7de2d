"""The organizer's registrations page as an organizer uses it (Django's test client):
search and filters, row and bulk actions by POST, the questions before cancelling and
moving, a refused promotion, editing, the CSV export, and the "Organize" navigation."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from immerse.notify.models import Message
from immerse.people.models import Registration
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db
ACT = "/events/conf/organize/registrations/act/"


@pytest.fixture
def event():
    return make_event(slug="conf", title="Summit", capacity=2)


@pytest.fixture
def organizer(event) -> Client:
    user = make_user("olivia")
    make_role(event=event, user=user)
    client = Client()
    client.login(username="olivia", password=PASSWORD)
    return client


def _people(event, *specs: tuple[str, str, str]) -> list[Registration]:
    """(name, organization, status) in sign-up order."""
    start = timezone.now() - timedelta(days=1)
    regs = []
    for i, (name, organization, status) in enumerate(specs):
        reg = make_registration(event=event, status=status, level=2, person=make_person(
            name=name, organization=organization, email=f"{name.split()[0].lower()}@x.example"))
        Registration.objects.filter(pk=reg.pk).update(created_at=start + timedelta(minutes=i))
        regs.append(reg)
    return regs


def _status(reg) -> str:
    return Registration.objects.get(pk=reg.pk).status


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_search_by_organization_and_filter_by_level(event, organizer) -> None:
    _ann, bob, _cas = _people(event, ("Ann Smit", "ACME", "confirmed"),
                              ("Bob Dye", "Zeta", "confirmed"),
                              ("Cas Vos", "acme labs", "waitlisted"))
    Registration.objects.filter(pk=bob.pk).update(level=4)
    html = organizer.get("/events/conf/organize/", {"q": "acme"}).content.decode()
    assert "Ann Smit" in html and "Cas Vos" in html and "Bob Dye" not in html
    assert "Waitlisted · #1" in html
    html = organizer.get("/events/conf/organize/", {"level": "4"}).content.decode()
    assert "Bob Dye" in html and "Ann Smit" not in html
    assert 'href="/events/conf/organize/registrations.csv?level=4" download' in html


def test_row_buttons_fit_each_status(event, organizer) -> None:
    ann, bob = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "waitlisted"))
    html = organizer.get("/events/conf/organize/").content.decode()
    assert f'value="promote:{bob.pk}"' in html and f'value="promote:{ann.pk}"' not in html
    assert f'value="waitlist:{ann.pk}"' in html and f'value="waitlist:{bob.pk}"' not in html
    assert html.count('value="cancel:') == 2 and html.count('value="resend:') == 2


def test_promote_a_row_into_a_free_seat_returns_to_the_same_filter(event, organizer) -> None:
    _ann, bob = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "waitlisted"))
    response = organizer.post(ACT, {"row": f"promote:{bob.pk}",
                                    "back": "q=bob&status=waitlisted&page=1&evil=x"},
                              follow=True)
    assert response.redirect_chain[0][0] == \
        "/events/conf/organize/?q=bob&status=waitlisted&page=1#registrations"
    assert _status(bob) == "confirmed"
    assert _messages(response) == ["Promoted: Bob Dye. They are told by e-mail."]


def test_a_cancelled_row_can_be_restored_to_the_waiting_list(event, organizer) -> None:
    ann, bob, cas = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "confirmed"),
                            ("Cas Vos", "", "cancelled"))
    html = organizer.get("/events/conf/organize/").content.decode()
    assert f'value="restore:{cas.pk}"' in html
    assert f'value="restore:{ann.pk}"' not in html and f'value="cancel:{cas.pk}"' not in html
    response = organizer.post(ACT, {"row": f"restore:{cas.pk}"}, follow=True)
    assert _status(cas) == "waitlisted" and (_status(ann), _status(bob)) == ("confirmed",) * 2
    assert _messages(response) == [
        "Restored to the waiting list: Cas Vos. They are told by e-mail."]


def test_promote_into_a_full_event_is_refused_then_done_with_more_capacity(
        event, organizer) -> None:
    _ann, _bob, cas = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "confirmed"),
                            ("Cas Vos", "", "waitlisted"))
    refused = organizer.post(ACT, {"row": f"promote:{cas.pk}"})
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "Summit has no seat free (2 of 2 taken), so 1 person cannot be promoted." in html
    assert "Raise the capacity to 3 and promote" in html
    assert _status(cas) == "waitlisted"

    done = organizer.post(ACT, {"action": "promote", "ids": [cas.pk], "confirm": "yes",
                                "raise_capacity": "yes"}, follow=True)
    assert _status(cas) == "confirmed"
    assert _messages(done) == ["Promoted: Cas Vos. They are told by e-mail. "
                               "The capacity is now 3."]


def test_cancel_asks_first_naming_who_gets_the_seat(event, organizer) -> None:
    ann, _bob, cas = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "confirmed"),
                            ("Cas Vos", "", "waitlisted"))
    asked = organizer.post(ACT, {"row": f"cancel:{ann.pk}"})
    html = asked.content.decode()
    assert asked.status_code == 200 and "Cancel 1 registration?" in html
    assert "The seat this frees goes to the first in line, Cas Vos, who is told too." in html
    assert _status(ann) == "confirmed" and not Message.objects.exists()

    done = organizer.post(ACT, {"action": "cancel", "ids": [ann.pk], "confirm": "yes"},
                          follow=True)
    assert (_status(ann), _status(cas)) == ("cancelled", "confirmed")
    assert _messages(done) == ["Cancelled: Ann Smit. They are told by e-mail. The freed seat "
                               "went to the first in line: Cas Vos."]


def test_bulk_move_to_the_waiting_list_with_the_room_shrinking(event, organizer) -> None:
    ann, bob = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "confirmed"))
    asked = organizer.post(ACT, {"action": "waitlist", "ids": [ann.pk, bob.pk]})
    assert "Move 2 people to the waiting list?" in asked.content.decode()
    refused = organizer.post(ACT, {"action": "waitlist", "ids": [bob.pk], "confirm": "yes"})
    assert refused.status_code == 409
    assert "Nobody else is waiting for the 1 seat this frees" in refused.content.decode()
    assert _status(bob) == "confirmed"
    done = organizer.post(ACT, {"action": "waitlist", "ids": [bob.pk], "confirm": "yes",
                                "lower_capacity": "yes"}, follow=True)
    event.refresh_from_db()
    assert _status(bob) == "waitlisted" and event.capacity == 1
    assert "The capacity is now 1." in _messages(done)[0]


def test_bulk_resend_sends_once_per_page(event, organizer) -> None:
    ann, bob = _people(event, ("Ann Smit", "", "confirmed"), ("Bob Dye", "", "waitlisted"))
    form = {"action": "resend", "ids": [ann.pk, bob.pk], "nonce": "a" * 32}
    first = organizer.post(ACT, form, follow=True)
    again = organizer.post(ACT, form, follow=True)
    assert _messages(first) == ["Sent again to: Ann Smit, Bob Dye."]
    assert _messages(again) == ["Nothing to do. Left as they were (cancelled, or already "
                                "sent from this page): Ann Smit, Bob Dye."]
    assert sorted(Message.objects.values_list("kind", flat=True)) == [
        "registration_confirmed", "waitlisted"]


def test_nothing_selected_or_no_action_is_said_plainly(event, organizer) -> None:
    response = organizer.post(ACT, {"action": "cancel"}, follow=True)
    assert _messages(response) == ["Select at least one registration first."]
    response = organizer.post(ACT, {"action": "drop", "ids": ["1"]}, follow=True)
    assert _messages(response) == ["Choose what to do with the selected registrations."]


def test_other_events_organizers_and_attendees_cannot_act(event) -> None:
    (ann,) = _people(event, ("Ann Smit", "", "confirmed"))
    other = make_user("otto")
    make_role(event=make_event(slug="else"), user=other)
    client = Client()
    client.login(username="otto", password=PASSWORD)
    assert client.post(ACT, {"row": f"cancel:{ann.pk}", "confirm": "yes"}).status_code == 403
    # Their own event's form cannot reach this event's people either.
    assert client.post("/events/else/organize/registrations/act/", {
        "action": "cancel", "ids": [ann.pk], "confirm": "yes"}).status_code == 302
    anonymous = Client().post(ACT, {"row": f"cancel:{ann.pk}"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert _status(ann) == "confirmed"
    assert Client().get(ACT).status_code in (302, 405)


def test_edit_saves_details_and_a_level_with_its_reason(event, organizer) -> None:
    (ann,) = _people(event, ("Ann Smit", "ACME", "confirmed"))
    url = f"/events/conf/organize/registrations/{ann.pk}/"
    page = organizer.get(url, {"q": "ann", "level": "2"}).content.decode()
    assert 'value="Ann Smit"' in page
    assert '<input type="hidden" name="back" value="q=ann&amp;level=2">' in page
    missing = organizer.post(url, {"name": "Ann Smit", "organization": "ACME",
                                   "discipline": "pr", "level": "4", "reason": ""})
    assert "Say why the level changes: the person reads it." in missing.content.decode()
    done = organizer.post(url, {"name": "Ann Smit-Vos", "organization": "ACME",
                                "discipline": "pr", "level": "4", "back": "q=ann&level=2",
                                "reason": "Runs the hospital's accounts"}, follow=True)
    assert done.redirect_chain[0][0] == "/events/conf/organize/?q=ann&level=2#registrations"
    ann.refresh_from_db()
    assert ann.level == 4 and ann.person.name == "Ann Smit-Vos"
    assert "Level now 4 Just do it" in _messages(done)[0]
    assert ann.person.assessments.first().explanation == (
        "The organizers placed you at Just do it (it was Baby steps): Runs the "
        "hospital's accounts.")


def test_edit_of_another_event_s_registration_is_not_found(event, organizer) -> None:
    elsewhere = make_registration(event=make_event(slug="else"))
    url = f"/events/conf/organize/registrations/{elsewhere.pk}/"
    assert organizer.get(url).status_code == 404


HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)",
           "\tTabbed", "\rReturned"]


def test_csv_export_neutralises_formulas_and_keeps_the_filter(event, organizer) -> None:
    for i, name in enumerate(HOSTILE):
        make_registration(event=event, level=3, status="confirmed", person=make_person(
            name=name, organization="=cmd|' /C calc'!A0", email=f"h{i}@x.example"))
    make_registration(event=event, status="waitlisted",
                      person=make_person(name="Ünal Çelik", email="u@x.example",
                                         organization="Straße"))
    response = organizer.get("/events/conf/organize/registrations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="conf-registrations.csv"'
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["name", "email", "organization", "discipline", "region", "level",
                       "level_label", "status", "waitlist_position", "source",
                       "registered_at"]
    names = [row[0] for row in rows[1:]]
    assert names[:len(HOSTILE)] == [f"'{name}" for name in HOSTILE]
    assert {row[2] for row in rows[1:len(HOSTILE) + 1]} == {"'=cmd|' /C calc'!A0"}
    assert rows[1][5:9] == ["3", "Preparation", "confirmed", ""]
    assert rows[-1][:3] == ["Ünal Çelik", "u@x.example", "Straße"] and rows[-1][8] == "1"
    waiting = organizer.get("/events/conf/organize/registrations.csv", {"status": "waitlisted"})
    assert len(list(csv.reader(io.StringIO(waiting.content.decode("utf-8-sig"))))) == 2


def test_organize_in_the_navigation_only_for_those_who_may(event) -> None:
    make_role(event=event, user=make_user("olivia"))
    make_user("andy")
    make_user("root", staff=True)
    for name, shown in (("olivia", True), ("andy", False), ("root", True)):
        client = Client()
        client.login(username=name, password=PASSWORD)
        html = client.get("/").content.decode()
        assert ('<a href="/organize/">Organize</a>' in html) == shown, name
    assert "Organize</a>" not in Client().get("/").content.decode()


def test_organize_leads_to_the_one_event_or_lists_them(event) -> None:
    user = make_user("olivia")
    make_role(event=event, user=user)
    client = Client()
    client.login(username="olivia", password=PASSWORD)
    assert client.get("/organize/")["Location"] == "/events/conf/organize/"
    make_role(event=make_event(slug="later", title="Later meetup"), user=user)
    html = client.get("/organize/").content.decode()
    assert "Summit" in html and "Later meetup" in html
    make_user("andy")
    nobody = Client()
    nobody.login(username="andy", password=PASSWORD)
    refused = nobody.get("/organize/")
    assert refused.status_code == 403
    assert "You do not organize any event yet." in refused.content.decode()


def test_csv_export_reads_the_same_few_queries_for_any_crowd(
        event, organizer, django_assert_num_queries) -> None:
    def export() -> None:
        organizer.get("/events/conf/organize/registrations.csv")

    for i in range(3):
        make_registration(event=event, person=make_person(email=f"s{i}@x.example"))
    export()  # warm: the session and the navigation's cached answers
    # 7: the event's extra sign-up questions (their columns) are one query more.
    with django_assert_num_queries(7) as small:
        export()
    for i in range(40):
        make_registration(event=event, person=make_person(email=f"l{i}@x.example"))
    with django_assert_num_queries(len(small.captured_queries)):
        export()


def test_a_drafts_organize_page_links_settings_and_publishing_once(event, organizer) -> None:
    event.published = False
    event.save(update_fields=["published"])
    html = organizer.get("/events/conf/organize/").content.decode()
    assert "This event is a draft: only its organizers see it." in html
    assert html.count('href="/events/conf/organize/settings/"') == 1
