"""Forms of the message pages: a person's preferences, an organizer's wording."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from immerse.notify.kinds import Kind, kind_get
from immerse.notify.rendering import TemplateRefused, template_check
from immerse.notify.selectors import Preferences


class PreferencesForm(forms.Form):
    """One box per optional kind (ticked: send it by e-mail), and "no optional mail"."""

    nothing = forms.BooleanField(required=False, label=_("No optional e-mail at all"))

    def __init__(self, *args: Any, kinds: list[Kind], current: Preferences,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.fields["nothing"].initial = current.everything_optional
        for kind in kinds:
            self.fields[f"kind_{kind.key}"] = forms.BooleanField(
                required=False, label=kind.label, initial=kind.key not in current.opted_out)

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[f"kind_{kind.key}"] for kind in self.kinds]

    def opted_out(self) -> list[str]:
        return [kind.key for kind in self.kinds if not self.cleaned_data[f"kind_{kind.key}"]]


class TemplateForm(forms.Form):
    """An organizer's subject and body; unknown placeholders and tags are refused by name."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), max_length=20000)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind_get(kind)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "subject" in data and "body" in data:
            try:
                template_check(self.kind.key, data["subject"], data["body"])
            except TemplateRefused as exc:
                field, _, message = str(exc).partition(": ")
                self.add_error(field if field in ("subject", "body") else None, message)
        return data
