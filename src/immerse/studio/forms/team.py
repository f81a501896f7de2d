"""The team page's forms: an invitation, a role change, and a new account made by
accepting an invitation. The service checks the team's rules; these check the shape."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from immerse.events.models import EventRole

ROLE_CHOICES = [(EventRole.Role.ORGANIZER.value, _("Co-organizer")),
                (EventRole.Role.FACILITATOR.value, _("Facilitator / expert"))]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES,
                             initial=EventRole.Role.ORGANIZER.value)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class JoinForm(forms.Form):
    """A new account for the invited address: a name and a password chosen twice."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(label=_("Choose a password"), strip=False,
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("The password again"), strip=False,
                                     widget=forms.PasswordInput(attrs={
                                         "autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password and data.get("password_again") != password:
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            try:
                validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
