"""Forms of the learning cycle."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from immerse.common.forms import IdChoiceField, IdMultipleChoiceField
from immerse.common.questionnaire import (
    CONFIDENCE_CHOICES,
    DISCIPLINE_NAMES,
    FREQUENCY_NAMES,
    answer_choices,
    confidence_label,
    named_choices,
    question_prompt,
    tool_name,
)
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
from immerse.engine.levels import QUESTIONS
from immerse.events.models import Event
from immerse.learning.models import PlanCheckin, Story
from immerse.learning.models.plans import PLAN_FIELDS
from immerse.people.forms import PRIVACY_HELP
from immerse.people.models import LEVEL_CHOICES, Privacy, Tool

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int,
                                    widget=forms.RadioSelect, label=_("How useful was it? (1-5)"))
    what_worked = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                  max_length=4000, label=_("What worked for you"))
    next_step = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                max_length=2000)
    story_line = forms.CharField(max_length=300, required=False,
                                 label=_("Your story in one line"))

    def __init__(self, *args: Any, prompt: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_step"].label = _("One thing I will do next: %(prompt)s") % {
            "prompt": prompt}


def _tool_field(required: bool = False) -> IdMultipleChoiceField:
    return IdMultipleChoiceField(queryset=Tool.objects.all(), required=required,
                                          widget=forms.CheckboxSelectMultiple)


class StoryForm(forms.Form):
    kind = forms.ChoiceField(choices=Story.Kind.choices)
    title = forms.CharField(max_length=300)
    context = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    what_was_done = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                    label=_("What was done"))
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              help_text=_("Not necessarily money."))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           label=_("The story or problem"))
    tools = _tool_field()
    topics = forms.CharField(required=False, help_text=_("Comma-separated, e.g. listening, legal"))
    level = forms.TypedChoiceField(choices=[("", "—"), *LEVEL_CHOICES], coerce=int,
                                   required=False, empty_value=None)
    discipline = forms.ChoiceField(
        choices=[("", "—"), *named_choices(DISCIPLINES, DISCIPLINE_NAMES)], required=False,
        label=_("Discipline"))
    event = IdChoiceField(queryset=Event.objects.none(), required=False)
    privacy = forms.ChoiceField(choices=Privacy.choices, initial=Privacy.PRIVATE,
                                label=_("Who may read it"), help_text=PRIVACY_HELP)

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Event]", self.fields["event"]).queryset = events

    def clean_topics(self) -> list[str]:
        raw: str = self.cleaned_data.get("topics", "")
        return [t.strip().lower() for t in raw.split(",") if t.strip()]


class PlanForm(forms.Form):
    tools = forms.MultipleChoiceField(choices=[(t.key, t.label) for t in TOOLS],
                                      required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in PLAN_FIELDS:
            self.fields[name] = forms.CharField(
                label=label, required=name == "goal", max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}))
        # Keep the fields in the plan's order, with tools after "listen first".
        order = [n for n, _ in PLAN_FIELDS]
        order.insert(2, "tools")
        self.order_fields(order)


class InviteForm(forms.Form):
    """Pick a reviewer among ``choices`` (``selectors.plans.plan_reviewer_choices``): the
    author's tablemates, or, when they sat at no table, people from their sessions, in
    groups labelled for what they are."""

    reviewer = forms.TypedChoiceField(coerce=int, label=_("Who should review it"))

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = [(label, [(c.person.pk, f"{c.person.name} ({c.where})") for c in people])
                  for label, people in ((_("Your tablemates"), choices.tablemates),
                                        (_("People in your sessions"), choices.session_mates))
                  if people]
        cast(forms.ChoiceField, self.fields["reviewer"]).choices = [("", _("Choose someone…")),
                                                                    *groups]


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                           label=_("Your comment"))


class CheckinForm(forms.Form):
    def __init__(self, *args: Any, steps: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, text in enumerate(steps, start=1):
            if not text:
                continue
            self.fields[f"status_{n}"] = forms.ChoiceField(
                choices=PlanCheckin.Status.choices, widget=forms.RadioSelect,
                label=_("Did step %(n)s happen? %(step)s") % {"n": n, "step": text})
            self.fields[f"note_{n}"] = forms.CharField(required=False, max_length=2000,
                                                       label=_("Note on step %(n)s") % {"n": n})

    def answers(self) -> list[tuple[int, str, str]]:
        """(step, status, note) for each step the form asked about."""
        data = self.cleaned_data
        return [(n, data[f"status_{n}"], data[f"note_{n}"]) for n in (1, 2, 3)
                if f"status_{n}" in data]


class ReassessForm(forms.Form):
    """The level questionnaire again, with the tool inventory as it is now."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # "Blogging", not "Blogging:" over its menu
        super().__init__(*args, **kwargs)
        # The six questions first: they are what a level "not assessed yet" is missing.
        for question in QUESTIONS:
            self.fields[f"q_{question.key}"] = forms.ChoiceField(
                choices=answer_choices(question), widget=forms.RadioSelect,
                label=question_prompt(question))
        for tool in TOOLS:
            self.fields[f"tool_{tool.key}"] = forms.ChoiceField(
                choices=named_choices(FREQUENCIES, FREQUENCY_NAMES), initial="never",
                label=tool_name(tool))
            self.fields[f"conf_{tool.key}"] = forms.TypedChoiceField(
                choices=CONFIDENCE_CHOICES, coerce=int, initial="1",
                label=confidence_label(tool))

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data[f"q_{q.key}"] for q in QUESTIONS}

    def tool_uses(self) -> dict[str, tuple[str, int]]:
        data = self.cleaned_data
        return {t.key: (data[f"tool_{t.key}"], data[f"conf_{t.key}"]) for t in TOOLS}


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=200)
    url = forms.URLField(assume_scheme="https")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    tools = _tool_field()


class PostForm(forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    tools = _tool_field()


class LinkFeedbackForm(forms.Form):
    """Feedback from the mail's link: the rating, and words only if the person writes some
    (an empty box keeps what they wrote before)."""

    rating = forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int)
    what_worked = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                  max_length=4000, label=_("What worked for you"))
    next_step = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                max_length=2000, label=_("One thing you will do next"))

    def words(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"rating": data["rating"],
                **{name: data[name].strip() for name in ("what_worked", "next_step")
                   if data[name].strip()}}
