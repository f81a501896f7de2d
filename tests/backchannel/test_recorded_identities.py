"""Real API shapes the outside tests met (issue 30, items 16-19), polled over HTTP: one
hashtag read through two Mastodon instances, content warnings, polls, alt text, quotes,
Bluesky link cards, quoted posts, labels, replies to posts not stored, organizers on their
own instance."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.test import Client

from immerse.backchannel.models import Post
from immerse.backchannel.selectors.dashboard import listening_for, posts_columns
from immerse.backchannel.services.alerts import questions_waiting
from immerse.backchannel.services.ingest import posts_ingest
from immerse.backchannel.services.polling import source_poll
from immerse.backchannel.services.sources import settings_update, source_add
from immerse.engine.listening.networks import conversation_graph, top_edges
from tests.backchannel.social_server import social_server
from tests.factories import PASSWORD, make_event, make_role, make_user

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).parent / "recorded"
NOON = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def event():
    return make_event(slug="ids", start_date=date(2026, 12, 5), end_date=date(2026, 12, 5),
                      time_zone="UTC", hashtags=["#msmimmersion"],
                      organizer_handles=["@lab@social.example", "@team.bsky.social"])


def _recorded(name: str):
    return json.loads((RECORDED / name).read_text())


@pytest.fixture
def two_instances(social, event):
    """The hashtag on fosstodon (the `social` server) and on social.example (another)."""
    social.add_statuses("msmimmersion", _recorded("mastodon_tag_timeline.json"))
    with social_server() as other:
        other.add_statuses("msmimmersion", _recorded("mastodon_tag_timeline_social_example.json"))
        reports = []
        for server in (social, other):
            source = source_add(event=event, kind="mastodon", url=server.url, tag="msmimmersion")
            reports.append(source_poll(source_id=source.pk, now=NOON, due_only=False).ingest)
        yield reports


def test_one_status_through_two_instances_is_one_post(two_instances) -> None:
    fosstodon, social_example = two_instances
    assert (fosstodon.created, fosstodon.duplicates) == (3, 0)
    # marta's question and rlang's reply again: already there (same uri, other local id);
    # lab's welcome shares its local id with kim's boost on fosstodon, and is new.
    assert (social_example.created, social_example.duplicates) == (5, 2)
    assert Post.objects.filter(author="rlang@fosstodon.org").count() == 1
    authors = set(Post.objects.filter(source="mastodon").values_list("author", flat=True))
    assert sorted(authors) == ["kim@fosstodon.org", "lab@social.example",
                               "marta@social.example", "noor@fosstodon.org",
                               "rlang@fosstodon.org"]
    welcome = Post.objects.get(author="lab@social.example", text__startswith="Welcome")
    assert welcome.source_id == ("https://social.example/users/lab/statuses/"
                                 "117733040521216210")


def test_organizers_on_their_own_instance_are_organizers(two_instances, event) -> None:
    data = listening_for(event=event, now=NOON)
    # lab's welcome ("Questions? Ask here") is theirs: not a question waiting for them.
    assert [p.author for p in data.unanswered] == ["noor@fosstodon.org"]
    assert questions_waiting(event=event, now=NOON) == (1, 137)
    assert "lab@social.example" not in [v.handle for v in data.voices if v.posts == 0]


def test_a_reply_to_a_post_not_stored_still_links_the_accounts(two_instances, event) -> None:
    columns, _ = posts_columns(event=event)
    edges = top_edges(conversation_graph(columns), limit=20)
    # lab answered a post of noor's that is not on the timeline, and named nobody.
    assert ("lab@social.example", "noor@fosstodon.org", 1) in edges


def test_polls_alt_text_quotes_and_warnings_are_kept(two_instances) -> None:
    welcome = Post.objects.get(author="lab@social.example", text__startswith="Welcome")
    assert welcome.attachments == [["poll", "Room B, hands-on"], ["poll", "Online stream"],
                                   ["alt", "Map of the ground floor, Room B circled"]]
    boost = Post.objects.get(kind="repost")
    assert boost.attachments == [["poll", "yes"], ["poll", "no"],
                                 ["alt", "The plenary hall, full"]]
    quote = Post.objects.get(text="This, exactly. #msmimmersion")
    assert quote.kind == "quote"
    assert quote.attachments == [["quote", "https://social.example/@marta/117733025644544890"]]
    warned = Post.objects.get(author="kim@fosstodon.org", sensitive=True)
    assert warned.content_warning == "keynote spoilers"
    question = Post.objects.get(author="marta@social.example", kind="post")
    assert (question.sensitive, question.content_warning) == (True, "long thread")


def test_poll_options_and_alt_text_count_for_topics(two_instances, event) -> None:
    columns, ids = posts_columns(event=event)
    welcome = Post.objects.get(author="lab@social.example", text__startswith="Welcome")
    assert columns.texts[ids.index(welcome.pk)].endswith(
        "\nRoom B, hands-on\nOnline stream\nMap of the ground floor, Room B circled")


@pytest.fixture
def bluesky(social, event):
    social.add_account("team.bsky.social", "pw")
    social.add_bluesky(_recorded("bluesky_search_embeds.json")["posts"])
    source = source_add(event=event, kind="bluesky", url=social.url, tag="#msmimmersion",
                        handle="team.bsky.social", app_password="pw")
    return source_poll(source_id=source.pk, now=NOON, due_only=False).ingest


def test_bluesky_embeds_quotes_labels_and_keycaps(bluesky, event) -> None:
    assert (bluesky.created, bluesky.problems) == (7, [])
    kinds = dict(Post.objects.values_list("source_id", "kind"))
    omar = "at://did:plc:4q2vgwkaqmb5l7ovkc7a3yqz/app.bsky.feed.post/"
    assert kinds[omar + "3ldcwb2quot2x"] == "quote"
    assert kinds[omar + "3ldcwc3rwm22x"] == "quote"  # a quote with images
    assert kinds["at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3ldcwd4feed2x"] \
        == "post"  # a feed embedded is not a quote
    with_images = Post.objects.get(source_id=omar + "3ldcwc3rwm22x")
    assert with_images.attachments == [
        ["alt", "Whiteboard with five listening rules"],
        ["quote", "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3ldcvp2zjqc2a"]]
    keycap = Post.objects.get(source_id=omar + "3ldcwf6keyc2x")
    assert keycap.hashtags == ["tag", "msmimmersion"]
    labelled = Post.objects.get(source_id=omar + "3ldcwg7labl2x")
    assert (labelled.sensitive, labelled.content_warning) == (True, "graphic-media")
    data = listening_for(event=event, now=NOON)
    assert data.links == [("https://blog.example.org/listening-notes", 1)]  # only in a card
    columns, _ = posts_columns(event=event)
    edges = top_edges(conversation_graph(columns), limit=20)
    assert ("saskia.bsky.social", "team.bsky.social", 1) in edges  # parent not stored


KEYNOTE = "the speaker&#x27;s demo deleted the production database"


def _staff(event) -> Client:
    staff = make_user()
    make_role(event=event, user=staff, role="organizer")
    client = Client()
    assert client.login(username=staff.username, password=PASSWORD)
    return client


def test_a_warned_post_is_collapsed_behind_its_warning(two_instances, event) -> None:
    settings_update(event=event, wall_public=True)
    wall = Client().get("/events/ids/wall/").content.decode()
    cover = wall.index("<summary>Content warning: keynote spoilers</summary>")
    assert wall.rindex('<details class="content-warning">', 0, cover) > 0
    assert cover < wall.index(KEYNOTE) < wall.index("</details>", cover)
    moderation = _staff(event).get("/events/ids/wall/moderate/").content.decode()
    assert "<summary>Content warning: long thread</summary>" in moderation


def test_warnings_and_alt_text_are_escaped(social, event) -> None:
    status = {"id": "9", "uri": "https://m.example/users/x/statuses/9",
              "created_at": "2026-12-05T10:00:00Z",
              "content": "<p>Is anyone recording this? #msmimmersion</p>",
              "spoiler_text": "<b>boo</b>", "sensitive": True,
              "media_attachments": [{"description": "<img src=x onerror=alert(1)>"}],
              "account": {"id": "1", "acct": "x", "url": "https://m.example/@x"}}
    posts_ingest(event=event, data=json.dumps(status).encode(), fmt="json", source_name="t")
    settings_update(event=event, wall_public=True)
    wall = Client().get("/events/ids/wall/").content.decode()
    assert "Content warning: &lt;b&gt;boo&lt;/b&gt;" in wall
    assert "Image: &lt;img src=x onerror=alert(1)&gt;" in wall
    assert "<b>boo" not in wall and "<img src=x" not in wall
    # The dashboard's questions waiting: collapsed and escaped as well.
    dashboard = _staff(event).get("/events/ids/listening/").content.decode()
    assert "<summary>Content warning: &lt;b&gt;boo&lt;/b&gt;</summary>" in dashboard


def test_holding_warned_posts_until_a_moderator_lets_them_through(two_instances,
                                                                  event) -> None:
    settings_update(event=event, wall_public=True, warned_posts="hold")
    assert KEYNOTE not in Client().get("/events/ids/wall/").content.decode()
    staff = _staff(event)
    moderation = staff.get("/events/ids/wall/moderate/").content.decode()
    assert "Waiting for review (2)" in moderation  # the keynote and marta's "long thread"
    warned = Post.objects.get(author="kim@fosstodon.org", sensitive=True)
    staff.post("/events/ids/wall/moderate/action/", {"post": warned.pk, "action": "release"})
    wall = Client().get("/events/ids/wall/").content.decode()
    assert KEYNOTE in wall and "Content warning: keynote spoilers" in wall
    assert "Waiting for review (1)" in staff.get("/events/ids/wall/moderate/").content.decode()


def test_the_warned_posts_setting_is_saved_from_the_moderation_page(event) -> None:
    staff = _staff(event)
    staff.post("/events/ids/listening/settings/", {"next": "moderate", "warned_posts": "hold"})
    assert event.listening_settings.warned_posts == "hold"
