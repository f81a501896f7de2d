import pytest
from django.test import Client
from django.urls import reverse

from immerse.audience import services
from immerse.audience.models import AudienceSettings, Poll, Question
from tests.audience.factories import make_room
from tests.factories import PASSWORD, make_role, make_user

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_an_attendee_asks_and_another_upvotes_through_the_pages() -> None:
    room = make_room()
    url = reverse("audience-questions", args=[room.event.slug, room.session.pk])
    response = _as(room.ann).post(url, {"text": "How do we listen first?"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.text, question.author_name) == ("How do we listen first?", "Ann")
    vote = reverse("audience-question-vote", args=[room.event.slug, question.pk])
    bob = _as(room.bob)
    bob.post(vote, {"vote": "1"})
    bob.post(vote, {"vote": "1"})
    question.refresh_from_db()
    assert question.votes == 1
    page = bob.get(url).content.decode()
    assert "Upvoted: undo" in page and "1 vote" in page


def test_the_live_fragment_answers_304_until_a_vote_changes_it() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?")
    live = reverse("audience-questions-live", args=[room.event.slug, room.session.pk])
    ann = _as(room.ann)
    first = ann.get(live)
    assert first.status_code == 200
    assert ann.get(live, headers={"If-None-Match": first["ETag"]}).status_code == 304
    services.question_vote(question=Question.objects.get(), user=room.bob)
    changed = ann.get(live, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and "1 vote" in changed.content.decode()


def test_the_projector_escapes_questions_and_is_for_staff() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="Ann",
                          text="<script>alert(1)</script>?")
    url = reverse("audience-projector", args=[room.event.slug, room.session.pk])
    page = _as(room.facilitator).get(url).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in page
    assert _as(room.ann).get(url).status_code == 403


def test_staff_hide_pin_and_answer_and_the_room_sees_it() -> None:
    room = make_room()
    hidden = services.question_ask(session=room.session, user=room.ann, name="A", text="Rude?")
    kept = services.question_ask(session=room.session, user=room.ann, name="A", text="Kept?")
    fac = _as(room.facilitator)
    for question, action in ((hidden, "hide"), (kept, "pin")):
        fac.post(reverse("audience-question-moderate", args=[room.event.slug, question.pk]),
                 {"action": action})
    page = _as(room.bob).get(reverse("audience-questions",
                                     args=[room.event.slug, room.session.pk])).content.decode()
    assert "Rude?" not in page and "Kept?" in page and "Pinned" in page
    moderate = reverse("audience-question-moderate", args=[room.event.slug, kept.pk])
    assert _as(room.ann).post(moderate, {"action": "hide"}).status_code == 403


def test_another_events_organizer_gets_404_on_this_events_rows() -> None:
    room, other = make_room(), make_room(slug="other")
    question = services.question_ask(session=room.session, user=room.ann, name="A", text="Q?")
    outsider = _as(other.organizer)
    assert outsider.post(reverse("audience-question-moderate",
                                 args=[other.event.slug, question.pk]),
                         {"action": "hide"}).status_code == 404
    assert outsider.get(reverse("audience-queue", args=[room.event.slug])).status_code == 403


def test_the_queue_shows_room_questions_and_saves_the_rules() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="A", text="From the room?")
    org = _as(room.organizer)
    url = reverse("audience-queue", args=[room.event.slug])
    assert "From the room?" in org.get(url).content.decode()
    org.post(url, {"anonymous_questions": "on"})
    rules = AudienceSettings.objects.get(event=room.event)
    assert (rules.anonymous_questions, rules.moderate_questions) == (True, False)


def test_staff_create_and_open_a_poll_and_attendees_vote_on_their_phones() -> None:
    room = make_room()
    polls = reverse("audience-polls", args=[room.event.slug, room.session.pk])
    fac = _as(room.facilitator)
    fac.post(polls, {"kind": "multiple", "prompt": "Which?", "choices": "Blog\nWiki\nPodcast"})
    poll = Poll.objects.get()
    assert _as(room.ann).get(polls).content.decode().count("Which?") == 0  # a draft
    fac.post(reverse("audience-poll-action", args=[room.event.slug, poll.pk]),
             {"action": "open"})
    ann = _as(room.ann)
    ann.post(reverse("audience-poll-vote", args=[room.event.slug, poll.pk]),
             {"answer": ["0", "2"]})
    page = ann.get(polls).content.decode()
    assert "1 answer" in page and 'value="100"' in page
    assert poll.votes.get().answer == [0, 2]


def test_a_stranger_is_refused_and_a_visitor_sent_to_log_in() -> None:
    room = make_room()
    url = reverse("audience-questions", args=[room.event.slug, room.session.pk])
    assert _as(make_user("stranger")).get(url).status_code == 403
    assert Client().get(url)["Location"].startswith("/accounts/login/?next=")


def test_the_session_page_links_to_questions_and_polls() -> None:
    room = make_room()
    make_role(event=room.event, user=make_user("x"))
    page = _as(room.ann).get(reverse("session-detail", args=[room.event.slug, room.session.pk]))
    assert reverse("audience-questions", args=[room.event.slug, room.session.pk]) in \
        page.content.decode()


def test_a_choice_poll_shift_reads_in_percentage_points() -> None:
    """The shift once showed raw shares to four decimals ("Yes 0.5; No -0.5")."""
    room = make_room()
    before = services.poll_create(session=room.session, kind="single", prompt="Blog?",
                                  choices=["Yes", "No"])
    after = services.poll_create(session=room.session, kind="single", prompt="", before=before)
    for poll, answers in ((before, (1, 1)), (after, (0, 1))):
        services.poll_status_set(poll=poll, status="open")
        for user, answer in zip((room.ann, room.bob), answers, strict=True):
            services.poll_vote(poll=poll, user=user, answer=[answer])
    page = _as(room.organizer).get(reverse("learning-report", args=[room.event.slug]))
    text = " ".join(page.content.decode().split())
    assert "Shift since before: Yes +50 percentage points; No -50 percentage points" in text


def test_the_event_report_shows_poll_results_and_the_before_after_shift() -> None:
    room = make_room()
    services.question_ask(session=room.session, user=room.ann, name="A", text="Q?")
    before = services.poll_create(session=room.session, kind="rating", prompt="Confident?")
    after = services.poll_create(session=room.session, kind="rating", prompt="", before=before)
    for poll, rating in ((before, 2), (after, 4)):
        services.poll_status_set(poll=poll, status="open")
        services.poll_vote(poll=poll, user=room.ann, answer=[rating])
    page = _as(room.organizer).get(reverse("learning-report", args=[room.event.slug]))
    text = page.content.decode()
    assert "Questions and polls from the room" in text and "1 question asked" in text
    assert "Shift since before: mean rating +2.0" in text
