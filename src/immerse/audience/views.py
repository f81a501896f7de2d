"""The room's pages: questions (ask, vote, moderate, projector), polls, the organizers' queue.

Each list is a live region (``common.live``): phones and the projector ask for its fragment
every 1.5 s and get a 304 while nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from immerse.audience import selectors, services
from immerse.audience.access import LoginNeeded, Room, login_redirect, room_for, room_of
from immerse.audience.access import staff_required as _staff_required
from immerse.audience.forms import AskForm, PollForm, SettingsForm
from immerse.audience.models import Poll, Question
from immerse.common.ids import id_parse
from immerse.common.live import live_fragment, live_key, watch_grant, watch_not_modified
from immerse.events.access import organizer_required
from immerse.events.models import Event

View = Callable[..., HttpResponse]


def in_room(view: View) -> View:
    """Resolve slug + session_id to the user's ``Room``; visitors are sent to log in."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, session_id: str) -> HttpResponse:
        try:
            room = room_for(request, slug, id_parse(session_id))
        except LoginNeeded:
            return login_redirect(request)
        return view(request, room)

    return wrapped


def _room_of_row(request: HttpRequest, slug: str, model: type[Any], row_id: str) -> Any:
    """The question or poll ``row_id`` of event ``slug`` and the user's room in its session."""
    pk = id_parse(row_id)
    if pk is None:
        raise Http404(_("No such row"))
    row = get_object_or_404(model.objects.select_related("session__event"),
                            pk=pk, session__event__slug=slug)
    return row, room_of(request, row.session.event, row.session)


def _questions_context(room: Room) -> dict[str, Any]:
    return {"room": room, "questions": list(selectors.questions_ranked(
                session=room.session, staff=room.staff)),
            "mine": selectors.my_votes(session=room.session, user=room.user)}


@in_room
def questions(request: HttpRequest, room: Room) -> HttpResponse:
    rules = services.settings_for(room.event)
    form = AskForm(request.POST or None, anonymous_allowed=rules.anonymous_questions)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="audience:ask", key="user",
                          rate=settings.QUESTION_RATE, method="POST", increment=True):
            return render(request, "429.html", {"what": _("Too many questions")}, status=429)
        try:
            asked = services.question_ask(session=room.session, user=room.user,
                                          name=room.name, text=form.cleaned_data["text"],
                                          anonymous=form.cleaned_data.get("anonymous", False))
        except services.AudienceError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            if asked.status == Question.Status.PENDING:
                messages.info(request, _pending_message())
            return redirect("audience-questions", room.event.slug, room.session.pk)
    version = selectors.questions_version(session=room.session) + _viewer(room)
    return _live_page(request, room, "audience/questions.html",
                      {**_questions_context(room), "form": form, "rules": rules},
                      version=version)


def _pending_message() -> str:
    return _("Thank you: your question shows once a facilitator approves it.")


def live_region(*regions: str, staff_only: bool = False) -> Callable[[View], View]:
    """A room's live region: an unchanged poll from a browser that may watch the room is a
    304 from the cache before anything else (``common.live.watch_not_modified``: no session,
    no account, no query); otherwise the full access check, the version and the view's
    answer, which renews the browser's grant to watch."""
    grants = ("s",) if staff_only else ("a", "s")

    def decorate(view: View) -> View:
        @require_GET
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, session_id: str) -> HttpResponse:
            pk = id_parse(session_id)
            scope = f"{slug}-{pk}"
            keys = [live_key(region, pk) for region in regions]
            fast = watch_not_modified(request, scope=scope, keys=keys, grants=grants)
            if fast is not None:
                return fast
            try:
                room = room_for(request, slug, pk)
            except LoginNeeded:
                return login_redirect(request)
            if staff_only:
                _staff_required(room)
            response = view(request, room)
            _grant(request, response, room)
            return response

        return wrapped

    return decorate


def _grant(request: HttpRequest, response: HttpResponse, room: Room) -> None:
    """Let this browser watch the room's live regions for a while (common.live)."""
    page = reverse("audience-questions", args=[room.event.slug, room.session.pk])
    watch_grant(request, response, scope=f"{room.event.slug}-{room.session.pk}",
                grant="s" if room.staff else "a", path=page.removesuffix("questions/"))


def _live_page(request: HttpRequest, room: Room, template: str, context: dict[str, Any],
               *, version: str) -> HttpResponse:
    """A page with a live region that starts with the region's ETag (read before the rows)
    and the grant to watch, so its first poll is already the cheap 304."""
    response = render(request, template, {**context, "live_etag": f'"{version}"'})
    _grant(request, response, room)
    return response


def _viewer(room: Room) -> str:
    """What the ETag adds for the viewer: staff also see questions waiting and drafts."""
    return "-s" if room.staff else "-a"


@live_region("questions")
def questions_live(request: HttpRequest, room: Room) -> HttpResponse:
    return live_fragment(
        request, version=selectors.questions_version(session=room.session) + _viewer(room),
        render=lambda: render(request, "audience/_questions.html", _questions_context(room)))


@require_GET
@in_room
def projector(request: HttpRequest, room: Room) -> HttpResponse:
    _staff_required(room)
    version = selectors.questions_version(session=room.session) + \
        selectors.polls_version(session=room.session) + _viewer(room)
    return _live_page(request, room, "audience/projector.html", _projector_context(room),
                      version=version)


def _projector_context(room: Room) -> dict[str, Any]:
    top = [q for q in selectors.questions_ranked(session=room.session)
           if q.answered_at is None][:5]
    return {"room": room, "questions": top,
            "polls": [r for r in selectors.poll_results(session=room.session)
                      if r.poll.status == Poll.Status.OPEN]}


@live_region("questions", "polls", staff_only=True)
def projector_live(request: HttpRequest, room: Room) -> HttpResponse:
    version = selectors.questions_version(session=room.session) + \
        selectors.polls_version(session=room.session) + _viewer(room)
    return live_fragment(request, version=version, render=lambda: render(
        request, "audience/_projector.html", _projector_context(room)))


@require_POST
def question_vote(request: HttpRequest, slug: str, question_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    question, room = _room_of_row(request, slug, Question, question_id)
    try:
        services.question_vote(question=question, user=room.user,
                               on=request.POST.get("vote", "1") != "0")
    except services.AudienceError as exc:
        messages.error(request, str(exc))
    return redirect("audience-questions", slug, question.session_id)


@require_POST
def question_moderate(request: HttpRequest, slug: str, question_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    question, room = _room_of_row(request, slug, Question, question_id)
    _staff_required(room)
    try:
        services.question_moderate(question=question, action=request.POST.get("action", ""))
    except services.AudienceError as exc:
        messages.error(request, str(exc))
    if request.POST.get("next") == "queue":
        return redirect("audience-queue", slug)
    return redirect("audience-questions", slug, question.session_id)


@organizer_required
def queue(request: HttpRequest, event: Event) -> HttpResponse:
    """One queue of questions waiting: the rooms' and the backchannel's."""
    form = SettingsForm(request.POST or None, instance=services.settings_for(event))
    if request.method == "POST" and form.is_valid():
        services.audience_settings_set(event=event, **form.cleaned_data)
        return redirect("audience-queue", event.slug)
    return render(request, "audience/queue.html", {
        "event": event, "form": form, "questions": selectors.queue_for(event=event),
        "posts": selectors.backchannel_waiting(event=event, now=timezone.now())})


def _polls_context(room: Room) -> dict[str, Any]:
    return {"room": room, "results": selectors.poll_results(
        session=room.session, user=room.user, shown_only=not room.staff)}


@in_room
def polls(request: HttpRequest, room: Room) -> HttpResponse:
    form = PollForm(request.POST or None, session=room.session) if room.staff else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.poll_create(session=room.session, **form.cleaned_data)
        except services.AudienceError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            return redirect("audience-polls", room.event.slug, room.session.pk)
    version = selectors.polls_version(session=room.session) + _viewer(room)
    return _live_page(request, room, "audience/polls.html",
                      {**_polls_context(room), "form": form}, version=version)


@live_region("polls")
def polls_live(request: HttpRequest, room: Room) -> HttpResponse:
    version = selectors.polls_version(session=room.session) + _viewer(room)
    return live_fragment(request, version=version, render=lambda: render(
        request, "audience/_polls.html", _polls_context(room)))


@require_POST
def poll_vote(request: HttpRequest, slug: str, poll_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    poll, room = _room_of_row(request, slug, Poll, poll_id)
    answer = (request.POST.get("words", "").split(",") if poll.kind == Poll.Kind.WORDS
              else request.POST.getlist("answer"))
    try:
        services.poll_vote(poll=poll, user=room.user, answer=answer)
    except services.AudienceError as exc:
        messages.error(request, str(exc))
    return redirect("audience-polls", slug, poll.session_id)


@require_POST
def poll_action(request: HttpRequest, slug: str, poll_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    poll, room = _room_of_row(request, slug, Poll, poll_id)
    _staff_required(room)
    action = request.POST.get("action", "")
    try:
        if action == "after":
            services.poll_create(session=poll.session, kind=poll.kind, prompt=poll.prompt,
                                 before=poll)
        else:
            services.poll_status_set(poll=poll, status=action)
    except services.AudienceError as exc:
        messages.error(request, str(exc))
    return redirect("audience-polls", slug, poll.session_id)
