"""The team page, as organizers use it: invite by e-mail, accept by the mailed link, change
roles, remove; and the link's safety (never into an existing account, single use, expiry)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from immerse.events import roles
from immerse.events.models import EventRole
from immerse.notify.kinds import REDACTED
from immerse.notify.models import Message
from immerse.studio.models import AuditEntry, TeamInvitation
from tests.factories import PASSWORD, make_event, make_person, make_role, make_user

pytestmark = pytest.mark.django_db
TEAM = "/events/immersion/organize/team/"


@pytest.fixture
def event():
    return make_event(slug="immersion", title="Immersion")


@pytest.fixture
def olga(event) -> User:
    user = make_user("olga")
    make_role(event=event, user=user)
    return user


@pytest.fixture
def organizer(olga) -> Client:
    client = Client()
    client.force_login(olga)
    return client


def _invite(client: Client, email: str, role: str = "organizer") -> str:
    """Invite ``email``; the path of the link mailed to them."""
    answer = client.post(TEAM, {"email": email, "role": role})
    assert answer.status_code == 302, answer.content.decode()
    message = Message.objects.filter(kind="team_invitation", to_email=email.lower()).latest("pk")
    return urlsplit(message.secrets["accept_url"]).path


def test_the_team_page_lists_members_and_refuses_others_with_404(event, organizer) -> None:
    make_role(event=event, user=make_user("fred"), role="facilitator")
    page = organizer.get(TEAM).content.decode()
    assert "olga" in page and "fred" in page and "Facilitator / expert" in page
    stranger = make_user("mallory")
    make_role(event=make_event(slug="elsewhere"), user=stranger)
    client = Client()
    client.force_login(stranger)
    assert client.get(TEAM).status_code == 404
    facilitator = Client()
    facilitator.force_login(User.objects.get(username="fred"))
    assert facilitator.get(TEAM).status_code == 404
    assert facilitator.post(TEAM, {"email": "x@y.example", "role": "organizer"}
                            ).status_code == 404
    assert not TeamInvitation.objects.exists()


def test_an_invitation_is_mailed_with_its_link_kept_out_of_the_outbox(event, organizer) -> None:
    _invite(organizer, "Nina@Example.org")
    invitation = TeamInvitation.objects.get()
    assert (invitation.email, invitation.role) == ("nina@example.org", "organizer")
    message = Message.objects.get(kind="team_invitation")
    assert "accept_url" not in message.context
    page = organizer.get(TEAM).content.decode()
    assert "nina@example.org" in page and "olga" in page
    outbox = organizer.get(f"/events/immersion/organize/messages/{message.pk}/")
    assert "/organize/team/join/" not in outbox.content.decode()
    assert REDACTED in outbox.content.decode()
    assert AuditEntry.objects.get(action="team.invited").actor.username == "olga"


def test_a_bad_address_or_role_is_refused_naming_the_field(event, organizer) -> None:
    page = organizer.post(TEAM, {"email": "not-an-address", "role": "organizer"})
    assert page.status_code == 200
    assert "Enter a valid email address." in page.content.decode()
    page = organizer.post(TEAM, {"email": "a@b.example", "role": "owner"})
    assert "Select a valid choice." in page.content.decode()
    olga = User.objects.get(username="olga")
    page = organizer.post(TEAM, {"email": olga.email.upper(), "role": "facilitator"})
    assert "is on the team already" in page.content.decode()
    assert not TeamInvitation.objects.exists()


def test_a_new_person_makes_a_new_account_and_may_create_events(event, organizer) -> None:
    link = _invite(organizer, "nina@example.org")
    nina = Client()
    form = nina.get(link)
    assert form.status_code == 200 and 'name="password_again"' in form.content.decode()
    answer = nina.post(link, {"name": "Nina Berg", "password": "a long passphrase 42",
                              "password_again": "a long passphrase 42"})
    assert answer.status_code == 302 and answer["Location"] == "/events/immersion/organize/"
    account = User.objects.get(email="nina@example.org")
    assert int(nina.session["_auth_user_id"]) == account.pk
    assert roles.is_organizer(account, event)
    assert roles.may_create_events(account)
    assert account.person.name == "Nina Berg"
    assert nina.get("/events/immersion/organize/").status_code == 200
    assert nina.get("/organize/events/new/").status_code == 200
    assert AuditEntry.objects.filter(action="team.accepted", actor=account).count() == 1


def test_a_facilitator_may_not_create_events(event, organizer) -> None:
    link = _invite(organizer, "fay@example.org", role="facilitator")
    fay = Client()
    fay.post(link, {"name": "Fay", "password": "a long passphrase 42",
                    "password_again": "a long passphrase 42"})
    account = User.objects.get(email="fay@example.org")
    assert EventRole.objects.get(user=account).role == "facilitator"
    assert not roles.may_create_events(account)
    assert fay.get(TEAM).status_code == 404


def test_the_link_never_logs_anyone_into_an_existing_account(event, organizer) -> None:
    """Whoever holds the link (read over a shoulder) gets no way into Vera's account."""
    vera = make_user("vera")
    vera.email = "vera@example.org"
    vera.save()
    make_person(user=vera, email="vera@example.org", name="Vera")
    link = _invite(organizer, "vera@example.org")
    mallory = Client()
    page = mallory.get(link).content.decode()
    assert "log in first" in page and 'name="password"' not in page
    answer = mallory.post(link, {"name": "Mallory", "password": "a long passphrase 42",
                                 "password_again": "a long passphrase 42"})
    assert "_auth_user_id" not in mallory.session
    assert answer.status_code == 200
    assert not EventRole.objects.filter(user=vera).exists()
    assert User.objects.filter(email__iexact="vera@example.org").count() == 1
    # Vera herself logs in, then joins with one click.
    own = Client()
    assert own.login(username="vera", password=PASSWORD)
    assert "Join the team" in own.get(link).content.decode()
    assert own.post(link).status_code == 302
    assert roles.is_organizer(vera, event)


def test_a_logged_in_account_with_another_address_cannot_accept(event, organizer) -> None:
    link = _invite(organizer, "nina@example.org")
    other = make_user("other")
    client = Client()
    client.force_login(other)
    assert "another address" in client.get(link).content.decode()
    client.post(link)
    assert not EventRole.objects.filter(user=other).exists()
    assert TeamInvitation.objects.get().accepted_at is None


def test_a_used_link_says_so_and_does_nothing(event, organizer) -> None:
    link = _invite(organizer, "nina@example.org")
    data = {"name": "Nina", "password": "a long passphrase 42",
            "password_again": "a long passphrase 42"}
    Client().post(link, data)
    again = Client().post(link, {**data, "name": "Someone else"})
    assert again.status_code == 410
    assert "was used already" in again.content.decode()
    assert User.objects.filter(email="nina@example.org").count() == 1


def test_an_expired_link_says_so(event, organizer) -> None:
    link = _invite(organizer, "nina@example.org")
    TeamInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = Client().get(link)
    assert page.status_code == 410 and "has expired" in page.content.decode()


def test_revoking_and_resending_void_the_link_sent_before(event, organizer) -> None:
    first = _invite(organizer, "nina@example.org")
    invitation = TeamInvitation.objects.get()
    url = f"{TEAM}invitations/{invitation.pk}/"
    organizer.post(url, {"action": "resend"})
    second = urlsplit(Message.objects.filter(kind="team_invitation").latest("pk")
                      .secrets["accept_url"]).path
    assert second != first
    assert "A newer invitation was sent" in Client().get(first).content.decode()
    assert Client().get(second).status_code == 200
    organizer.post(url, {"action": "revoke"})
    page = Client().get(second)
    assert page.status_code == 410 and "withdrew this invitation" in page.content.decode()
    assert "No invitations are waiting." in organizer.get(TEAM).content.decode()


def test_roles_change_and_the_last_organizer_stays(event, olga, organizer) -> None:
    fred = make_user("fred")
    make_role(event=event, user=fred, role="facilitator")
    member = f"{TEAM}members/{{}}/"
    organizer.post(member.format(fred.pk), {"action": "role", "role": "organizer"})
    assert list(EventRole.objects.filter(user=fred).values_list("role", flat=True)) == [
        "organizer"]
    organizer.post(member.format(fred.pk), {"action": "remove"})
    assert not EventRole.objects.filter(user=fred).exists()
    page = organizer.post(member.format(olga.pk), {"action": "role", "role": "facilitator"},
                          follow=True).content.decode()
    assert "only organizer" in page
    organizer.post(member.format(olga.pk), {"action": "remove"})
    assert EventRole.objects.get(user=olga).role == "organizer"
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "team.role_changed", "team.removed"]
