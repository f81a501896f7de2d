"""The organizer's no-show release time, and a walk-in who never signed up."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    release_at = forms.DateTimeField(
        label=_("Release seats of people not checked in at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Announced on the hub and agendas; empty: seats are never released."))


class WalkinForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
