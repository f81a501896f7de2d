"""The sign-up form: profile, channels, tool inventory, what they bring, the questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
from immerse.engine.levels import QUESTIONS
from immerse.people.models import LEVEL_CHOICES, Privacy, Registration
from immerse.people.selectors import Segment

CONFIDENCE_CHOICES = [(str(n), label) for n, label in (
    (1, "1 · not at all"), (2, "2"), (3, "3 · getting there"), (4, "4"), (5, "5 · could teach it"))]


class SignupForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name",
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label="E-mail", help_text="Only the organizers see it.",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), required=False,
        label="Choose a password",
        help_text="To see your level, agenda and table later.")
    organization = forms.CharField(
        max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    discipline = forms.ChoiceField(choices=DISCIPLINES, initial="other")
    region = forms.CharField(max_length=100, required=False)
    microblog = forms.CharField(max_length=100, required=False, label="Microblog handle",
                                help_text="e.g. @you@mastodon.social")
    blog = forms.URLField(required=False, label="Blog URL", assume_scheme="https")
    video = forms.URLField(required=False, label="Video channel", assume_scheme="https")
    other_tools = forms.CharField(max_length=300, required=False, label="Other tools you use")
    stories = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=4000, label="A story or case you bring")
    problems = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=4000, label="A problem you want help with")
    stories_privacy = forms.ChoiceField(choices=Privacy.choices, initial=Privacy.PARTICIPANTS,
                                        label="Who may read your story and problem")

    def __init__(self, *args: Any, needs_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_password = needs_password
        if needs_password:
            self.fields["password"].required = True
        else:
            del self.fields["password"]
        for tool in TOOLS:
            self.fields[f"tool_{tool.key}"] = forms.ChoiceField(
                choices=FREQUENCIES, initial="never", label=tool.label,
                help_text=tool.examples)
            self.fields[f"conf_{tool.key}"] = forms.TypedChoiceField(
                choices=CONFIDENCE_CHOICES, coerce=int, initial="1",
                label=f"Confidence with {tool.label.lower()}")
        for question in QUESTIONS:
            # Optional: the level rules assume the cautious answer and say so.
            self.fields[f"q_{question.key}"] = forms.ChoiceField(
                choices=[(c.key, c.label) for c in question.choices], required=False,
                widget=forms.RadioSelect, label=question.prompt)

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password", "")
        if self.needs_password and password:
            validate_password(password)
        return password

    def tool_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"tool_{t.key}"], self[f"conf_{t.key}"]) for t in TOOLS]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{q.key}"] for q in QUESTIONS]

    def tool_uses(self) -> dict[str, tuple[str, int]]:
        data = self.cleaned_data
        return {t.key: (data[f"tool_{t.key}"], data[f"conf_{t.key}"]) for t in TOOLS}

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data[f"q_{q.key}"] for q in QUESTIONS
                if self.cleaned_data.get(f"q_{q.key}")}

    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in ("microblog", "blog", "video")
                if self.cleaned_data.get(key)}


class BroadcastForm(forms.Form):
    """An organizer's message to a segment; ``nonce`` ties a send to the form it previewed."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000,
                           label="Message")
    statuses = forms.MultipleChoiceField(
        choices=Registration.Status.choices, required=False, initial=["confirmed"],
        widget=forms.CheckboxSelectMultiple, label="Registration")
    levels = forms.TypedMultipleChoiceField(
        choices=LEVEL_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        label="Level")
    tools = forms.MultipleChoiceField(
        choices=[(tool.key, tool.label) for tool in TOOLS], required=False,
        widget=forms.CheckboxSelectMultiple, label="Uses one of these tools")
    disciplines = forms.MultipleChoiceField(
        choices=DISCIPLINES, required=False, widget=forms.CheckboxSelectMultiple,
        label="Discipline")
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def segment(self) -> Segment:
        data = self.cleaned_data
        return Segment(levels=tuple(data["levels"]), statuses=tuple(data["statuses"]),
                       tools=tuple(data["tools"]), disciplines=tuple(data["disciplines"]))
