"""Feedback after a session: the attendee's form, and the organizer's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.common.charts import bar_chart
from immerse.events.access import organizer_required, visible_event
from immerse.events.models import Event, Session
from immerse.learning import access, services
from immerse.learning.forms import FeedbackForm
from immerse.learning.selectors.feedback import (
    attendee_registration,
    feedback_get,
    feedback_summary,
)
from immerse.people.access import my_person


@login_required
def feedback_give(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = visible_event(request, slug)
    session = get_object_or_404(Session, pk=session_id, event=event)
    person = my_person(request)
    registration = attendee_registration(event=event, person=person)
    if registration is None or person is None:
        raise PermissionDenied(_("Only this event's confirmed attendees give feedback."))
    if not access.attended(person, session):
        raise PermissionDenied(str(services.NOT_ATTENDED))
    try:
        services.feedback_open_check(session=session)
    except services.FeedbackNotOpen as exc:
        # Nothing to ask yet: say when it opens (a POST is refused, nothing is saved).
        return render(request, "learning/feedback_not_open.html", {
            "event": event, "session": session, "reason": str(exc)},
            status=200 if request.method in ("GET", "HEAD") else 403)
    prompt = services.feedback_prompt(registration.level)
    existing = feedback_get(session=session, person=person)
    initial = ({"rating": existing.rating, "what_worked": existing.what_worked,
                "next_step": existing.next_step, "story_line": existing.story_line}
               if existing else None)
    form = FeedbackForm(request.POST or None, prompt=prompt, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(session=session, person=person, **form.cleaned_data)
        messages.success(request, _("Thank you: your feedback is saved. Only you and the "
                                   "organizers read it."))
        return redirect("learning-path")
    return render(request, "learning/feedback_form.html", {
        "event": event, "session": session, "form": form, "prompt": prompt})


@require_safe
@organizer_required
def feedback_overview(request: HttpRequest, event: Event) -> HttpResponse:
    summary = feedback_summary(event=event)
    chart = bar_chart([(row.label, row.average) for row in summary.by_format_level],
                      title=_("Average rating by format and level"), max_value=5,
                      counts=[row.count for row in summary.by_format_level])
    return render(request, "learning/feedback_overview.html", {
        "event": event, "summary": summary, "chart": chart})
