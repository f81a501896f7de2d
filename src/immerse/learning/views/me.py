"""The person's own learning path, and retaking the level questionnaire."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.common.charts import level_chart
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.learning import access, services
from immerse.learning.forms import ReassessForm
from immerse.learning.selectors.community import mentees_of, mentors_of
from immerse.learning.selectors.plans import plans_of
from immerse.learning.selectors.progression import (
    events_suggested,
    level_history,
    person_events,
)
from immerse.learning.views.no_profile import no_profile
from immerse.people.access import my_person


@require_safe
@login_required
def learning_path(request: HttpRequest) -> HttpResponse:
    person = my_person(request)
    if person is None:
        return no_profile(request, _("My learning path"),
                          _("Your learning path starts when you sign up for an event."))
    history = list(level_history(person=person))
    chart = level_chart([(timezone.localdate(a.created_at), a.level) for a in history],
                        title=_("Your level over time, on the four-rung ladder"),
                        labels=LEVEL_LABELS) if history else None
    events = person_events(person=person)
    return render(request, "learning/path.html", {
        "person": person, "history": history, "chart": chart,
        "latest": history[-1] if history else None,
        "attended": events.attended, "coming_up": events.coming_up,
        "plans": plans_of(person=person),
        "suggestions": events_suggested(person=person, today=timezone.localdate(),
                                        language=get_language()),
        "mentors": mentors_of(person=person), "mentees": mentees_of(person=person),
        "is_practitioner": access.is_practitioner(person)})


@login_required
def reassess(request: HttpRequest) -> HttpResponse:
    """Retake the questionnaire; from an event's level card (``?event=``), back to it."""
    person = my_person(request)
    if person is None:
        return no_profile(request, _("The level questionnaire"),
                          _("The questionnaire places an attendee on the four-rung ladder."))
    event = Event.objects.filter(slug=request.GET.get("event", "")).first()
    latest = person.assessments.first()
    initial: dict[str, object] = {f"q_{key}": value
                                  for key, value in (latest.answers if latest else {}).items()}
    for use in person.tool_uses.select_related("tool"):
        initial[f"tool_{use.tool.key}"] = use.frequency
        initial[f"conf_{use.tool.key}"] = str(use.confidence)
    form = ReassessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = services.reassessment_submit(
            person=person, event=event, answers=form.answers(), tool_uses=form.tool_uses())
        messages.success(request, _("Your level now: %(level)s.")
                         % {"level": assessment.get_level_display()}
                         + f" {assessment.explanation}")
        if event is not None and person.registrations.filter(event=event).exists():
            return redirect("my-registration", slug=event.slug)
        return redirect("learning-path")
    return render(request, "learning/reassess.html", {
        "form": form, "event": event, "guessed": latest is None or latest.is_guess})
