"""Reads for the room: questions in the room's order, poll results, the organizers' queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from immerse.audience.models import Poll, PollPair, PollVote, Question, QuestionVote
from immerse.backchannel.models import Post
from immerse.common.live import live_key, live_version, rows_version
from immerse.common.waiting import Waiting
from immerse.engine.listening.analysis_questions import unanswered_questions
from immerse.engine.polls import choice_shift, rating_summary, tally_choices
from immerse.engine.wordcloud import PlacedWord, word_counts, wordcloud_layout
from immerse.events.models import Event, Session


def questions_ranked(*, session: Session, staff: bool = False) -> QuerySet[Question]:
    """Pinned first, then unanswered before answered, most votes, oldest first. The room
    sees visible questions; staff also those waiting for approval (first of all)."""
    shown = [Question.Status.VISIBLE, Question.Status.PENDING] if staff \
        else [Question.Status.VISIBLE]
    waiting_first = Case(When(status=Question.Status.PENDING, then=Value(0)),
                         default=Value(1), output_field=IntegerField())
    answered_last = Case(When(answered_at__isnull=True, then=Value(0)), default=Value(1),
                         output_field=IntegerField())
    return (Question.objects.filter(session=session, status__in=shown)
            .order_by(waiting_first, "-pinned", answered_last, "-votes", "created_at", "id"))


def questions_version(*, session: Session) -> str:
    """Changes with any question of the session: the services bump it (``common.live``),
    and the rows give it after a restart (votes move ``updated_at``, so the viewer's own
    votes, which their buttons show, move it too)."""
    version = live_version(live_key("questions", session.pk), lambda: rows_version(
        Question.objects.filter(session=session)))
    assert version is not None  # computed on a miss
    return version


def my_votes(*, session: Session, user: Any) -> set[int]:
    return set(QuestionVote.objects.filter(question__session=session, user=user)
               .values_list("question_id", flat=True))


def questions_waiting(event: Event, now: datetime) -> Waiting:
    """The room's questions waiting for an answer (visible or waiting for approval, not
    answered) and how long answered ones waited: the listening dashboard's source."""
    rows = Question.objects.filter(session__event=event).exclude(status=Question.Status.HIDDEN)
    count = rows.filter(answered_at__isnull=True).count()
    answered = rows.filter(answered_at__isnull=False).values_list("created_at", "answered_at")
    return Waiting(count, tuple(max((done - asked).total_seconds(), 0.0)
                                for asked, done in answered if done is not None))


def queue_for(*, event: Event) -> list[Question]:
    """Every room question waiting, oldest first, with its session."""
    return list(Question.objects.filter(session__event=event, answered_at__isnull=True)
                .exclude(status=Question.Status.HIDDEN).select_related("session")
                .order_by("created_at", "id")[:200])


def backchannel_waiting(*, event: Event, now: datetime, within_minutes: int = 60
                        ) -> list[Post]:
    """The backchannel's questions unanswered for ``within_minutes`` (as the listening
    dashboard finds them), oldest first."""
    # Imported here: the dashboard's module pulls in the network analysis (SciPy, Numba),
    # which no web process loads until a dashboard is asked for (tests/test_web_process.py).
    from immerse.backchannel.selectors.dashboard import posts_columns

    columns, ids = posts_columns(event=event)
    found = unanswered_questions(columns, within_seconds=within_minutes * 60,
                                 now=int(now.timestamp()), organizers=event.organizer_handles)
    wanted = [ids[int(row)] for row in found.rows[:200]]
    posts = Post.objects.in_bulk(wanted)
    return [posts[pk] for pk in wanted if pk in posts]


@dataclass(frozen=True)
class PollResult:
    poll: Poll
    voters: int
    bars: list[tuple[str, int, int]]  # label, votes, percent of voters
    mean: float | None
    words: list[PlacedWord]
    shift: list[tuple[str, float]] | None  # per choice (or "mean"), after − before
    my_answer: list[Any] | None
    before_id: int | None  # the "before" poll of an "after" poll

    @property
    def shift_points(self) -> list[tuple[str, str]]:
        """Per choice, the shift in signed percentage points ("+26", "-41"): ``shift``
        holds shares (the API's figures), which read as noise on a screen."""
        if not self.shift or self.poll.kind == Poll.Kind.RATING:
            return []
        return [(label, f"{round(100 * change):+d}") for label, change in self.shift]

    @property
    def shift_mean(self) -> str | None:
        """A rating poll's shift of the mean, signed ("+0.8")."""
        if not self.shift or self.poll.kind != Poll.Kind.RATING:
            return None
        return f"{self.shift[0][1]:+.1f}"

    @property
    def cloud_height(self) -> int:
        """The word cloud's height: the last line's baseline and room for descenders."""
        return max((w.y for w in self.words), default=0) + 12


def polls_version(*, session: Session) -> str:
    version = live_version(live_key("polls", session.pk), lambda: rows_version(
        Poll.objects.filter(session=session),
        extra=rows_version(PollVote.objects.filter(poll__session=session))))
    assert version is not None  # computed on a miss
    return version


def poll_results(*, session: Session, user: Any = None, shown_only: bool = True
                 ) -> list[PollResult]:
    """The session's polls (open and closed ones; drafts too for staff) with results."""
    polls = Poll.objects.filter(session=session).order_by("id")
    if shown_only:
        polls = polls.exclude(status=Poll.Status.DRAFT)
    polls_list = list(polls)
    pairs = dict(PollPair.objects.filter(after__session=session)
                 .values_list("after_id", "before_id"))
    wanted = {p.pk for p in polls_list} | set(pairs.values())
    answers: dict[int, list[tuple[int, list[Any]]]] = {pk: [] for pk in wanted}
    for poll_id, user_id, answer in PollVote.objects.filter(poll_id__in=wanted).values_list(
            "poll_id", "user_id", "answer"):
        answers[poll_id].append((user_id, answer))
    viewer: int | None = getattr(user, "pk", None)
    return [_result(p, answers, viewer, pairs.get(p.pk)) for p in polls_list]


def _result(poll: Poll, answers: dict[int, list[tuple[int, list[Any]]]],
            user_id: int | None, before_id: int | None) -> PollResult:
    given = [a for _u, a in answers[poll.pk]]
    mine = next((a for u, a in answers[poll.pk] if u == user_id), None)
    bars: list[tuple[str, int, int]] = []
    mean, words, shift = None, [], None
    if poll.kind == Poll.Kind.RATING:
        summary = rating_summary(given)
        mean = summary.mean
        bars = _bars([str(r) for r in range(1, 6)], summary.counts, len(given))
    elif poll.kind == Poll.Kind.WORDS:
        words = wordcloud_layout(word_counts(given), width=600)
    else:
        bars = _bars(poll.choices, tally_choices(given, choices=len(poll.choices)), len(given))
    if before_id is not None and before_id in answers:
        shift = _shift(poll, [a for _u, a in answers[before_id]], given)
    return PollResult(poll, len(given), bars, mean, words, shift, mine, before_id)


def _bars(labels: list[str], counts: list[int], voters: int) -> list[tuple[str, int, int]]:
    return [(label, n, round(100 * n / voters) if voters else 0)
            for label, n in zip(labels, counts, strict=True)]


def _shift(poll: Poll, before: list[Any], after: list[Any]) -> list[tuple[str, float]] | None:
    if poll.kind == Poll.Kind.RATING:
        low, high = rating_summary(before).mean, rating_summary(after).mean
        return [("mean", round(high - low, 2))] if low is not None and high is not None else []
    if poll.kind == Poll.Kind.WORDS:
        return None
    n = len(poll.choices)
    changes = choice_shift(tally_choices(before, choices=n), tally_choices(after, choices=n),
                           before_voters=len(before), after_voters=len(after))
    return list(zip(poll.choices, changes, strict=True))


def event_report(*, event: Event) -> list[tuple[Session, list[PollResult], int]]:
    """For the organizer's report: each session with questions or polls, its shown polls'
    results (before/after shifts included) and how many questions it got."""
    sessions = (Session.objects.filter(event=event)
                .annotate(asked=Count("questions", distinct=True),
                          polled=Count("polls", distinct=True))
                .filter(Q(asked__gt=0) | Q(polled__gt=0)).order_by("id"))
    return [(s, poll_results(session=s), s.asked) for s in sessions]
