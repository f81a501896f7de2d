"""Listening pages: the dashboard, who may open them, and facilitators' notes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from immerse.backchannel.models import Post
from immerse.backchannel.selectors.dashboard import listening_for
from immerse.backchannel.services.ingest import posts_ingest
from tests.backchannel.factories import tweet
from tests.backchannel.test_services import SHARED
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_dashboard_shows_waiting_questions_and_response_time() -> None:
    event = make_event(slug="ws", organizer_handles=["@team"])
    data = (tweet(1, "Is the lab recorded?", minute=0) + tweet(2, "Yes it is", reply_to=1,
                                                              user="team", minute=30)
            + tweet(3, "Who hosts table 4?", user="cas", minute=5))
    posts_ingest(event=event, data=data, fmt="jsonl", source_name="t")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username=staff.username, password=PASSWORD)
    html = client.get("/events/ws/listening/").content.decode()
    assert "Who hosts table 4?" in html and "Is the lab recorded?" not in html
    assert "organizers answered <strong>50%</strong> of 2 questions" in html
    assert "median <strong>30 min</strong>" in html
    fragment = client.get("/events/ws/listening/?fragment=1").content.decode()
    assert "<html" not in fragment and "Who hosts table 4?" in fragment


def test_listening_pages_are_for_the_event_people_only() -> None:
    event = make_event(slug="ws")
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    client = Client()
    assert client.get("/events/ws/listening/")["Location"] == \
        "/accounts/login/?next=/events/ws/listening/"  # log in first
    client.login(username=attendee.username, password=PASSWORD)
    assert client.get("/events/ws/listening/").status_code == 403  # the staff dashboard
    assert client.get("/events/ws/listening/explore/?tag=mobile").status_code == 200


def test_facilitator_notes_join_the_backchannel() -> None:
    event = make_event(slug="ws")
    staff = make_user("marta")
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username="marta", password=PASSWORD)
    client.post("/events/ws/listening/notes/", {"text": "Table 3 asks: how to #measure?"})
    note = Post.objects.get(source="note")
    assert (note.author, note.hashtags, note.is_question) == ("marta", ["measure"], True)


def _staff_client(event) -> Client:
    staff = make_user()
    make_role(event=event, user=staff)
    client = Client()
    client.login(username=staff.username, password=PASSWORD)
    return client


def test_an_empty_event_says_nothing_was_heard_not_well_done() -> None:
    event = make_event(slug="ws")
    html = _staff_client(event).get("/events/ws/listening/").content.decode()
    assert "Well done" not in html and "Nobody is waiting" not in html
    assert "Nothing heard yet" in html
    assert "Add a Mastodon hashtag, a Bluesky search or a blog feed" in html


def test_sentiment_rows_add_up_to_every_post_reposts_and_unlabelled_included() -> None:
    event = make_event(slug="ws")
    retweet = json.dumps({"id_str": "9", "full_text": "RT @ann: Great talk!",
                          "user": {"screen_name": "bob"},
                          "created_at": "Mon Jul 15 10:09:00 +0000 2019",
                          "retweeted_status": {"id_str": "1", "full_text": "Great talk!",
                                               "user": {"screen_name": "ann"},
                                               "created_at": "Mon Jul 15 10:00:00 +0000 2019"}})
    posts_ingest(event=event, data=tweet(1, "Great talk!") + retweet.encode() + b"\n"
                 + tweet(2, "The room is B12", minute=3), fmt="jsonl", source_name="t")
    Post.objects.filter(source_id="2").update(sentiment="")  # stored before labelling existed
    data = listening_for(event=event)
    rows = dict(data.sentiment_rows)
    assert sum(rows.values()) == data.posts == Post.objects.filter(event=event).count() == 3
    assert rows["unlabelled"] == 1


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/listening is absent")
def test_sentiment_totals_add_up_on_the_ismb_backchannel() -> None:
    """The issue's figure: 2,255 of 3,162 posts were counted (reposts were left out)."""
    event = make_event(slug="ismb", start_date=date(2012, 7, 13), end_date=date(2012, 7, 17))
    data = (SHARED / "backchannel" / "ismb2012" / "ismb.csv").read_bytes()
    posts_ingest(event=event, data=data, fmt="csv", source_name="ismb.csv")
    summary = listening_for(event=event)
    assert summary.posts == 3162 and sum(n for _, n in summary.sentiment_rows) == 3162


def test_the_network_downloads_as_gexf_for_the_staff() -> None:
    event = make_event(slug="ws")
    posts_ingest(event=event, data=tweet(1, "Slides? @bob #r #stats")
                 + tweet(2, "Here", reply_to=1, user="bob"), fmt="jsonl", source_name="t")
    response = _staff_client(event).get("/events/ws/listening/network.gexf?graph=conversation")
    assert response["Content-Disposition"] == 'attachment; filename="ws-conversation.gexf"'
    body = b"".join(response.streaming_content).decode()
    assert 'version="1.3"' in body and 'label="bob"' in body


def test_topics_are_quoted_in_the_words_of_a_post_and_the_organizers_welcome_waits_for_nobody(
        ) -> None:
    event = make_event(slug="tq", organizer_handles=["@team"])
    texts = ["The wifi keeps dropping in room B", "wifi dropping again, room B is hopeless",
             "Great keynote on mobile video", "mobile video keynote was the best"] * 4
    data = tweet(100, "Welcome! Questions? Ask here.", user="team", minute=0)
    for n, text in enumerate(texts, start=1):
        data += tweet(n, text, user=f"p{n}", minute=n)
    posts_ingest(event=event, data=data, fmt="jsonl", source_name="t")
    found = listening_for(event=event)
    assert {example for _, _, example in found.topics} <= set(texts)
    assert len(found.topics) >= 2 and all(example for _, _, example in found.topics)
    assert found.unanswered_count == 0  # the team's own "Questions?" is not waiting
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username=staff.username, password=PASSWORD)
    html = client.get("/events/tq/listening/").content.decode()
    assert f"<q>{found.topics[0][2]}</q>" in html and "% of posts" in html
