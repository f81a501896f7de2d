"""The room's forms: ask a question, create a poll, the event's rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from immerse.audience.models import CHOICE_MAX, PROMPT_MAX, QUESTION_MAX, AudienceSettings, Poll
from immerse.events.models import Session


class AskForm(forms.Form):
    text = forms.CharField(label=_("Your question"), max_length=QUESTION_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}))
    anonymous = forms.BooleanField(label=_("Ask without my name"), required=False)

    def __init__(self, *args: Any, anonymous_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not anonymous_allowed:
            del self.fields["anonymous"]


class PollForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Poll.Kind.choices)
    prompt = forms.CharField(label=_("Question"), max_length=PROMPT_MAX)
    choices = forms.CharField(
        label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(_("One per line, for one or several choices (at most {n} "
                                "characters each)."), n=CHOICE_MAX))

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_choices(self) -> list[str]:
        return [line for line in self.cleaned_data["choices"].splitlines() if line.strip()]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AudienceSettings
        fields = ["anonymous_questions", "moderate_questions"]
