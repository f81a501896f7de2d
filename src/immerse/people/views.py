"""Sign-up and the attendee's own pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from immerse.common.limits import limited, password_attempts
from immerse.events import selectors as event_selectors
from immerse.events.access import organizer_required, visible_event
from immerse.events.models import Event, Session
from immerse.people import selectors
from immerse.people.forms import SignupForm
from immerse.people.intake import SignupConflict, SignupData, signup_submit
from immerse.people.models import Registration
from immerse.people.services import registration_cancel, waitlist_position


@require_safe
@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(request.user)
    context = {
        "person": person,
        "registrations": selectors.registrations_of(person=person) if person else [],
        "assessments": person.assessments.select_related("event")[:10] if person else [],
    }
    return render(request, "people/me.html", context)


# A sign-up with an existing account's password logs in (see signup_submit): its guesses
# share the login form's budget per account.
@limited("signup", "SIGNUP_RATE", keys=("ip", "post:email"), what="sign-ups from your network")
@password_attempts
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    person = selectors.person_for_user(request.user)
    needs_password = not request.user.is_authenticated
    initial = _initial_for(person)
    form = SignupForm(request.POST or None, needs_password=needs_password, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = signup_submit(
                event=event, data=_signup_data(form),
                user=request.user if request.user.is_authenticated else None,
                password=form.cleaned_data.get("password") or None)
        except SignupConflict as exc:
            form.add_error("email", str(exc))
        else:
            if needs_password and result.user is not None:
                login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("my-registration", slug=event.slug)
    counts = selectors.registration_counts(event=event)
    return render(request, "people/signup.html", {
        "event": event, "form": form, "seats_left": max(0, event.capacity - counts.confirmed)})


def _signup_data(form: SignupForm) -> SignupData:
    data = form.cleaned_data
    return SignupData(
        name=data["name"], email=data["email"], organization=data["organization"],
        discipline=data["discipline"], region=data["region"], channels=form.channels(),
        tool_uses=form.tool_uses(), answers=form.answers(), other_tools=data["other_tools"],
        stories=data["stories"], problems=data["problems"],
        stories_privacy=data["stories_privacy"])


def _initial_for(person: object) -> dict[str, object]:
    if person is None:
        return {}
    initial: dict[str, object] = {
        "name": person.name, "email": person.email, "organization": person.organization,
        "discipline": person.discipline, "region": person.region, **person.channels}
    for use in person.tool_uses.select_related("tool"):
        initial[f"tool_{use.tool.key}"] = use.frequency
        initial[f"conf_{use.tool.key}"] = str(use.confidence)
    latest = person.assessments.first()
    if latest:
        initial.update({f"q_{key}": value for key, value in latest.answers.items()})
    return initial


def _own_registration(request: HttpRequest, slug: str) -> Registration:
    event = event_selectors.event_get(slug=slug)
    person = selectors.person_for_user(request.user)
    registration = Registration.objects.filter(event=event, person=person).select_related(
        "event", "person").first() if person else None
    if registration is None:
        raise Http404("You have not signed up for this event.")
    return registration


@require_safe
@login_required
def my_registration(request: HttpRequest, slug: str) -> HttpResponse:
    registration = _own_registration(request, slug)
    assessment = registration.person.assessments.first()
    return render(request, "people/my_registration.html", {
        "event": registration.event, "registration": registration, "assessment": assessment,
        "position": waitlist_position(registration)})


@login_required
@require_POST
def cancel_registration(request: HttpRequest, slug: str) -> HttpResponse:
    registration = _own_registration(request, slug)
    if registration.status != Registration.Status.CANCELLED:
        registration_cancel(registration=registration)
        messages.success(request, f"Your place at {registration.event.title} is cancelled.")
    return redirect("me")


#: Rows per page of the organizer's registrations list (a conference has thousands).
REGISTRATIONS_PER_PAGE = 100


@require_safe
@organizer_required
def organize(request: HttpRequest, event: Event) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    registrations = selectors.registrations_for_organizer(event=event, query=query, status=status)
    page = Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "counts": selectors.registration_counts(event=event),
        "page": page,
        "query": query,
        "status": status if status in Registration.Status.values else "",
        "statuses": Registration.Status.choices,
        "session_count": Session.objects.filter(event=event).count(),
    }
    return render(request, "people/organize.html", context)
