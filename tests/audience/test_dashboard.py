from datetime import timedelta

import pytest
from django.urls import reverse

from immerse.audience import services
from immerse.audience.models import Question
from tests.audience.factories import make_room
from tests.audience.test_views import _as

pytestmark = pytest.mark.django_db


def test_the_listening_dashboard_counts_the_rooms_questions_and_their_answer_time() -> None:
    room = make_room()
    for text in ("Open?", "Done?"):
        services.question_ask(session=room.session, user=room.ann, name="A", text=text)
    done = Question.objects.get(text="Done?")
    Question.objects.filter(pk=done.pk).update(
        answered_at=done.created_at + timedelta(minutes=6))
    page = _as(room.organizer).get(reverse("listening", args=[room.event.slug]))
    text = " ".join(page.content.decode().split())
    assert "<strong>1</strong> question waiting (1 in the rooms)" in text
    assert "time to answer, all questions: median <strong>6 min</strong>" in text
