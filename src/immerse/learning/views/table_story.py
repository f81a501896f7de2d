"""A table's notes as a story: the facilitator proposes and publishes, each author consents."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from immerse.events import roles
from immerse.events.models import Session
from immerse.events.selectors import event_get
from immerse.learning.services import LearningError
from immerse.learning.table_story import (
    table_story_answer,
    table_story_propose,
    table_story_publish,
)
from immerse.people.access import my_person
from immerse.people.models import Privacy
from immerse.tables.models import TableNotes, TableStory, TableStoryConsent
from immerse.tables.selectors import table_format_keys


class TableStoryForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the story"), max_length=300)
    privacy = forms.ChoiceField(label=gettext_lazy("Who may read it"), choices=Privacy.choices,
                                initial=Privacy.PARTICIPANTS, widget=forms.RadioSelect)


@login_required
def table_story(request: HttpRequest, slug: str, table_session_id: int,
                table: int) -> HttpResponse:
    """The facilitator's page: propose the notes as a story, follow the answers, publish."""
    event = event_get(slug=slug)
    if not roles.is_facilitator(request.user, event):
        raise Http404(_("No such table"))
    session = get_object_or_404(Session, event=event, pk=table_session_id,
                                format__in=table_format_keys())
    notes = get_object_or_404(TableNotes, session=session, table=table)
    proposal = TableStory.objects.filter(notes=notes).first()
    form = TableStoryForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("publish") and proposal is not None:
                table_story_publish(proposal=proposal)
                messages.success(request, _("The story is published."))
            elif form.is_valid():
                table_story_propose(session=session, table=table, by=request.user,  # type: ignore[arg-type]
                                    title=form.cleaned_data["title"],
                                    privacy=form.cleaned_data["privacy"])
                messages.success(request, _("The authors are asked."))
            else:
                raise LearningError(_("Check the fields below."))
        except LearningError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None,
                           str(refusal))
        else:
            return redirect("table-story", slug=slug, table_session_id=session.pk, table=table)
    consents = proposal.consents.select_related("person") if proposal else []
    return render(request, "learning/table_story.html", {
        "event": event, "session": session, "table": table, "notes": notes,
        "proposal": proposal, "consents": consents, "form": form})


@login_required
def table_story_consent(request: HttpRequest, slug: str, table_story_id: int) -> HttpResponse:
    """One author answers: may the story name them?"""
    consent = get_object_or_404(
        TableStoryConsent.objects.select_related("story__notes__session__event"),
        story_id=table_story_id, story__notes__session__event__slug=slug,
        person=my_person(request) or 0)
    if request.method == "POST" and request.POST.get("answer") in ("yes", "no"):
        try:
            table_story_answer(consent=consent, agrees=request.POST["answer"] == "yes")
        except LearningError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
        return redirect("table-story-consent", slug=slug, table_story_id=table_story_id)
    return render(request, "learning/table_story_consent.html", {
        "event": consent.story.notes.session.event, "consent": consent,
        "proposal": consent.story, "notes": consent.story.notes})
