"""The wall: the backchannel live on the room's projector and on phones, and its
moderation by the event's organizers and facilitators."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from immerse.backchannel.forms import SettingsForm
from immerse.backchannel.models import AuthorReview, Post
from immerse.backchannel.selectors.sources import listening_settings
from immerse.backchannel.selectors.wall import join_ways, moderation_for, wall_for
from immerse.backchannel.services.wall import author_decide, post_moderate
from immerse.backchannel.views.dashboard import event_for
from immerse.common.ids import id_parse
from immerse.events import roles
from immerse.events.models import Event
from immerse.events.selectors import event_get
from immerse.people.roles import is_participant


def _wall_event(request: HttpRequest, slug: str) -> Event:
    """Anyone may see a public wall of a published event; otherwise its participants."""
    event = event_get(slug=slug)
    if listening_settings(event).wall_public and event.published:
        return event
    if not request.user.is_authenticated:
        raise PermissionDenied(gettext("This wall is not public: log in to see it."))
    if not is_participant(request.user, event):
        raise PermissionDenied(gettext("This wall is only for the event's people."))
    return event


@require_safe
def wall(request: HttpRequest, slug: str) -> HttpResponse:
    """The wall page, or (``?fragment=1``) its posts, answered 304 while nothing changed."""
    event = _wall_event(request, slug)
    shown = wall_for(event=event)
    etag = f'"{shown.version}"'
    if request.GET.get("fragment"):
        # A proxy may weaken the tag ("W/…"); the posts are the same either way.
        if request.headers.get("If-None-Match", "").removeprefix("W/") == etag:
            return HttpResponseNotModified(headers={"ETag": etag})
        response = render(request, "backchannel/_wall_posts.html",
                          {"event": event, "wall": shown})
    else:
        response = render(request, "backchannel/wall.html", {
            "event": event, "wall": shown, "ways": join_ways(event=event),
            "refresh_ms": settings.IMMERSE_WALL_REFRESH_MS,
            "is_staff": roles.is_facilitator(request.user, event)})
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def moderate(request: HttpRequest, slug: str) -> HttpResponse:
    """What waits for review, the newest posts with their pin/hide/block buttons."""
    event = event_for(request, slug, staff=True)
    return render(request, "backchannel/moderate.html", {
        "event": event, "moderation": moderation_for(event=event),
        "choices": listening_settings(event),
        "is_organizer": roles.is_organizer(request.user, event),
        "settings_form": SettingsForm(instance=listening_settings(event)),
    })


POST_ACTIONS = ("pin", "unpin", "hide", "show", "release")
AUTHOR_ACTIONS = {"approve": AuthorReview.Decision.APPROVED,
                  "block": AuthorReview.Decision.BLOCKED, "forget": None}
DONE = {"pin": _("pinned"), "unpin": _("unpinned"), "hide": _("hidden from the wall"),
        "show": _("shown again"), "release": _("on the wall behind its warning"),
        "approve": _("approved"), "block": _("blocked from the wall"),
        "forget": _("undecided again")}


@require_POST
def wall_action(request: HttpRequest, slug: str) -> HttpResponse:
    """Pin, unpin, hide, show or release a post; approve, block or forget its author."""
    event = event_for(request, slug, staff=True)
    action = request.POST.get("action", "")
    post = Post.objects.filter(event=event, pk=_int(request.POST.get("post")) or 0).first()
    if action in POST_ACTIONS:
        if post is None:
            raise Http404(gettext("No such post"))
        post_moderate(post=post, action=action)
        messages.success(request, _("Post by @%(author)s: %(done)s.")
                         % {"author": post.author, "done": DONE[action]})
    elif action in AUTHOR_ACTIONS:
        source = post.source if post else request.POST.get("source", "")[:40]
        author = post.author if post else request.POST.get("author", "")[:200]
        if not source or not author:
            raise Http404(gettext("No such author"))
        author_decide(event=event, source=source, author=author,
                      decision=AUTHOR_ACTIONS[action], user=request.user)
        messages.success(request, _("@%(author)s: %(done)s.")
                         % {"author": author, "done": DONE[action]})
    else:
        messages.error(request, _("Unknown action."))
    return redirect("listening-wall-moderate", slug=event.slug)


def _int(value: str | None) -> int | None:
    return id_parse(value)
