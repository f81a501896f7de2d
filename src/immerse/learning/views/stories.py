"""The stories and cases library: search, filters, privacy per item."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.common.ids import number_parse
from immerse.common.labels import level_label
from immerse.common.questionnaire import DISCIPLINE_NAMES, named_choices
from immerse.engine.catalogue import DISCIPLINES, LEVEL_LABELS
from immerse.events.models import Event
from immerse.learning import services
from immerse.learning.forms import StoryForm
from immerse.learning.models import Story
from immerse.learning.selectors import stories as selectors
from immerse.learning.views.no_profile import no_profile
from immerse.people.access import my_person
from immerse.people.models import Person, Tool


def _int(value: str | None) -> int | None:
    return number_parse(value, lowest=0, highest=10**9)


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    event = Event.objects.filter(slug=params.get("event", "")).first()
    stories = selectors.stories_search(
        user=request.user, text=params.get("q", ""), event=event, tool=params.get("tool", ""),
        topic=params.get("topic", ""), level=_int(params.get("level")),
        discipline=params.get("discipline", ""), kind=params.get("kind", ""))[:100]
    return render(request, "learning/story_list.html", {
        "stories": stories, "params": params, "tools": Tool.objects.all(),
        "topics": selectors.story_topics(user=request.user),
        "levels": [(level, level_label(level)) for level in LEVEL_LABELS],
        "disciplines": named_choices(DISCIPLINES, DISCIPLINE_NAMES), "kinds": Story.Kind.choices})


@require_safe
def story_detail(request: HttpRequest, story_id: int) -> HttpResponse:
    story = selectors.stories_visible(user=request.user).filter(pk=story_id).first()
    if story is None:
        raise Http404(_("No such story"))
    person = my_person(request)
    return render(request, "learning/story_detail.html", {
        "story": story, "mine": person is not None and story.person_id == person.pk})


@login_required
def story_new(request: HttpRequest) -> HttpResponse:
    person = my_person(request)
    if person is None:
        return no_profile(request, _("Share a story"),
                          _("Stories are shared by attendees, about what they tried."))
    return _story_form(request, person, None)


def _own_story(request: HttpRequest, story_id: int) -> tuple[Person, Story]:
    """The author's story: 404 when the user may not read it, 403 when it is not theirs."""
    story = selectors.stories_visible(user=request.user).filter(pk=story_id).first()
    if story is None:
        raise Http404(_("No such story"))
    person = my_person(request)
    if person is None or story.person_id != person.pk:
        raise PermissionDenied(_("Only the person who wrote a story can change or delete it."))
    return person, story


@login_required
def story_edit(request: HttpRequest, story_id: int) -> HttpResponse:
    person, story = _own_story(request, story_id)
    return _story_form(request, person, story)


def _story_form(request: HttpRequest, person: Person, story: Story | None) -> HttpResponse:
    events = Event.objects.filter(registrations__person=person).distinct()
    initial = None if story is None else {
        **{name: getattr(story, name) for name in (
            "kind", "title", "context", "what_was_done", "outcome", "body", "level",
            "discipline", "event", "privacy")},
        "tools": list(story.tools.all()), "topics": ", ".join(story.topics or [])}
    form = StoryForm(request.POST or None, events=events, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tools = list(data.pop("tools"))
        data["discipline"] = data["discipline"] or ""
        try:
            story = services.story_save(story=story, person=person, tools=tools, **data)
        except services.LearningError as exc:
            form.add_error(exc.field, str(exc))
        else:
            return redirect("story-detail", story_id=story.pk)
    return render(request, "learning/story_form.html", {"form": form, "story": story})


@login_required
def story_delete(request: HttpRequest, story_id: int) -> HttpResponse:
    """A GET asks "Delete this story?"; the POST deletes it."""
    _person, story = _own_story(request, story_id)
    if request.method == "POST":
        title = story.title
        services.story_delete(story=story)
        messages.success(request, _("Deleted: “%(title)s”.") % {"title": title})
        return redirect("story-list")
    return render(request, "learning/story_delete.html", {"story": story})
