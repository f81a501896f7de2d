import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from immerse.audience import services
from immerse.audience.models import Poll, PollVote, Question, QuestionVote
from immerse.audience.selectors import poll_results, questions_ranked, questions_waiting
from immerse.audience.services import AudienceError
from tests.audience.factories import make_room

pytestmark = pytest.mark.django_db


def test_questions_rank_pinned_then_votes_then_age_answered_last() -> None:
    room = make_room()
    ask = lambda text: services.question_ask(session=room.session, user=room.ann,  # noqa: E731
                                             name="Ann", text=text)
    old, new, pinned, done = ask("Old one?"), ask("New one?"), ask("Pinned?"), ask("Done?")
    services.question_vote(question=new, user=room.bob)
    services.question_vote(question=done, user=room.bob)
    services.question_vote(question=done, user=room.ann)
    services.question_moderate(question=pinned, action="pin")
    services.question_moderate(question=done, action="answered")
    order = [q.text for q in questions_ranked(session=room.session)]
    assert order == ["Pinned?", "New one?", "Old one?", "Done?"]
    assert old.author_name == "Ann"


def test_a_second_upvote_is_a_no_op_and_undo_takes_it_back() -> None:
    room = make_room()
    question = services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?")
    assert services.question_vote(question=question, user=room.bob) is True
    assert services.question_vote(question=question, user=room.bob) is False
    question.refresh_from_db()
    assert question.votes == 1
    assert services.question_vote(question=question, user=room.bob, on=False) is True
    assert services.question_vote(question=question, user=room.bob, on=False) is False
    question.refresh_from_db()
    assert (question.votes, QuestionVote.objects.count()) == (0, 0)


def test_moderating_keeps_the_votes_given_since_the_question_was_read() -> None:
    """Pinning a question once wrote back the vote count it was read with: 0."""
    room = make_room()
    question = services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?")
    services.question_vote(question=question, user=room.bob)
    services.question_vote(question=question, user=room.ann)
    services.question_moderate(question=question, action="pin")
    question.refresh_from_db()
    assert (question.votes, question.pinned) == (2, True)


def test_anonymous_only_where_allowed_and_moderated_events_hold_questions() -> None:
    room = make_room()
    with pytest.raises(AudienceError) as refused:
        services.question_ask(session=room.session, user=room.ann, name="Ann", text="Q?",
                              anonymous=True)
    assert refused.value.field == "anonymous"
    services.audience_settings_set(event=room.event, anonymous_questions=True,
                                   moderate_questions=True)
    question = services.question_ask(session=room.session, user=room.ann, name="Ann",
                                      text="  Why   not? ", anonymous=True)
    assert (question.text, question.author_name, question.status) == ("Why not?", "", "pending")
    assert list(questions_ranked(session=room.session)) == []
    assert list(questions_ranked(session=room.session, staff=True)) == [question]
    with pytest.raises(AudienceError):
        services.question_vote(question=question, user=room.bob)


def test_questions_waiting_counts_open_ones_and_answer_times() -> None:
    room = make_room()
    asked = [services.question_ask(session=room.session, user=room.ann, name="A", text=t)
             for t in ("a?", "b?", "c?")]
    services.question_moderate(question=asked[1], action="hide")
    Question.objects.filter(pk=asked[2].pk).update(
        answered_at=asked[2].created_at + timedelta(seconds=90))
    found = questions_waiting(room.event, timezone.now())
    assert (found.count, found.answer_seconds) == (1, (90.0,))


def test_polls_tally_words_ratings_and_the_before_after_shift() -> None:
    room = make_room()
    before = services.poll_create(session=room.session, kind="single", prompt="Blog?",
                                  choices=["Yes", "No"])
    services.poll_status_set(poll=before, status="open")
    services.poll_vote(poll=before, user=room.ann, answer=["1"])
    services.poll_vote(poll=before, user=room.bob, answer=[1])
    after = services.poll_create(session=room.session, kind="single", prompt="", before=before)
    services.poll_status_set(poll=after, status="open")
    services.poll_vote(poll=after, user=room.ann, answer=[0])
    services.poll_vote(poll=after, user=room.bob, answer=[1])
    words = services.poll_create(session=room.session, kind="words", prompt="One word?")
    services.poll_status_set(poll=words, status="open")
    services.poll_vote(poll=words, user=room.ann, answer=["Listen", " the "])
    services.poll_vote(poll=words, user=room.bob, answer=["LISTEN"])
    results = {r.poll.pk: r for r in poll_results(session=room.session, user=room.ann)}
    assert results[before.pk].bars == [("Yes", 0, 0), ("No", 2, 100)]
    assert results[after.pk].shift == [("Yes", 0.5), ("No", -0.5)]
    assert results[after.pk].my_answer == [0]
    assert [(w.word, w.count) for w in results[words.pk].words] == [("listen", 2)]
    assert PollVote.objects.get(poll=words, user=room.ann).answer == ["listen", "the"]


def test_a_changed_vote_replaces_the_first_and_a_closed_poll_refuses() -> None:
    room = make_room()
    poll = services.poll_create(session=room.session, kind="rating", prompt="How useful?")
    with pytest.raises(AudienceError) as closed:
        services.poll_vote(poll=poll, user=room.ann, answer=[4])
    assert closed.value.closed
    services.poll_status_set(poll=poll, status="open")
    services.poll_vote(poll=poll, user=room.ann, answer=[4])
    services.poll_vote(poll=poll, user=room.ann, answer=[2])
    assert list(PollVote.objects.values_list("answer", flat=True)) == [[2]]
    with pytest.raises(AudienceError):
        services.poll_vote(poll=poll, user=room.ann, answer=[6])
    services.poll_status_set(poll=poll, status="closed")
    with pytest.raises(AudienceError):
        services.poll_vote(poll=poll, user=room.ann, answer=[3])


def test_inventory_poll_offers_the_tool_catalogue() -> None:
    room = make_room()
    poll = services.poll_create(session=room.session, kind="inventory",
                                prompt="Which of these tools did you use this week?")
    assert poll.choices[:2] == ["Microblogging", "Social networking"]
    assert len(poll.choices) == 12


@pytest.mark.django_db(transaction=True)
def test_one_upvote_under_two_threads_at_once() -> None:
    room = make_room(slug="threads")
    question = services.question_ask(session=room.session, user=room.ann, name="A", text="Q?")
    barrier, outcomes = threading.Barrier(2), []

    def vote() -> None:
        try:
            barrier.wait()
            outcomes.append(services.question_vote(question=question, user=room.bob))
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    question.refresh_from_db()
    assert sorted(outcomes) == [False, True]
    assert (question.votes, QuestionVote.objects.filter(question=question).count()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_one_poll_vote_under_two_threads_at_once() -> None:
    room = make_room(slug="pthreads")
    poll = services.poll_create(session=room.session, kind="single", prompt="?",
                                choices=["a", "b"])
    services.poll_status_set(poll=poll, status="open")
    barrier, errors = threading.Barrier(2), []

    def vote(choice: int) -> None:
        try:
            barrier.wait()
            services.poll_vote(poll=poll, user=room.bob, answer=[choice])
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert PollVote.objects.filter(poll=poll).count() == 1
    assert Poll.objects.get(pk=poll.pk).votes.get().answer in ([0], [1])
