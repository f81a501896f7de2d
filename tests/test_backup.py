"""Event backup and restore: export, delete, import gives back every row, or nothing at all."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from typer.testing import CliRunner

from immerse.audience.models import (
    AudienceSettings,
    Poll,
    PollPair,
    PollVote,
    Question,
    QuestionVote,
)
from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source, Upload
from immerse.backup import (
    BACKED_UP,
    BY_LABEL,
    MODEL_ORDER,
    NOT_BACKED_UP,
    RANK,
    event_delete,
    event_export,
)
from immerse.checkin.models import Attendance, CheckIn, CheckinSettings
from immerse.cli.backup import export_event, import_event
from immerse.events.models import Event, Room
from immerse.learning.models import (
    Chapter,
    EventPathway,
    ExperiencePost,
    Feedback,
    Mentorship,
    Plan,
    PlanCheckin,
    PlanComment,
    PlanVersion,
    Resource,
    Series,
    SeriesEvent,
    Story,
)
from immerse.openspace.models import OpenSpace, Proposal, ProposalVote
from immerse.people.models import (
    Assessment,
    Person,
    Registration,
    SheetUpload,
    Tool,
    ToolSnapshot,
    ToolUse,
)
from immerse.people.services.assessments import assessment_take_bulk
from immerse.program.models import AgendaItem, AgendaRun, SessionWaitlist, SessionWish
from immerse.studio.models import AuditEntry
from immerse.tables.models import TableNotes, TablePlan, TableSeat, TableStory, TableStoryConsent
from immerse.tables.notes import notes_save
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db
APPS = ("auth", "events", "people", "program", "checkin", "tables", "backchannel",
        "audience", "openspace", "learning", "studio")

cli = typer.Typer()
export_app, import_app = typer.Typer(), typer.Typer()
cli.add_typer(export_app, name="export")
cli.add_typer(import_app, name="import")
export_app.command("event")(export_event)
import_app.command("event")(import_event)
export_app.command("other")(lambda: None)  # keeps "event" a sub-command, as in `immerse`
import_app.command("other")(lambda: None)


def every_row() -> dict[str, set[str]]:
    """Every row of every immerse table (and users, without secrets) as canonical JSON."""
    rows: dict[str, set[str]] = {}
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.label in (
                "auth.Group", "auth.Permission"):
            continue
        found = set()
        for row in serializers.serialize("python", model._default_manager.all()):
            row["fields"].pop("password", None)
            row["fields"].pop("last_login", None)
            found.add(json.dumps(row, sort_keys=True, default=str))
        rows[model._meta.label_lower] = found
    return rows


def full_event() -> Event:
    """An event with a row in every table a backup holds, and one shared attendee."""
    blog, wiki = Tool.objects.get(key="blogging"), Tool.objects.get(key="wikis")
    other = make_event(slug="other")
    event = make_event(slug="full", external_data={"acronym": "FULL"},
                       video_uplinks=[{"label": "Live", "url": "https://video.example/1"}])
    organizer = make_user("olga")
    make_role(event=event, user=organizer)
    make_role(event=event, user=make_user("sam", staff=True), role="facilitator")
    shared = make_person(email="shared@test.example", user=make_user("shared"))
    make_registration(event=other, person=shared)
    ann = make_person(email="ann@test.example", user=make_user("ann"),
                      channels={"microblog": "@ann"}, bio="Librarian")
    host = make_person(email="host@test.example", is_expert=True)
    ToolUse.objects.create(person=ann, tool=blog, frequency="weekly", confidence=4)
    mine = make_registration(event=event, person=ann, level=3,
                             interests=["video"], stories="A wiki story")
    waits = make_registration(event=event, person=shared, status="waitlisted", level=1)
    make_registration(event=event, status="cancelled")
    blogging = make_session(event=event, title="Blogging")
    blogging.tools.set([blog, wiki])
    blogging.facilitators.set([host])
    wikis = make_session(event=event, title="Wikis", start_hour=11)
    before, _, _ = assessment_take_bulk(rows=[
        Assessment(person=ann, event=other, answers={"q1": 2}, level=2,
                   explanation="Reads blogs"),
        Assessment(person=ann, event=event, answers={"q1": 3}, level=3,
                   explanation="Writes a blog", topic_levels={"video": 2}),
        Assessment(person=shared, event=event, level=1, explanation="New")])
    # Taking an assessment snapshots the inventory; give the older one its own past.
    ToolSnapshot.objects.filter(assessment=before).update(tools={"blogging": ["monthly", 2]})
    run = AgendaRun.objects.create(event=event, created_by=organizer, status="done",
                                   stats={"placed": 2}, objective=1.5)
    AgendaItem.objects.create(registration=mine, session=blogging, run=run, reason="Level 3")
    SessionWaitlist.objects.create(registration=waits, session=blogging)
    SessionWish.objects.create(person=ann, session=wikis)
    TablePlan.objects.create(session=blogging, tables=2, objective=1.5, seconds=0.25,
                             violations=["table 2 is small"], rotation_round=1)
    TableSeat.objects.create(session=blogging, registration=mine, table=1, moved_by_hand=True)
    notes_save(session=blogging, table=1, author=ann, text="We listen", base=0)
    notes_save(session=blogging, table=1, author=ann, text="We listen\nthen ask", base=1)
    table_story = TableStory.objects.create(notes=TableNotes.objects.get(session=blogging),
                                            title="Listening", privacy="participants",
                                            proposed_by=organizer)
    TableStoryConsent.objects.create(story=table_story, person=ann, answer="yes")
    space = OpenSpace.objects.create(event=event, opens_at=datetime(2027, 4, 1, tzinfo=UTC),
                                     closes_at=datetime(2027, 4, 20, tzinfo=UTC),
                                     places_at=datetime(2027, 4, 21, tzinfo=UTC))
    space.slots.set([blogging.slot])
    idea = Proposal.objects.create(event=event, registration=mine, title="Maps", offer="x",
                                   levels=[1, 2], format="community", unplaced="no_votes")
    ProposalVote.objects.create(proposal=idea, registration=waits)
    Post.objects.create(event=event, source="mastodon", source_id="1", author="@ann",
                        text="Hello #full", hashtags=["#full"], is_question=True,
                        created_at=datetime(2027, 5, 1, 9, 30, 1, 123456, tzinfo=UTC))
    Feedback.objects.create(session=blogging, person=ann, rating=5, what_worked="Pairs",
                            level=3)
    story = Story.objects.create(title="Our wiki", person=ann, event=event, topics=["wiki"],
                                 search_text="our wiki")
    story.tools.set([wiki])
    story.sessions.set([wikis])
    plan = Plan.objects.create(person=ann, event=event, session=blogging, goal="Blog weekly")
    plan.reviewers.set([shared])
    version = PlanVersion.objects.create(plan=plan, number=1, goal="Blog weekly",
                                         tools=["blogging"])
    PlanComment.objects.create(plan=plan, version=version, author=host, kind="expert",
                               body="Start small")
    PlanCheckin.objects.create(plan=plan, step=1, status="done", event=other)
    Mentorship.objects.create(event=event, mentor=host, mentee=ann, fit=0.75)
    chapter = Chapter.objects.create(name="Amsterdam", slug="ams")
    chapter.events.set([event, other])
    series = Series.objects.create(title="Path", slug="path", chapter=chapter)
    SeriesEvent.objects.create(series=series, event=other, position=0)
    SeriesEvent.objects.create(series=series, event=event, position=1)
    EventPathway.objects.create(event=event, min_level=2).prerequisites.set([other])
    EventPathway.objects.create(event=make_event(slug="later")).prerequisites.set([event])
    Resource.objects.create(person=ann, title="Guide", url="https://guide.example").tools.set(
        [blog])
    ExperiencePost.objects.create(person=ann, title="It worked", body="Weekly").tools.set(
        [wiki])
    SheetUpload.objects.create(event=event, uploaded_by=organizer, filename="sheet.csv",
                               data=b"name,email\nAnn,ann@test.example\n")
    Source.objects.create(event=event, kind="mastodon", url="https://m.example", tag="full",
                          created_by=organizer, state={"min_id": "123"}, secret="",
                          last_summary={"created": 1})
    Upload.objects.create(event=event, uploaded_by=organizer, filename="toots.jsonl",
                          fmt="jsonl", data=b"", status="done", report={"created": 1})
    ListeningSettings.objects.create(event=event, wall_public=True, margin_after_hours=12)
    AuthorReview.objects.create(event=event, source="mastodon", author="spam", decision="blocked",
                                decided_by=organizer)
    AuditEntry.objects.create(event=event, actor=organizer, action="room.created",
                              summary="Added the room Annex", details={"room": 1})
    AudienceSettings.objects.create(event=event, anonymous_questions=True)
    asked = Question.objects.create(session=blogging, user=ann.user, text="Why <b>?",
                                    author_name="Ann", votes=1, pinned=True)
    QuestionVote.objects.create(question=asked, user=organizer)
    first = Poll.objects.create(session=blogging, kind="single", prompt="Blog?",
                                choices=["Yes", "No"], status="closed", phase="before")
    PollPair.objects.create(before=first, after=Poll.objects.create(
        session=blogging, kind="single", prompt="Blog?", choices=["Yes", "No"], phase="after"))
    PollVote.objects.create(poll=first, user=ann.user, answer=[0])
    CheckIn.objects.create(registration=mine, by=organizer, how="code",
                           at=datetime(2027, 5, 1, 8, 55, 3, tzinfo=UTC))
    Attendance.objects.create(registration=mine, session=blogging, by=None)
    CheckinSettings.objects.create(event=event, release_at=datetime(2027, 5, 1, 9, 15,
                                                                    tzinfo=UTC))
    return event


def test_every_table_is_in_the_backup_or_left_out_on_purpose() -> None:
    ours = {model._meta.label_lower for model in apps.get_models()
            if model._meta.app_label in APPS}

    assert ours == {m._meta.label_lower for m in MODEL_ORDER} | set(NOT_BACKED_UP)


def test_every_model_left_out_says_why_and_none_is_both() -> None:
    assert all(len(why) > 20 for why in NOT_BACKED_UP.values()), NOT_BACKED_UP
    assert not {m._meta.label_lower for m in MODEL_ORDER} & set(NOT_BACKED_UP)


def test_every_foreign_key_points_to_rows_restored_before() -> None:
    """The apps' declarations, in the order collected, restore what a row points to first."""
    late = [f"{model._meta.label_lower}.{f.name} -> {f.related_model._meta.label_lower}"
            for model in MODEL_ORDER for f in model._meta.concrete_fields
            if f.is_relation and RANK.get(f.related_model, len(RANK)) > RANK[model]]
    assert late == []


def test_no_excluded_field_is_written() -> None:
    doc = json.loads(backup(full_event()))
    excluded = {b.model: set(b.excluded) for b in BACKED_UP if b.excluded}
    assert "password" in excluded[get_user_model()]
    written = {(row["model"], name) for row in doc["objects"] for name in row["fields"]
               if set(row["fields"]) & excluded.get(BY_LABEL[row["model"]], set())}
    assert written == set()


def backup(event: Event) -> str:
    out = io.StringIO()
    event_export(event=event, out=out)
    return out.getvalue()


def restore(tmp_path: Path, text: str, *extra: str):
    path = tmp_path / "event.json"
    path.write_text(text)
    return CliRunner().invoke(cli, ["import", "event", str(path), *extra])


def test_round_trip_gives_back_every_row(tmp_path: Path) -> None:
    event = full_event()
    before = every_row()
    text = backup(event)

    removed = event_delete(event=event)
    assert removed == {"people": 3, "users": 2}  # ann, host, the cancelled; olga and ann
    assert not Person.objects.filter(email="ann@test.example").exists()
    assert Person.objects.filter(email="shared@test.example").exists()
    assert Story.objects.count() == Resource.objects.count() == 0
    result = restore(tmp_path, text)

    assert result.exit_code == 0, result.output
    assert "Restored full: " in result.stdout
    after = every_row()
    assert {label: after[label] ^ before[label] for label in before
            if after[label] != before[label]} == {}
    assert Person.objects.filter(email="shared@test.example").count() == 1


def test_no_credential_is_written_and_a_restore_leaves_them_empty(tmp_path: Path) -> None:
    """The backup is a download for every co-organizer (issue 27): an attendee's calendar
    secret and a listening source's password stay out; the restore makes them anew."""
    event = make_event(slug="tokens")
    make_registration(event=event, calendar_token="tok-ann-private")
    Source.objects.create(event=event, kind="bluesky", tag="x", secret="enc:app-password")
    text = backup(event)
    assert "tok-ann-private" not in text and "enc:app-password" not in text
    event_delete(event=event)
    assert restore(tmp_path, text).exit_code == 0
    assert Registration.objects.get(event__slug="tokens").calendar_token is None
    assert Source.objects.get(event__slug="tokens").secret == ""


def test_tool_snapshots_keep_their_version_1_label_in_the_file(tmp_path: Path) -> None:
    """ToolSnapshot moved from learning to people; files written before still restore."""
    event = full_event()
    text = backup(event)
    labels = [row["model"] for row in json.loads(text)["objects"]]
    assert labels.count("learning.toolsnapshot") == ToolSnapshot.objects.count() == 3
    assert "people.toolsnapshot" not in labels
    event_delete(event=event)

    assert restore(tmp_path, text).exit_code == 0
    assert ToolSnapshot.objects.count() == 3


def test_restored_accounts_have_no_password_and_kept_ones_keep_theirs(tmp_path: Path) -> None:
    text = backup(full_event())
    event_delete(event=Event.objects.get(slug="full"))

    result = restore(tmp_path, text)

    assert result.exit_code == 0, result.output
    users = get_user_model().objects
    assert not users.get(username="olga").has_usable_password()
    assert users.get(username="shared").check_password(PASSWORD)
    assert users.get(username="sam").is_staff  # never deleted: staff stay and keep rights
    assert '"password"' not in text and '"is_staff"' not in text


def test_a_file_cannot_grant_rights(tmp_path: Path) -> None:
    text = backup(full_event())
    event_delete(event=Event.objects.get(slug="full"))
    doc = json.loads(text)
    olga = next(row for row in doc["objects"] if row["fields"].get("username") == "olga")
    olga["fields"].update(is_staff=True, is_superuser=True, password="md5$x$y",
                          groups=[1], user_permissions=[1])

    result = restore(tmp_path, json.dumps(doc))

    assert result.exit_code == 0, result.output
    restored = get_user_model().objects.get(username="olga")
    assert (restored.is_staff, restored.is_superuser) == (False, False)
    assert not restored.has_usable_password()
    assert (restored.groups.count(), restored.user_permissions.count()) == (0, 0)


def test_export_command_writes_the_format_header_and_every_row() -> None:
    full_event()

    result = CliRunner().invoke(cli, ["export", "event", "full"])

    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["format"], doc["version"], doc["event"]) == ("immerse-event", 1, "full")
    labels = [row["model"] for row in doc["objects"]]
    assert labels.count("people.registration") == 3
    assert labels.count("people.assessment") == 3
    assert doc["refs"] == {"events": {str(Event.objects.get(slug="other").pk): "other"},
                           "unlocks": ["later"]}


def test_import_refuses_an_existing_slug_and_replace_restores_the_file(
        tmp_path: Path) -> None:
    event = full_event()
    before = every_row()
    text = backup(event)
    Event.objects.filter(pk=event.pk).update(title="Renamed")
    make_registration(event=event, person=make_person(email="late@test.example"))

    refused = restore(tmp_path, text)
    replaced = restore(tmp_path, text, "--replace")

    assert refused.exit_code == 1
    assert "event 'full' already exists; --replace deletes it first" in refused.output
    assert "Nothing was imported." in refused.output
    assert replaced.exit_code == 0, replaced.output
    after = every_row()
    assert {label: after[label] ^ before[label] for label in before
            if after[label] != before[label]} == {}


@pytest.mark.parametrize(("edit", "message"), [
    (lambda text: text[:-30], "not JSON"),
    (lambda text: text.replace('"immerse-event"', '"immerse-schedule"', 1),
     'not an immerse event backup (expected "format": "immerse-event" at the top)'),
    (lambda text: text.replace('"version": 1', '"version": 2', 1),
     "format version 2; this immerse reads version 1"),
    (lambda text: text.replace('"model": "people.registration"', '"model": "people.x"', 1),
     "expected a model this backup holds"),
    (lambda text: text.replace('"status": "waitlisted"', '"status": null', 1),
     "cannot restore people.registration rows"),
])
def test_import_rejects_a_bad_file_and_writes_nothing(tmp_path: Path, edit, message) -> None:
    text = backup(full_event())
    event_delete(event=Event.objects.get(slug="full"))
    before = every_row()

    result = restore(tmp_path, edit(text))

    assert result.exit_code == 1
    assert str(tmp_path / "event.json") in result.output
    assert message in result.output.replace("\n", " ")
    assert every_row() == before


def test_import_gives_rows_new_keys_when_theirs_are_taken(tmp_path: Path) -> None:
    event = full_event()
    text = backup(event)
    room_pk = Room.objects.get(event=event).pk
    event_delete(event=event)
    Room.objects.create(pk=room_pk, event=Event.objects.get(slug="other"), name="Taken",
                        capacity=5)

    result = restore(tmp_path, text)

    assert result.exit_code == 0, result.output
    restored = Room.objects.get(event__slug="full")
    assert restored.pk != room_pk
    assert restored.name == "Main room"
    assert set(restored.sessions.values_list("title", flat=True)) == {"Blogging", "Wikis"}
    assert Room.objects.get(pk=room_pk).name == "Taken"
    assert Registration.objects.filter(event__slug="full").count() == 3
