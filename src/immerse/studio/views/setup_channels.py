"""The set-up pages for the hub's channels and for sign-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from immerse.engine.video_embed import video_embed_url
from immerse.events.access import organizer_page
from immerse.events.models import Event
from immerse.people.models import SignupQuestion
from immerse.people.services.questions import QuestionError, question_delete, question_save
from immerse.studio.forms.setup import (
    HandleFormSet,
    HashtagFormSet,
    HubForm,
    LinkFormSet,
    QuestionForm,
    SignupSettingsForm,
)
from immerse.studio.services import setup
from immerse.studio.services.setup import HubData, SetupError


def _hub_forms(event: Event, data: Any) -> dict[str, Any]:
    return {
        "hub": HubForm(data, initial={"wiki_url": event.wiki_url,
                                      "content_guide": event.content_guide}),
        "hashtags": HashtagFormSet(data, prefix="tag", initial=[
            {"value": tag} for tag in event.hashtags]),
        "handles": HandleFormSet(data, prefix="handle", initial=[
            {"value": handle} for handle in event.organizer_handles]),
        "videos": LinkFormSet(data, prefix="video", initial=event.video_uplinks),
        "blogs": LinkFormSet(data, prefix="blog", initial=event.blogs),
    }


def _values(formset: Any) -> tuple[str, ...]:
    return tuple(row.cleaned_data["value"] for row in formset
                 if row.cleaned_data.get("value"))


def _links(formset: Any) -> tuple[tuple[str, str], ...]:
    return tuple((row.cleaned_data.get("label", ""), row.cleaned_data["url"])
                 for row in formset if row.cleaned_data.get("url"))


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def hub(request: HttpRequest, event: Event) -> HttpResponse:
    """Hashtags, organizer accounts, video uplinks, blogs, wiki and "how to take part"."""
    forms = _hub_forms(event, request.POST or None)
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        try:
            setup.hub_set(event=event, by=request.user, data=HubData(
                hashtags=_values(forms["hashtags"]), organizer_handles=_values(forms["handles"]),
                video_uplinks=_links(forms["videos"]), blogs=_links(forms["blogs"]),
                wiki_url=forms["hub"].cleaned_data["wiki_url"],
                content_guide=forms["hub"].cleaned_data["content_guide"]))
        except SetupError as error:
            forms["hub"].add_error(None, error.message)
        else:
            messages.success(request, _("The hub is saved."))
            return redirect("studio-hub", event.slug)
    embeds = [(link.get("label") or link["url"], video_embed_url(link["url"]))
              for link in event.video_uplinks]
    return render(request, "studio/setup_hub.html", {
        "event": event, "here": "hub", **forms, "embeds": embeds})


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def signup(request: HttpRequest, event: Event) -> HttpResponse:
    """When sign-up opens and closes, the capacity, the waiting list."""
    form = SignupSettingsForm(request.POST or None, initial={
        "opens_at": event.signup_opens_at and localtime(event.signup_opens_at),
        "closes_at": event.signup_closes_at and localtime(event.signup_closes_at),
        "capacity": event.capacity, "waiting_list": event.waiting_list})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            setup.signup_settings_set(event=event, by=request.user, opens_at=data["opens_at"],
                                      closes_at=data["closes_at"], capacity=data["capacity"],
                                      waiting_list=data["waiting_list"])
        except SetupError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Sign-up settings saved."))
            return redirect("studio-signup", event.slug)
    return render(request, "studio/setup_signup.html", {
        "event": event, "here": "signup", "form": form,
        "question_count": SignupQuestion.objects.filter(event=event).count()})


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def questions(request: HttpRequest, event: Event, question_id: int | None = None
              ) -> HttpResponse:
    """The organizers' extra sign-up questions: the list, and a form to add or change one."""
    question = get_object_or_404(SignupQuestion, event=event, pk=question_id) \
        if question_id else None
    form = QuestionForm(request.POST or None, initial={} if question is None else {
        "prompt": question.prompt, "kind": question.kind,
        "choices": "\n".join(question.choices), "required": question.required})
    if request.method == "POST" and form.is_valid():
        try:
            question_save(event=event, question=question, **form.cleaned_data)
        except QuestionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Question saved."))
            return redirect("studio-questions", event.slug)
    return render(request, "studio/setup_questions.html", {
        "event": event, "here": "signup", "form": form, "question": question,
        "questions": SignupQuestion.objects.filter(event=event).annotate(
            answered=Count("answers"))})


@require_POST
@organizer_page
def question_remove(request: HttpRequest, event: Event, question_id: int) -> HttpResponse:
    question = get_object_or_404(SignupQuestion, event=event, pk=question_id)
    answers = question_delete(question=question)
    messages.success(request, ngettext(
        "Question deleted, with its %(n)d answer.", "Question deleted, with its %(n)d answers.",
        answers) % {"n": answers})
    return redirect("studio-questions", event.slug)
