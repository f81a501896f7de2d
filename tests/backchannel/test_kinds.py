"""The polled kinds' registry: every entry whole, and every reader asking it (the model,
the form, the CLI, the poll, the wall, the test server and the docs)."""

from __future__ import annotations

import dataclasses
import doctest
import inspect
import re
from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from typer.testing import CliRunner

from immerse.backchannel import kinds
from immerse.backchannel.forms import SourceForm
from immerse.backchannel.kinds import KINDS, PolledKind, describe, in_a_sentence
from immerse.backchannel.models import Source
from immerse.backchannel.selectors.wall import JoinWay, join_ways
from immerse.backchannel.services.polling import cadence
from immerse.cli import app
from immerse.cli.listen_sources import SourceKindChoice
from tests.backchannel.factories import live_event
from tests.backchannel.social_server import ROUTES, SocialServer, _Handler

#: Fields an entry may leave empty, and why: no default address (one must be given), no
#: login, a kind that takes no tag says nothing in the CLI's --tag help.
MAY_BE_EMPTY = {"default_url", "login", "cli_tag"}
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _empty_fields(value: object) -> list[str]:
    empty = []
    for item in dataclasses.fields(value):  # type: ignore[arg-type]
        found = getattr(value, item.name)
        if dataclasses.is_dataclass(found):
            empty += _empty_fields(found)
        elif found in ("", None) and item.name not in MAY_BE_EMPTY:
            empty.append(item.name)
    return empty


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_every_entry_is_whole(kind: PolledKind) -> None:
    assert _empty_fields(kind) == []
    assert re.fullmatch(r"[a-z][a-z0-9_]*", kind.key)
    assert len(kind.key) <= Source._meta.get_field("kind").max_length
    assert inspect.isgeneratorfunction(kind.poll_function())
    assert isinstance(getattr(settings, kind.cadence_setting), int)
    assert cadence(kind.key).total_seconds() == getattr(settings, kind.cadence_setting)
    # Both templates name only the fields a source has.
    for template in (kind.source_label, kind.join):
        describe(template, url="https://example.org/a", tag="msm")
    # The test server answers the route in this kind's shape.
    assert kind.test_route in ROUTES and hasattr(_Handler, ROUTES[kind.test_route])


def test_keys_and_labels_are_unique() -> None:
    assert len({kind.key for kind in KINDS}) == len({kind.label for kind in KINDS}) == len(KINDS)


def test_the_pages_prose_names_every_kind() -> None:
    assert in_a_sentence() == "a Mastodon hashtag, a Bluesky search or a blog feed"
    assert all(kind.noun in in_a_sentence() for kind in KINDS)


def test_the_test_server_serves_every_route(social: SocialServer) -> None:
    for kind in KINDS:
        answer = httpx.get(social.url + kind.test_route)
        assert answer.content != b'{"error":"Not found"}', kind.key  # the catch-all


@pytest.mark.django_db
def test_a_new_kind_is_a_choice_with_no_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    forum = dataclasses.replace(KINDS[0], key="forum", label="Forum posts")
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, forum))
    field = Source._meta.get_field("kind")
    assert ("forum", "Forum posts") in field.choices
    field.clean("forum", None)
    assert ("forum", "Forum posts") in SourceForm().fields["kind"].choices
    out = StringIO()
    call_command("makemigrations", "backchannel", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_form_and_the_cli_offer_every_kind() -> None:
    form = SourceForm()
    assert list(form.fields["kind"].choices) == [(k.key, k.label) for k in KINDS]
    for kind in KINDS:
        assert kind.help.form_url in form.fields["url"].help_text
        assert kind.help.form_tag in form.fields["tag"].help_text
    assert [choice.value for choice in SourceKindChoice] == [k.key for k in KINDS]
    result = CliRunner().invoke(app, ["listen", "source", "add", "--help"],
                                env={"COLUMNS": "200"})
    assert f"<{'|'.join(k.key for k in KINDS)}>" in result.output


@pytest.mark.django_db
def test_the_wall_says_how_to_join_every_kind() -> None:
    event = live_event(slug="ws")
    for kind in KINDS:
        Source.objects.create(event=event, kind=kind.key, url=f"https://{kind.key}.example/x",
                              tag="msm")
    ways = join_ways(event=event)
    assert sorted(ways, key=lambda way: way.where) == sorted(
        (JoinWay(kind.platform, describe(kind.join, url=f"https://{kind.key}.example/x",
                                         tag="msm")) for kind in KINDS),
        key=lambda way: way.where)


def test_the_docs_list_every_kind() -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    keys = [kind.key for kind in KINDS]
    assert f"--kind {'|'.join(keys)} " in text
    section = text.split("## Listening sources", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| ", section, flags=re.M)
    assert rows == keys


def test_doctests() -> None:
    result = doctest.testmod(kinds)
    assert result.attempted > 0 and result.failed == 0
