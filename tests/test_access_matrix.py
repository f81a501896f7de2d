"""Every route × every role → allowed or denied, generated from the URL conf and the API schema.

A new page or API operation without a rule here fails `test_every_route_has_a_rule`, so
nobody adds a route without deciding who may use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from immerse.audience.models import Poll, Question
from immerse.audience.services import poll_create
from immerse.backchannel.models import Post, Source
from immerse.checkin.codes import door_key
from immerse.common.models import TaskRun
from immerse.learning.models import Story
from immerse.learning.services import plan_create, story_save
from immerse.learning.table_story import table_story_propose
from immerse.notify.services import message_queue
from immerse.openspace.models import Proposal
from immerse.openspace.services import open_space_set
from immerse.people.models import Assessment, Registration, SheetUpload, SignupQuestion
from immerse.people.tokens import token_create
from immerse.program.models import AgendaItem, AgendaRun
from immerse.studio.services.team import invitation_create
from immerse.tables.models import TableSeat
from immerse.tables.notes import notes_save
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
    session_started,
)

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "attendee", "other_attendee", "facilitator", "other_organizer",
         "organizer", "staff")
EVERYONE = set(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
PARTICIPANTS = {"attendee", "facilitator", "organizer", "staff"}
EVENT_STAFF = {"facilitator", "organizer", "staff"}
ORGANIZERS = {"organizer", "staff"}
ATTENDEE = {"attendee"}
PLAN_READERS = {"attendee", "facilitator", "organizer", "staff"}
WITH_PROFILE = {"attendee", "other_attendee", "facilitator"}  # users who are also people

# route name -> (method, who may)
PAGES: dict[str, tuple[str, set[str]]] = {
    "home": ("GET", EVERYONE), "event-hub": ("GET", EVERYONE),
    "event-program": ("GET", EVERYONE), "session-detail": ("GET", EVERYONE),
    "event-calendar": ("GET", EVERYONE), "personal-calendar": ("GET", EVERYONE),
    "event-signup": ("GET", EVERYONE), "login": ("GET", EVERYONE),
    "logout": ("POST", EVERYONE), "chapters": ("GET", EVERYONE),
    "language-set": ("POST", EVERYONE),
    "story-list": ("GET", EVERYONE), "story-detail": ("GET", EVERYONE),
    # Only the author changes or deletes a story (the GET asks first, its form POSTs back).
    "story-edit": ("GET", ATTENDEE), "story-delete": ("GET", ATTENDEE),
    # Without an attendee profile these say where the path starts (learning/no_profile.html).
    "me": ("GET", LOGGED_IN), "learning-path": ("GET", LOGGED_IN),
    "reassess": ("GET", LOGGED_IN), "story-new": ("GET", LOGGED_IN),
    # GET asks "cancel your place?", its form POSTs back (tests/security/test_csrf.py).
    "my-registration": ("GET", ATTENDEE), "my-registration-cancel": ("GET", ATTENDEE),
    "my-agenda": ("GET", ATTENDEE), "my-agenda-action": ("POST", ATTENDEE),
    "session-star": ("POST", {"attendee", "facilitator"}),
    "feedback-give": ("GET", ATTENDEE),
    "plan-new": ("GET", {"attendee", "facilitator"}),
    "plan-detail": ("GET", PLAN_READERS), "plan-history": ("GET", PLAN_READERS),
    "plan-pdf": ("GET", PLAN_READERS), "plan-edit": ("POST", ATTENDEE),
    "plan-invite": ("POST", ATTENDEE), "plan-comment": ("POST", {"facilitator"}),
    "plan-checkin": ("POST", ATTENDEE),
    "listening-explore": ("GET", PARTICIPANTS), "listening": ("GET", EVENT_STAFF),
    "listening-note": ("POST", EVENT_STAFF),
    "community": ("GET", {"facilitator", "staff"}),  # practitioners: level 4 or experts
    "event-organize": ("GET", ORGANIZERS), "event-inventory": ("GET", ORGANIZERS),
    "event-inventory-csv": ("GET", ORGANIZERS), "event-import": ("GET", ORGANIZERS),
    "event-import-confirm": ("POST", {"organizer"}),  # only who uploaded it
    "program-builder": ("GET", ORGANIZERS), "session-pitch-edit": ("POST", ORGANIZERS),
    "agenda-plan": ("GET", ORGANIZERS), "agenda-run": ("GET", ORGANIZERS),
    "feedback-overview": ("GET", ORGANIZERS), "learning-report": ("GET", ORGANIZERS),
    "learning-report-csv": ("GET", ORGANIZERS), "learning-report-pdf": ("GET", ORGANIZERS),
    "learning-report-json": ("GET", ORGANIZERS), "learning-hosts": ("GET", ORGANIZERS),
    "learning-host-add": ("POST", ORGANIZERS), "learning-mentors": ("GET", ORGANIZERS),
    "tables": ("GET", ORGANIZERS), "tables-session": ("GET", ORGANIZERS),
    "tables-cards": ("GET", ORGANIZERS), "my-tables": ("GET", ATTENDEE),
    # The signed link is the credential (a bad one answers 400 to everyone).
    "notify-unsubscribe": ("GET", EVERYONE),
    # A background run on the event (a rotation, an import): its organizers follow it.
    "event-run": ("GET", ORGANIZERS),
    # Operations: probes for the load balancer and the process manager, no data in them.
    "healthz": ("GET", EVERYONE), "readyz": ("GET", EVERYONE),
    # Proof of identity: the same pages for everyone (a bad link answers 400 to all).
    "event-signup-sent": ("GET", EVERYONE), "signup-confirm": ("GET", EVERYONE),
    "login-link": ("GET", EVERYONE), "login-link-sent": ("GET", EVERYONE),
    "login-link-use": ("GET", EVERYONE), "password_reset": ("GET", EVERYONE),
    "password_reset_done": ("GET", EVERYONE), "password_reset_confirm": ("GET", EVERYONE),
    "password_reset_complete": ("GET", EVERYONE),
    "password_change": ("GET", LOGGED_IN), "password_change_done": ("GET", LOGGED_IN),
    "feedback-link": ("GET", EVERYONE), "plan-checkin-link": ("GET", EVERYONE),
    "notify-inbox": ("GET", LOGGED_IN), "notify-inbox-read": ("POST", LOGGED_IN),
    "notify-preferences": ("GET", LOGGED_IN),
    "notify-message": ("GET", ATTENDEE),  # only its owner
    "notify-outbox": ("GET", ORGANIZERS), "notify-outbox-message": ("GET", ORGANIZERS),
    "notify-outbox-resend": ("POST", ORGANIZERS), "notify-waiting": ("GET", ORGANIZERS),
    "notify-templates": ("GET", ORGANIZERS), "notify-template-edit": ("GET", ORGANIZERS),
    "event-broadcast": ("GET", ORGANIZERS),
    # Live listening: organizers set up sources; staff moderate; the wall is for the event's
    # people until an organizer makes it public (tests/backchannel/test_wall.py).
    "listening-sources": ("GET", ORGANIZERS), "listening-source-action": ("POST", ORGANIZERS),
    "listening-upload": ("POST", ORGANIZERS), "listening-settings": ("POST", ORGANIZERS),
    "listening-network": ("GET", EVENT_STAFF), "listening-wall": ("GET", PARTICIPANTS),
    "listening-wall-moderate": ("GET", EVENT_STAFF),
    "listening-wall-action": ("POST", EVENT_STAFF),
    # The organizer acting on registrations; "Organize" in the menu leads to organize-home.
    "organize-home": ("GET", ORGANIZERS | {"other_organizer"}),
    "event-registrations-act": ("POST", ORGANIZERS),
    "event-registration-edit": ("GET", ORGANIZERS),
    "event-registrations-csv": ("GET", ORGANIZERS),
    # The organizer's studio: the schedule grid and its "move to" form.
    "studio-grid": ("GET", ORGANIZERS), "studio-grid-move": ("POST", ORGANIZERS),
    # The studio: new events for those who may create them (staff here: the matrix's
    # organizer has an organizer role but not the events.add_event permission), then the
    # event's own organizers.
    "studio-event-new": ("GET", {"staff"}),
    "studio-event-settings": ("GET", ORGANIZERS), "studio-event-publish": ("POST", ORGANIZERS),
    "studio-event-export": ("GET", ORGANIZERS), "event-backup": ("GET", ORGANIZERS),
    # The organizer's studio: set-up pages (another event's organizer gets 404).
    "studio-setup": ("GET", ORGANIZERS), "studio-slots": ("GET", ORGANIZERS),
    "studio-slot-edit": ("GET", ORGANIZERS), "studio-slot-delete": ("POST", ORGANIZERS),
    "studio-rooms": ("GET", ORGANIZERS), "studio-room-edit": ("GET", ORGANIZERS),
    "studio-room-delete": ("POST", ORGANIZERS), "studio-sessions": ("GET", ORGANIZERS),
    "studio-session-new": ("GET", ORGANIZERS), "studio-session-edit": ("GET", ORGANIZERS),
    "studio-session-delete": ("GET", ORGANIZERS), "studio-hub": ("GET", ORGANIZERS),
    "studio-signup": ("GET", ORGANIZERS), "studio-questions": ("GET", ORGANIZERS),
    "studio-question-edit": ("GET", ORGANIZERS), "studio-question-delete": ("POST", ORGANIZERS),
    # The team and the audit trail: the event's organizers; an invitation's link opens for
    # anyone (this one is not valid: it says so).
    "studio-team": ("GET", ORGANIZERS), "studio-team-member": ("POST", ORGANIZERS),
    "studio-team-invitation": ("POST", ORGANIZERS), "studio-team-accept": ("GET", EVERYONE),
    "studio-audit": ("GET", ORGANIZERS),
    # The room (issue 28): the session's attendees and staff ask, vote and answer polls; its
    # staff moderate and show the projector; organizers see the one queue.
    "audience-questions": ("GET", PARTICIPANTS), "audience-questions-live": ("GET", PARTICIPANTS),
    "audience-projector": ("GET", EVENT_STAFF), "audience-projector-live": ("GET", EVENT_STAFF),
    "audience-question-vote": ("POST", PARTICIPANTS),
    "audience-question-moderate": ("POST", EVENT_STAFF), "audience-queue": ("GET", ORGANIZERS),
    "audience-polls": ("GET", PARTICIPANTS), "audience-polls-live": ("GET", PARTICIPANTS),
    "audience-poll-vote": ("POST", PARTICIPANTS), "audience-poll-action": ("POST", EVENT_STAFF),
    # The installable web app: the same manifest, worker and offline page for everyone.
    "webapp-manifest": ("GET", EVERYONE), "webapp-service-worker": ("GET", EVERYONE),
    "webapp-offline": ("GET", EVERYONE),
    # Check-in: the desk for the event's staff (the release time: organizers), the door's
    # printable page for staff, the door's link for the event's attendees.
    "checkin-desk": ("GET", EVENT_STAFF), "checkin-counts": ("GET", EVENT_STAFF),
    "checkin-search": ("GET", EVENT_STAFF), "checkin-act": ("POST", EVENT_STAFF),
    "checkin-release": ("POST", ORGANIZERS), "checkin-door": ("GET", EVENT_STAFF),
    "checkin-here": ("GET", ATTENDEE), "checkin-walkin": ("POST", EVENT_STAFF),
    # Open space: the event's people see it (attendees propose and vote); its organizers
    # set the period and place (another event's get 404).
    "openspace": ("GET", PARTICIPANTS), "openspace-live": ("GET", PARTICIPANTS),
    "openspace-vote": ("POST", ATTENDEE),
    "openspace-organize": ("GET", ORGANIZERS), "openspace-place": ("POST", ORGANIZERS),
    # A table's notes: its tablemates and the session's staff (the event's facilitators and
    # organizers).
    "table-notes": ("GET", PARTICIPANTS), "table-notes-live": ("GET", PARTICIPANTS),
    "table-notes-history": ("GET", PARTICIPANTS), "table-notes-revision": ("GET", PARTICIPANTS),
    # Its notes as a story: the session's staff propose; each author answers for themselves.
    "table-story": ("GET", EVENT_STAFF), "table-story-consent": ("GET", ATTENDEE),
}
# What a POST sends, so that an allowed role passes validation too.
POST_DATA: dict[str, dict[str, object]] = {
    "my-agenda-action": {"action": "confirm"},
    "checkin-act": {"registration": "$registration_id"},
    "checkin-release": {"release_at": ""},
    "checkin-walkin": {"name": "Wal King", "email": "walk@x.example"},
    "plan-comment": {"body": "Start with listening.", "kind": "expert"},
    "plan-edit": {"goal": "Listen first", "step_1": "a", "step_2": "b", "step_3": "c"},
    "plan-invite": {"email": "o@x.example"},
    "plan-checkin": {"step": "1", "status": "done"},
    "listening-note": {"text": "A note"},
    "session-pitch-edit": {"pitch": "For people who plan."},
    "learning-host-add": {"session": "$session_id", "person": "$practitioner_id"},
    "listening-source-action": {"action": "pause"},
    "listening-wall-action": {"action": "pin", "post": "$post_id"},
    "listening-settings": {"wall_public": "on"},
    "studio-grid-move": {"session": "$session_id", "unplace": "1"},
    "studio-event-publish": {"visibility": "unlisted"},
    "studio-team-member": {"action": "role", "role": "organizer"},
    "studio-team-invitation": {"action": "resend"},
    "language-set": {"language": "en"},
    "event-registrations-act": {"action": "resend", "ids": "$registration_id",
                                "nonce": "matrix"},
    "audience-question-vote": {"vote": "1"}, "audience-question-moderate": {"action": "pin"},
    "audience-poll-vote": {"answer": "0"}, "audience-poll-action": {"action": "closed"},
    "openspace-vote": {"proposal": "$proposal_id"},
}

# (method, OpenAPI path) -> who may
API: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/v1/events"): EVERYONE, ("GET", "/api/v1/events/{slug}"): EVERYONE,
    # Creating events: those with events.add_event (staff here); changing one: its organizers.
    ("POST", "/api/v1/events"): {"staff"}, ("PATCH", "/api/v1/events/{slug}"): ORGANIZERS,
    ("GET", "/api/v1/events/{slug}/sessions"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/sessions/{session_id}"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/rooms"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/slots"): EVERYONE,
    ("GET", "/api/v1/tools"): EVERYONE, ("GET", "/api/v1/questionnaire"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/inventory/public"): EVERYONE,
    ("POST", "/api/v1/events/{slug}/registrations"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/signup/questions"): EVERYONE,
    ("GET", "/api/v1/events/{slug}/registrations"): ORGANIZERS,
    ("GET", "/api/v1/events/{slug}/registrations/me"): ATTENDEE,
    ("POST", "/api/v1/events/{slug}/registrations/{registration_id}/cancel"):
        {"attendee", "organizer", "staff"},
    ("GET", "/api/v1/events/{slug}/inventory"): EVENT_STAFF,
    ("GET", "/api/v1/me"): WITH_PROFILE,
    ("PATCH", "/api/v1/me"): WITH_PROFILE,
    ("PUT", "/api/v1/me/tools"): WITH_PROFILE,
    ("GET", "/api/v1/me/assessments"): WITH_PROFILE,
    ("POST", "/api/v1/me/assessments"): WITH_PROFILE,
    ("GET", "/api/v1/events/{slug}/agenda/me"): ATTENDEE,
    ("POST", "/api/v1/events/{slug}/agendas/runs"): ORGANIZERS,
    ("GET", "/api/v1/events/{slug}/agendas/runs/{run_id}"): ORGANIZERS,
    ("GET", "/api/v1/events/{slug}/tables/me"): ATTENDEE,
    ("GET", "/api/v1/events/{slug}/sessions/{session_id}/tables"): EVENT_STAFF,
    ("GET", "/api/v1/events/{slug}/checkins"): EVENT_STAFF,
    ("POST", "/api/v1/events/{slug}/checkins"): EVENT_STAFF,
    # Open space: attendees propose and vote; the event's staff may read the proposals.
    ("GET", "/api/v1/events/{slug}/proposals"): PARTICIPANTS,
    ("POST", "/api/v1/events/{slug}/proposals"): ATTENDEE,
    ("POST", "/api/v1/events/{slug}/proposals/{proposal_id}/votes"): ATTENDEE,
    ("DELETE", "/api/v1/events/{slug}/proposals/{proposal_id}/votes"): ATTENDEE,
    ("GET", "/api/v1/events/{slug}/posts"): EVENT_STAFF,
    ("POST", "/api/v1/events/{slug}/posts"): EVENT_STAFF,
    ("GET", "/api/v1/stories"): EVERYONE,
    ("POST", "/api/v1/events/{slug}/sessions/{session_id}/feedback"): ATTENDEE,
    # Setting the event up: its organizers (another event's get 404).
    ("POST", "/api/v1/events/{slug}/rooms"): ORGANIZERS,
    ("PATCH", "/api/v1/events/{slug}/rooms/{room_id}"): ORGANIZERS,
    ("DELETE", "/api/v1/events/{slug}/rooms/{room_id}"): ORGANIZERS,
    ("POST", "/api/v1/events/{slug}/slots"): ORGANIZERS,
    ("PATCH", "/api/v1/events/{slug}/slots/{slot_id}"): ORGANIZERS,
    ("DELETE", "/api/v1/events/{slug}/slots/{slot_id}"): ORGANIZERS,
    ("POST", "/api/v1/events/{slug}/sessions"): ORGANIZERS,
    ("PATCH", "/api/v1/events/{slug}/sessions/{session_id}"): ORGANIZERS,
    ("DELETE", "/api/v1/events/{slug}/sessions/{session_id}"): ORGANIZERS,
    ("GET", "/api/v1/events/{slug}/team"): ORGANIZERS,
    ("POST", "/api/v1/events/{slug}/team"): ORGANIZERS,
    # The room: its attendees and staff; polls are created by its staff.
    ("GET", "/api/v1/events/{slug}/sessions/{session_id}/questions"): PARTICIPANTS,
    ("POST", "/api/v1/events/{slug}/sessions/{session_id}/questions"): PARTICIPANTS,
    ("POST", "/api/v1/events/{slug}/questions/{question_id}/votes"): PARTICIPANTS,
    ("DELETE", "/api/v1/events/{slug}/questions/{question_id}/votes"): PARTICIPANTS,
    ("GET", "/api/v1/events/{slug}/sessions/{session_id}/polls"): PARTICIPANTS,
    ("POST", "/api/v1/events/{slug}/sessions/{session_id}/polls"): EVENT_STAFF,
    ("POST", "/api/v1/events/{slug}/polls/{poll_id}/votes"): PARTICIPANTS,
}


@dataclass
class World:
    users: dict[str, object]
    kwargs: dict[str, dict[str, object]]
    api_values: dict[str, object]


def build_world() -> World:
    event, other = make_event(slug="here"), make_event(slug="elsewhere")
    users = {name: make_user(name, staff=name == "staff") for name in ROLES[1:]}
    attendee = make_person(user=users["attendee"], email="attendee@x.example")
    registration = make_registration(event=event, person=attendee, level=3,
                                     calendar_token="t" * 30)
    make_registration(event=other,
                      person=make_person(user=users["other_attendee"], email="o@x.example"))
    Assessment.objects.create(person=attendee, level=3, explanation="x")
    make_role(event=event, user=users["facilitator"], role="facilitator")
    make_person(user=users["facilitator"], email="expert@x.example", is_expert=True)
    practitioner = make_person(email="host@x.example", is_expert=True)
    make_registration(event=event, person=practitioner, level=4)
    make_role(event=event, user=users["organizer"])
    make_role(event=other, user=users["other_organizer"])
    # Started already: feedback on a session opens when it starts.
    session = session_started(make_session(event=event, title="Plans", fmt="workshop",
                                           levels=(3,)))
    AgendaItem.objects.create(registration=registration, session=session)
    run = AgendaRun.objects.create(event=event, status="done")
    # The same id as the agenda run: both run pages take the one `run_id` below.
    TaskRun.objects.create(pk=run.pk, task="tables_form", target=event, status="done")
    _sequence_reset(TaskRun)  # PostgreSQL's sequence does not see an explicit id
    plan = plan_create(person=attendee, event=event, session=session,
                       data={"goal": "Listen first", "steps": ["a", "b", "c"]})
    story = story_save(title="Public story", privacy="public", event=event, person=attendee)
    upload = SheetUpload.objects.create(event=event, uploaded_by=users["organizer"],
                                        filename="s.csv", data=b"Name,Email\nA,a@x.example\n")
    post = Post.objects.create(event=event, source="note", source_id="1", author="a",
                               text="hi", created_at=run.created_at)
    source = Source.objects.create(event=event, kind="feed", url="https://blog.example/feed")
    message = message_queue(kind="broadcast", to_email=attendee.email, key="matrix",
                            person=attendee, event=event,
                            context={"subject": "Hello", "body": "Bring a laptop."})
    now = timezone.now()
    open_space_set(event=event, opens_at=now - timedelta(hours=1),
                   closes_at=now + timedelta(days=1), places_at=now + timedelta(days=2))
    proposal = Proposal.objects.create(event=event, registration=registration, title="Maps",
                                       offer="Mapping a hashtag.", levels=[2], format="community")
    round_tables = make_session(event=event, title="Tables", fmt="table", start_hour=11)
    TableSeat.objects.create(session=round_tables, registration=registration, table=1)
    notes_save(session=round_tables, table=1, author=attendee, text="We listen.", base=0)
    table_story = table_story_propose(session=round_tables, table=1, title="We listened",
                                      privacy="participants", by=users["organizer"])
    kwargs = {"slug": event.slug, "session_id": session.pk, "run_id": run.pk,
              "token": "t" * 30, "upload_id": upload.pk, "plan_id": plan.pk,
              "story_id": story.pk, "registration_id": registration.pk,
              "practitioner_id": practitioner.pk, "uidb64": "MQ", "message_id": message.pk,
              "kind": "agenda_ready", "key": door_key(session_id=session.pk),
              "source_id": source.pk, "post_id": post.pk,
              "fmt": "xml", "proposal_id": proposal.pk,
              "table_session_id": round_tables.pk, "table": 1, "number": 1,
              "table_story_id": table_story.pk,
              "slot_id": session.slot_id, "room_id": session.room_id,
              "question_id": SignupQuestion.objects.create(event=event, prompt="Diet?").pk,
              "user_id": users["organizer"].pk,
              "invitation_id": invitation_create(event=event, email="new@x.example",
                                                 role="facilitator",
                                                 by=users["organizer"]).pk,
              "poll_id": poll_create(session=session, kind="single", prompt="Which?",
                                     choices=["a", "b"]).pk}
    # A room question with the sign-up question's id: both pages take the one `question_id`.
    Question.objects.create(pk=kwargs["question_id"], session=session, user=users["attendee"],
                            text="Why?")
    _sequence_reset(Question)
    Poll.objects.filter(pk=kwargs["poll_id"]).update(status="open")
    return World(users, kwargs, kwargs)


def _routes() -> list[tuple[str, str]]:
    def walk(resolver: URLResolver, prefix: str) -> list[tuple[str, str]]:
        found = []
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("admin/", "api/")):
                    continue
                found += walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append((pattern.name or "", prefix + str(pattern.pattern)))
        return found

    return walk(get_resolver(), "")


def _api_operations() -> list[tuple[str, str]]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [(method.upper(), path) for path, ops in schema["paths"].items()
            for method in ops if method in ("get", "post", "put", "patch", "delete")]


def test_every_route_has_a_rule() -> None:
    names = [name for name, _ in _routes()]
    assert "" not in names, "every page needs a URL name"
    assert sorted(set(names) - PAGES.keys()) == []
    assert sorted(set(_api_operations()) - API.keys()) == []


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        assert client.login(username=role, password=PASSWORD)
    return client


def _allowed(response, role: str) -> bool:
    if response.status_code in (401, 403, 404):
        return False
    if response.status_code == 302:
        return "/login/" not in response["Location"]
    return response.status_code < 500 and response.status_code not in (405,)


def _refused_wrongly(response, role: str) -> bool:
    """A visitor refused a page is sent to log in and back (never a bare 403); a logged-in
    user refused is told so (403, or 404 where the page must not reveal what exists), never
    sent to log in again."""
    if role == "anonymous":
        return not (response.status_code == 302
                    and "/accounts/login/?next=" in response["Location"])
    return response.status_code not in (403, 404)


def test_pages_allow_exactly_the_roles_in_the_matrix() -> None:
    from django.urls import reverse

    world = build_world()
    wrong = []
    for name, pattern in _routes():
        method, allowed = PAGES[name]
        keys = [part.split(":")[-1].rstrip(">").split(">")[0]
                for part in pattern.split("<")[1:]]
        url = reverse(name, kwargs={key: world.kwargs[key] for key in keys})
        for role in ROLES:
            client = _client(world, role)
            data = {key: world.kwargs.get(str(value)[1:], value) if str(value).startswith("$")
                    else value for key, value in POST_DATA.get(name, {}).items()}
            with transaction.atomic():  # each call sees the same untouched world
                response = client.get(url) if method == "GET" else client.post(url, data)
                transaction.set_rollback(True)
            assert response.status_code < 500, f"{role} {method} {url}: server error"
            if _allowed(response, role) != (role in allowed):
                wrong.append(f"{role} {method} {url} -> {response.status_code}")
            elif role not in allowed and _refused_wrongly(response, role):
                wrong.append(f"{role} {method} {url} -> {response.status_code} "
                             f"{response.get('Location', '')} (refused the wrong way)")
    assert wrong == [], "\n".join(wrong)


def test_api_allows_exactly_the_roles_in_the_matrix() -> None:
    world = build_world()
    tokens = {role: token_create(user=user, name="t")[1] for role, user in world.users.items()}
    wrong = []
    for (method, path), allowed in API.items():
        url = path.format(**world.api_values)
        for role in ROLES:
            with transaction.atomic():  # each call sees the same untouched world
                response = _api_call(method, url, path, role, tokens)
                transaction.set_rollback(True)
            assert response.status_code < 500, f"{role} {method} {url}: server error"
            if (response.status_code not in (401, 403, 404)) != (role in allowed):
                wrong.append(f"{role} {method} {url} -> {response.status_code}")
    assert wrong == [], "\n".join(wrong)


def api_body(path: str, email: str) -> str:
    """A valid JSON body for an unsafe API operation on ``path`` (shared with the CSRF test)."""
    body: object = {}
    if path.endswith("registrations"):
        body = {"name": "N", "email": email}
    elif path.endswith("assessments"):
        body = {"answers": {}}
    elif path.endswith("/polls/{poll_id}/votes"):
        body = {"answer": [0]}
    elif path.endswith("/polls"):
        body = {"kind": "rating", "prompt": "Useful?"}
    elif path.endswith("/questions"):
        body = {"text": "Why?"}
    elif path.endswith("checkins"):
        body = {"code": "not-a-code"}
    elif path.endswith("feedback"):
        body = {"rating": 4}
    elif path.endswith("posts"):
        body = []
    elif path.endswith("/me"):
        body = {"name": "Renamed"}
    elif path == "/api/v1/events":
        body = {"title": "New", "start_date": "2027-01-04", "capacity": 10,
                "template": "meetup"}
    elif path == "/api/v1/events/{slug}":
        body = {"venue": "Elsewhere"}
    elif path.endswith("/rooms"):
        body = {"name": "Annex", "capacity": 10}
    elif path.endswith("/slots"):
        body = {"start": "2027-05-01T18:00:00", "end": "2027-05-01T19:00:00"}
    elif path.endswith("/team"):
        body = {"email": email, "role": "facilitator"}
    elif path.endswith("/sessions"):
        body = {"title": "New", "format": "story", "target_levels": [1]}
    elif path.endswith("/proposals"):
        body = {"title": "New", "offer": "Stories", "levels": [1], "format": "community"}
    return json.dumps(body)


def _api_call(method: str, url: str, path: str, role: str, tokens: dict[str, str]):
    headers = {} if role == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"}
    return Client().generic(method, url, data=api_body(path, f"{role}@new.example"),
                            content_type="application/json", **headers)


def test_admin_is_for_staff_only() -> None:
    world = build_world()
    for role in ROLES:
        response = _client(world, role).get("/admin/")
        assert (response.status_code == 200) == (role == "staff"), role


def test_private_fields_never_reach_public_pages_or_the_public_api() -> None:
    world = build_world()
    Story.objects.create(title="Secret plan story", privacy="private", event_id=Registration
                         .objects.get(person__email="attendee@x.example").event_id)
    pages = ["/", "/events/here/", "/events/here/program/", "/stories/",
             "/api/v1/events/here", "/api/v1/events/here/sessions",
             "/api/v1/events/here/inventory/public"]
    for role in ("anonymous", "other_attendee", "other_organizer"):
        client = _client(world, role)
        for page in pages:
            text = client.get(page).content.decode()
            assert "attendee@x.example" not in text, (role, page)
            assert "Secret plan story" not in text, (role, page)


def _sequence_reset(model: type[Model]) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)
