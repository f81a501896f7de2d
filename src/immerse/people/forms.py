"""The sign-up form: profile, channels, tool inventory, what they bring, the questionnaire."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from immerse.common.questionnaire import (
    CONFIDENCE_CHOICES,
    DISCIPLINE_NAMES,
    FREQUENCY_NAMES,
    TOOL_NAMES,
    answer_choices,
    confidence_label,
    named_choices,
    question_prompt,
    tool_examples,
    tool_name,
)
from immerse.common.text import has_control
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
from immerse.engine.levels import QUESTIONS
from immerse.people.models import LEVEL_CHOICES, Privacy, Registration, SignupQuestion
from immerse.people.selectors import Segment
from immerse.people.services.accounts import password_reset_request
from immerse.people.services.questions import ANSWER_MAX
from immerse.people.services.signup import one_line

#: Who sees a story under each privacy choice, shown next to the field.
PRIVACY_HELP = _("Only me and the organizers: you and the event's organizers. Event "
                 "participants: also everyone taking part in the event (attendees, "
                 "facilitators). Public: anyone, also without logging in.")


class OneLineField(forms.CharField):
    """One line of text: white space (line breaks too) folded to single spaces, any other
    control character refused, naming the field."""

    def to_python(self, value: Any) -> str:
        return one_line(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if has_control(value):
            raise forms.ValidationError(_("Remove the control characters from this field."),
                                        code="control")


class SignupForm(forms.Form):
    name = OneLineField(max_length=200, label=_("Your name"),
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send you a link to confirm it. Only the organizers see it."))
    organization = OneLineField(
        max_length=200, required=False, label=_("Organization"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    discipline = forms.ChoiceField(choices=named_choices(DISCIPLINES, DISCIPLINE_NAMES),
                                   initial="other", label=_("Discipline"))
    region = OneLineField(max_length=100, required=False, label=_("Region"))
    microblog = OneLineField(max_length=100, required=False, label=_("Microblog handle"),
                             help_text=_("e.g. @you@mastodon.social"))
    blog = forms.URLField(required=False, label=_("Blog URL"), assume_scheme="https")
    video = forms.URLField(required=False, label=_("Video channel"), assume_scheme="https")
    other_tools = OneLineField(max_length=300, required=False, label=_("Other tools you use"))
    stories = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=4000, label=_("A story or case you bring"))
    problems = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=4000, label=_("A problem you want help with"))
    # The most private choice unless the person picks another (the third outside test).
    stories_privacy = forms.ChoiceField(choices=Privacy.choices, initial=Privacy.PRIVATE,
                                        label=_("Who may read your story and problem"),
                                        help_text=PRIVACY_HELP)

    def __init__(self, *args: Any, fixed_email: str | None = None,
                 extra_questions: Sequence[SignupQuestion] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra_questions = list(extra_questions)
        for extra in self.extra_questions:
            self.fields[f"extra_{extra.pk}"] = _extra_field(extra)
        if fixed_email is not None:
            # A logged-in person signs up with their own address; changing it is not a
            # sign-up (a posted value is ignored: disabled fields keep their initial).
            self.fields["email"].disabled = True
            self.fields["email"].initial = fixed_email
            self.fields["email"].help_text = _("Your address. Only the organizers see it.")
        for tool in TOOLS:
            self.fields[f"tool_{tool.key}"] = forms.ChoiceField(
                choices=named_choices(FREQUENCIES, FREQUENCY_NAMES), initial="never",
                label=tool_name(tool), help_text=tool_examples(tool))
            self.fields[f"conf_{tool.key}"] = forms.TypedChoiceField(
                choices=CONFIDENCE_CHOICES, coerce=int, initial="1",
                label=confidence_label(tool))
        for question in QUESTIONS:
            # Required: a level from skipped questions would be a guess that looks like an
            # answer (everyone unanswered would start at Eye-opener). People added without
            # answers (imports, the API) are told their level is a guess.
            self.fields[f"q_{question.key}"] = forms.ChoiceField(
                choices=answer_choices(question),
                widget=forms.RadioSelect, label=question_prompt(question),
                error_messages={"required": _("Choose the answer closest to you: it places "
                                              "you on the ladder.")})

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def tool_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"tool_{t.key}"], self[f"conf_{t.key}"]) for t in TOOLS]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{q.key}"] for q in QUESTIONS]

    def unanswered_questions(self) -> list[str]:
        """The questions a submitted form left out (for the summary above the form)."""
        return [q.key for q in QUESTIONS if f"q_{q.key}" in self.errors]

    def tool_uses(self) -> dict[str, tuple[str, int]]:
        data = self.cleaned_data
        return {t.key: (data[f"tool_{t.key}"], data[f"conf_{t.key}"]) for t in TOOLS}

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data[f"q_{q.key}"] for q in QUESTIONS
                if self.cleaned_data.get(f"q_{q.key}")}

    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in ("microblog", "blog", "video")
                if self.cleaned_data.get(key)}

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[f"extra_{q.pk}"] for q in self.extra_questions]

    def extra_answers(self) -> dict[str, str | list[str]]:
        """The organizers' questions answered: {question id: text or [choices]}."""
        found = {str(q.pk): self.cleaned_data.get(f"extra_{q.pk}")
                 for q in self.extra_questions}
        return {key: value for key, value in found.items() if value}


def _extra_field(question: SignupQuestion) -> forms.Field:
    """The form field of one of the organizers' questions."""
    options = [(choice, choice) for choice in question.choices]
    label, required = question.prompt, question.required
    if question.kind == SignupQuestion.Kind.ONE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, label=label,
                                 required=required)
    if question.kind == SignupQuestion.Kind.MANY:
        return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple,
                                         label=label, required=required)
    return forms.CharField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 2}),
                           label=label, required=required)


class EmailForm(forms.Form):
    """Ask for a log-in link."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail sent through the outbox (kind ``password_reset``); an
    imported attendee with no account yet is sent a log-in link instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Your e-mail address")

    def save(self, *args: Any, **kwargs: Any) -> None:  # Django's signature; mail is ours
        password_reset_request(email=self.cleaned_data["email"])
class BroadcastForm(forms.Form):
    """An organizer's message to a segment; ``nonce`` ties a send to the form it previewed."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000,
                           label=_("Message"))
    statuses = forms.MultipleChoiceField(
        choices=Registration.Status.choices, required=False, initial=["confirmed"],
        widget=forms.CheckboxSelectMultiple, label=_("Registration"))
    levels = forms.TypedMultipleChoiceField(
        choices=LEVEL_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Level"))
    tools = forms.MultipleChoiceField(
        choices=[(tool.key, TOOL_NAMES[tool.key]) for tool in TOOLS], required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Uses one of these tools"))
    disciplines = forms.MultipleChoiceField(
        choices=named_choices(DISCIPLINES, DISCIPLINE_NAMES), required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Discipline"))
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def segment(self) -> Segment:
        data = self.cleaned_data
        return Segment(levels=tuple(data["levels"]), statuses=tuple(data["statuses"]),
                       tools=tuple(data["tools"]), disciplines=tuple(data["disciplines"]))


class RegistrationEditForm(forms.Form):
    """An organizer's correction of a person's details and, with a reason, their level."""

    name = OneLineField(max_length=200)
    organization = OneLineField(max_length=200, required=False)
    discipline = forms.ChoiceField(choices=DISCIPLINES)
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, required=False,
                                   empty_value=None)
    reason = forms.CharField(
        max_length=500, required=False, label=_("Why this level"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the level changes. The person reads it on their page, "
                  "after “The organizers placed you at …:”."))

    def __init__(self, *args: Any, registration: Registration, profile_editable: bool = True,
                 **kwargs: Any) -> None:
        person = registration.person
        kwargs.setdefault("initial", {
            "name": person.name, "organization": person.organization,
            "discipline": person.discipline, "level": registration.level})
        super().__init__(*args, **kwargs)
        if not profile_editable:
            # Disabled fields keep their initial value whatever is posted.
            for name in ("name", "organization", "discipline"):
                self.fields[name].disabled = True
            self.fields["discipline"].help_text = _(
                "This person has an account or takes part in other events: only they "
                "change their name, organization and discipline.")
        self.current_level = registration.level
        if registration.level is None:
            cast(forms.ChoiceField, self.fields["level"]).choices = [("", _("Not set yet")),
                                                                     *LEVEL_CHOICES]

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Enter the person's name."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level is None and self.current_level is not None:
            self.add_error("level", _("Choose a level."))
        elif level is not None and level != self.current_level \
                and not one_line(data.get("reason", "")):
            self.add_error("reason", _("Say why the level changes: the person reads it."))
        return data
