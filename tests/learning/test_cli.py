"""`immerse stories search` and `immerse report`, through a small Typer app of our own."""

from __future__ import annotations

from datetime import date

import orjson
import pytest
import typer
from typer.testing import CliRunner

from immerse.cli.learning import report, stories_search
from tests.factories import make_event, make_role, make_user
from tests.learning.factories import at, make_assessment, make_attendee, make_plan, make_story

pytestmark = pytest.mark.django_db(transaction=False)

app = typer.Typer()
stories_app = typer.Typer()
stories_app.command("search")(stories_search)
app.add_typer(stories_app, name="stories")
app.command("report")(report)
runner = CliRunner()


@pytest.fixture
def event_with_stories():
    event = make_event(slug="cli-event", start_date=date(2027, 3, 1), end_date=date(2027, 3, 1))
    make_story(title="Public wiki story", event=event, privacy="public", body="Our wiki grew.")
    make_story(title="Members wiki story", event=event, privacy="participants", body="wiki")
    make_story(title="Secret wiki problem", event=event, privacy="private", body="wiki")
    make_story(title="Other wiki story", privacy="public", body="wiki elsewhere")
    return event


def _titles(output: str) -> list[str]:
    return sorted(s["title"] for s in orjson.loads(output)["stories"])


def test_stories_search_shows_public_items_only_by_default(event_with_stories) -> None:
    result = runner.invoke(app, ["stories", "search", "wiki", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _titles(result.stdout) == ["Other wiki story", "Public wiki story"]


def test_stories_search_as_organizer_sees_everything_for_the_event(event_with_stories) -> None:
    organizer = make_user("olivia")
    make_role(event=event_with_stories, user=organizer)
    result = runner.invoke(app, ["stories", "search", "wiki", "--event", "cli-event",
                                 "--as", "olivia", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _titles(result.stdout) == ["Members wiki story", "Public wiki story",
                                      "Secret wiki problem"]


def test_stories_search_text_output_and_errors(event_with_stories) -> None:
    result = runner.invoke(app, ["stories", "search", "grew"])
    assert result.exit_code == 0 and "Public wiki story" in result.stdout
    assert "1 found." in result.stdout
    missing = runner.invoke(app, ["stories", "search", "wiki", "--event", "nope"])
    assert missing.exit_code == 2 and "No event with slug 'nope'" in missing.stderr
    nobody = runner.invoke(app, ["stories", "search", "wiki", "--as", "ghost"])
    assert nobody.exit_code == 2 and "No user named 'ghost'" in nobody.stderr


def test_report_json_has_the_exact_figures(event_with_stories) -> None:
    _, ann = make_attendee(event=event_with_stories, level=1)
    make_assessment(person=ann, level=1, when=at(2027, 2, 1), tools={"wikis": "never"})
    make_assessment(person=ann, level=2, when=at(2027, 4, 1), tools={"wikis": "weekly"})
    _, bob = make_attendee(event=event_with_stories, level=2)
    make_assessment(person=bob, level=2, when=at(2027, 2, 1))
    make_plan(person=ann, event=event_with_stories)
    result = runner.invoke(app, ["report", "--event", "cli-event", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout)
    assert {k: data[k] for k in ("attendees", "level_movement", "plans", "tools_adopted")} == {
        "attendees": 2, "level_movement": {"1->2": 1}, "plans": 1,  # Bob did not retake it
        "tools_adopted": {"wikis": 1}}
    assert (data["reassessed"], data["levels_at_signup"], data["levels_now"]) == (
        1, {"1": 1, "2": 1, "3": 0, "4": 0}, {"1": 0, "2": 2, "3": 0, "4": 0})
    text = runner.invoke(app, ["report", "--event", "cli-event"])
    assert ("2 attendees, 1 retook the questionnaire since it began, 1 plan (0 followed up)"
            in " ".join(text.stdout.split())) and "1->2" in text.stdout
