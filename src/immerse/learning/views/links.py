"""Pages reached from a mail's signed link, without logging in: rate a session, answer
"did step 1 happen?". The link is the credential; writes happen only on POST.

One-click rating and mail scanners: many mail systems fetch every link of a message before
the person sees it. So a GET never records anything. The rating link opens a page whose
script posts the rating at once (one click for the person; without script, one button);
a scanner that only fetches records nothing. One that also runs scripts could record a
rating, so a rating from a link is always overwritable: the page shows it and lets the
person change it and add words, and the feedback form overwrites it too.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from immerse.common.ids import number_parse
from immerse.events.models import Event, Session
from immerse.learning import services
from immerse.learning.forms import CheckinForm, LinkFeedbackForm
from immerse.learning.models import Plan
from immerse.learning.notifications import CHECKIN_LINK_AGE, FEEDBACK_LINK_AGE
from immerse.learning.selectors.feedback import feedback_get
from immerse.notify.kinds import RATING_LABELS
from immerse.notify.links import LinkInvalid, token_read
from immerse.people.models import Person


def _refused(request: HttpRequest, error: str, status: int = 400) -> HttpResponse:
    return render(request, "learning/link_refused.html", {"error": error}, status=status)


def _rating(value: str | None) -> int | None:
    number = number_parse(value, lowest=min(RATING_LABELS), highest=max(RATING_LABELS))
    return number if number in RATING_LABELS else None


def feedback_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        person_id, session_id = token_read("feedback", token, max_age=FEEDBACK_LINK_AGE)
    except LinkInvalid as exc:
        return _refused(request, str(exc))
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    person = Person.objects.filter(pk=person_id).first()
    if session is None or person is None:
        raise Http404(_("This session or person no longer exists."))
    try:
        services.feedback_open_check(session=session)
    except services.FeedbackNotOpen as exc:
        return render(request, "learning/feedback_not_open.html", {
            "event": session.event, "session": session, "reason": str(exc)},
            status=200 if request.method in ("GET", "HEAD") else 403)
    existing = feedback_get(session=session, person=person)
    form = LinkFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_rate(session=session, person=person, **form.words())
        except services.LearningError as exc:
            return _refused(request, str(exc), status=403)
        messages.success(request, _("Thank you: your feedback is saved."))
        return redirect(request.path + f"?rating={form.cleaned_data['rating']}")
    asked = _rating(request.GET.get("rating"))
    return render(request, "learning/feedback_link.html", {
        "session": session, "event": session.event, "feedback": existing, "form": form,
        "ratings": RATING_LABELS.items(), "asked": asked,
        # Record the clicked rating now unless it is what is stored already (a reload).
        "record": asked is not None and (existing is None or existing.rating != asked)})


def plan_checkin_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        plan_id, event_id = token_read("checkin", token, max_age=CHECKIN_LINK_AGE)
    except LinkInvalid as exc:
        return _refused(request, str(exc))
    plan = Plan.objects.filter(pk=plan_id).prefetch_related("versions").first()
    if plan is None:
        raise Http404(_("This plan no longer exists."))
    event = Event.objects.filter(pk=event_id).first()
    versions = list(plan.versions.all())
    form = CheckinForm(request.POST or None, steps=versions[0].steps if versions else [])
    if request.method == "POST" and form.is_valid():
        for step, status, note in form.answers():
            services.plan_checkin_record(plan=plan, step=step, event=event, status=status,
                                         note=note)
        return render(request, "learning/plan_checkin_link.html",
                      {"plan": plan, "event": event, "done": True})
    return render(request, "learning/plan_checkin_link.html",
                  {"plan": plan, "event": event, "form": form})
