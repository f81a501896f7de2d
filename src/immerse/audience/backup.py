"""What the audience app puts in an event's backup (see ``common.backups``): the room's
rules, questions, polls and every vote (the report's results come from them)."""

from __future__ import annotations

from immerse.audience.models import (
    AudienceSettings,
    Poll,
    PollPair,
    PollVote,
    Question,
    QuestionVote,
)
from immerse.common.backups import AppBackup, event_rows

BACKUP = AppBackup(
    models=(event_rows(AudienceSettings), event_rows(Question, "session__event"),
            event_rows(QuestionVote, "question__session__event"),
            event_rows(Poll, "session__event"), event_rows(PollPair, "after__session__event"),
            event_rows(PollVote, "poll__session__event")),
    users=(
        lambda scope: Question.objects.filter(session__event=scope.event).values_list("user_id"),
        lambda scope: QuestionVote.objects.filter(question__session__event=scope.event)
        .values_list("user_id"),
        lambda scope: PollVote.objects.filter(poll__session__event=scope.event)
        .values_list("user_id"),
    ),
    user_links=("audience_questions", "audience_question_votes", "audience_poll_votes"),
)
