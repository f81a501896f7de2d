"""`immerse listen source add|list`, `poll`, `network --format gexf`, `rekey`, as a user
types them; the network file validates against the published GEXF 1.3 schema."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from immerse.backchannel.models import Post, Source
from immerse.backchannel.secrets import secret_open
from immerse.backchannel.services.ingest import posts_ingest
from immerse.cli import app
from tests.backchannel.factories import live_event, statuses

pytestmark = pytest.mark.django_db
SCHEMAS = Path(os.environ.get("IMMERSE_SHARED_DATA", Path(__file__).resolve().parents[2] / ".."
                              / "shared" / "data")) / "formats" / "schemas" / "gexf-1.3"


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(app, list(args), env=env)
    return result


def test_source_add_list_and_poll_from_the_command_line(social) -> None:
    event = live_event(slug="msm")
    social.add_statuses("msm", statuses(12, start=timezone.now() - timedelta(hours=1)))
    added = run("listen", "source", "add", "--event", "msm", "--kind", "mastodon",
                "--url", social.url, "--tag", "#msm")
    assert added.exit_code == 0, added.output
    assert "Listening to #msm on 127.0.0.1" in added.output
    polled = run("listen", "poll", "--event", "msm")
    assert polled.exit_code == 0, polled.output
    assert "12 posts read, 12 new" in polled.output
    listed = run("listen", "source", "list", "--event", "msm")
    assert "Listening. Last poll" in listed.output and "12 new" in listed.output
    assert Post.objects.filter(event=event).count() == 12


def test_a_bad_source_is_refused_naming_the_field() -> None:
    live_event(slug="msm")
    result = run("listen", "source", "add", "--event", "msm", "--kind", "mastodon",
                 "--url", "mastodon.social", "--tag", "msm")
    assert result.exit_code == 2 and "url: 'mastodon.social' is not an http(s) address" in \
        result.output


def test_bluesky_app_password_from_the_environment_is_stored_encrypted() -> None:
    live_event(slug="msm")
    result = run("listen", "source", "add", "--event", "msm", "--kind", "bluesky", "--url",
                 "https://bsky.social", "--tag", "msm", "--handle", "team.bsky.social",
                 env={"IMMERSE_BLUESKY_APP_PASSWORD": "aaaa-bbbb-cccc-dddd"})
    assert result.exit_code == 0, result.output
    source = Source.objects.get()
    assert "aaaa" not in source.secret
    assert secret_open(source.secret)["password"] == "aaaa-bbbb-cccc-dddd"


def test_poll_exits_1_and_says_why_when_a_source_fails(social) -> None:
    live_event(slug="msm")
    run("listen", "source", "add", "--event", "msm", "--kind", "feed", "--url",
        social.url + "/feeds/missing")
    result = run("listen", "poll")
    assert result.exit_code == 1
    assert "stopped:" in result.output and "(404)" in result.output


def test_rekey_moves_credentials_to_the_new_key(settings) -> None:
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.IMMERSE_LISTEN_KEYS = [old]
    live_event(slug="msm")
    added = run("listen", "source", "add", "--event", "msm", "--kind", "bluesky", "--url",
                "https://bsky.social", "--tag", "#msm", "--handle", "t.bsky.social",
                env={"IMMERSE_BLUESKY_APP_PASSWORD": "pw"})
    assert added.exit_code == 0, added.output
    settings.IMMERSE_LISTEN_KEYS = [new, old]
    assert "1 source credential(s)" in run("listen", "rekey").output
    settings.IMMERSE_LISTEN_KEYS = [new]  # the old key is gone: still readable
    assert secret_open(Source.objects.get().secret) == {"password": "pw"}


@pytest.mark.skipif(not (SCHEMAS / "gexf.xsd").is_file(),
                    reason="../shared/data/formats/schemas/gexf-1.3 is absent")
@pytest.mark.parametrize("graph", ["conversation", "hashtags"])
def test_network_gexf_validates_against_the_gexf_1_3_schema(tmp_path: Path, graph) -> None:
    import xmlschema

    event = live_event(slug="msm", hashtags=["#mobile"])
    data = (_tweet(1, "Slides? @bob #r #stats & <b>", "ann \x01 odd")
            + _tweet(2, "Here they are #r #mobile", "bob", reply_to=1)
            + _tweet(3, "Thanks @bob @ann 🎉 #stats #r", "cas"))
    posts_ingest(event=event, data=data, fmt="jsonl", source_name="t")
    out = tmp_path / f"{graph}.gexf"
    result = run("listen", "network", "--event", "msm", "--format", "gexf", "--graph", graph,
                 "--output", str(out))
    assert result.exit_code == 0, result.output
    schema = xmlschema.XMLSchema(str(SCHEMAS / "gexf.xsd"))
    schema.validate(str(out))  # raises with the place of any violation
    document = schema.to_dict(str(out))
    nodes = document["graph"]["nodes"]["node"]
    edges = document["graph"]["edges"]["edge"]
    labels = {node["@label"] for node in nodes}
    if graph == "conversation":
        assert {"bob", "cas"} <= labels
        assert document["graph"]["@defaultedgetype"] == "directed"
    else:
        assert labels == {"r", "stats", "mobile"}  # the file keeps the event's own tag
        pair = next(e for e in edges if {e["@source"], e["@target"]} == {
            n["@id"] for n in nodes if n["@label"] in ("r", "stats")})
        assert pair["@weight"] == 2.0  # posts 1 and 3 use both


def _tweet(n: int, text: str, user: str, reply_to: int | None = None) -> bytes:
    """A v1.1 tweet whose hashtags and mentions come from its text (no entities)."""
    import json

    return json.dumps({"id_str": str(n), "full_text": text, "user": {"screen_name": user},
                       "created_at": timezone.now().strftime("%a %b %d %H:%M:%S +0000 %Y"),
                       "in_reply_to_status_id_str": str(reply_to) if reply_to else None}
                      ).encode() + b"\n"


def test_network_to_standard_output() -> None:
    live_event(slug="msm")
    result = run("listen", "network", "--event", "msm", "--format", "gexf")
    assert result.exit_code == 0 and '<nodes count="0">' in result.output


def test_poll_and_source_list_print_what_was_left_out_and_why(social) -> None:
    from email.utils import format_datetime

    live_event(slug="msm")
    now = timezone.now()
    items = "".join(
        f"<item><guid>g{i}</guid><title>Post {i}</title><pubDate>{format_datetime(when)}"
        "</pubDate></item>" for i, when in enumerate([now, now - timedelta(days=60)]))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>{items}'
            "<item><guid>nodate</guid><title>When?</title></item></channel></rss>")
    url = social.set_feed("blog", body.encode(), etag='"1"')
    run("listen", "source", "add", "--event", "msm", "--kind", "feed", "--url", url)
    polled = run("listen", "poll", "--event", "msm")
    assert "1 left out (1 before the event window)" in polled.output
    assert "unreadable: entry 3: entry has no published/updated date" in polled.output
    listed = run("listen", "source", "list", "--event", "msm").output
    assert "1 left out (1 before the event window), 1 unreadable" in listed
    assert "unreadable: entry 3: entry has no published/updated date" in listed
