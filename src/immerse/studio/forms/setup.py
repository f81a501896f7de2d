"""The set-up pages' forms: plain fields (never JSON typed by hand), errors that name the
field. The services check the event's own rules; these check the shape."""

from __future__ import annotations

from datetime import date, time
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from immerse.common.forms import IdMultipleChoiceField
from immerse.engine.catalogue import FORMATS, LEVEL_LABELS
from immerse.events.models import Event
from immerse.people.models import Person, SignupQuestion
from immerse.studio.services.setup import event_days

LEVELS = [(level, f"{level} {label}") for level, label in LEVEL_LABELS.items()]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SlotGridForm(forms.Form):
    """Generate each chosen day's slots from its hours, session length and breaks."""

    days = forms.TypedMultipleChoiceField(
        label=_("Days"), coerce=date.fromisoformat, widget=forms.CheckboxSelectMultiple)
    start = forms.TimeField(label=_("First session starts"), widget=TIME, initial=time(9))
    end = forms.TimeField(label=_("Last session ends by"), widget=TIME, initial=time(17))
    session_minutes = forms.IntegerField(label=_("Session length (minutes)"), min_value=5,
                                         max_value=600, initial=60)
    gap_minutes = forms.IntegerField(label=_("Change-over between sessions (minutes)"),
                                     min_value=0, max_value=240, initial=15)
    break_start = forms.TimeField(label=_("Lunch or break from"), widget=TIME, required=False,
                                  initial=time(12, 30))
    break_end = forms.TimeField(label=_("Lunch or break until"), widget=TIME, required=False,
                                initial=time(13, 30))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = event_days(event)
        field = cast(forms.TypedMultipleChoiceField, self.fields["days"])
        field.choices = [(day.isoformat(), date_format(day, "l j F")) for day in days]
        field.initial = [day.isoformat() for day in days]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("break_start")) != bool(data.get("break_end")):
            field = "break_end" if data.get("break_start") else "break_start"
            self.add_error(field, _("Give both the start and the end of the break."))
        return data

    def breaks(self) -> list[tuple[time, time]]:
        data = self.cleaned_data
        return [(data["break_start"], data["break_end"])] if data.get("break_start") else []


class SlotForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=80, required=False,
                            help_text=_("Optional, e.g. “Morning block”."))
    start = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1, max_value=100000)
    accessibility = forms.CharField(
        label=_("Accessibility notes"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Step-free access, hearing loop, quiet corner, …"))


def _format_choices() -> list[tuple[str, str]]:
    return [(f.key, f.label) for f in FORMATS]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    format = forms.ChoiceField(label=_("Format"), choices=_format_choices,
                               widget=forms.RadioSelect)
    target_levels = forms.TypedMultipleChoiceField(
        label=_("Target levels"), choices=LEVELS, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one level.")})
    topics = forms.CharField(label=_("Topics"), max_length=500, required=False,
                             help_text=_("Separated by commas, e.g. “video, live streaming”."))
    abstract = forms.CharField(label=_("Description"), required=False, max_length=10000,
                               widget=forms.Textarea(attrs={"rows": 4}))
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=100000,
                                  required=False, help_text=_("Empty: the room's size."))
    hosts = IdMultipleChoiceField(
        label=_("Hosts and experts"), queryset=Person.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The event's experts and practitioners, and this session's hosts."))
    invite_name = forms.CharField(label=_("Invite a host: name"), max_length=200,
                                  required=False)
    invite_email = forms.EmailField(label=_("Invite a host: e-mail"), required=False,
                                    help_text=_("They get a message with the session."))
    pitch = forms.CharField(
        label=_("Your own pitch"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to keep the generated pitch, which follows the levels, "
                    "format and topics."))

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelMultipleChoiceField[Person]", self.fields["hosts"]).queryset = hosts

    def clean_topics(self) -> tuple[str, ...]:
        raw = self.cleaned_data["topics"]
        return tuple(dict.fromkeys(t.strip() for t in raw.split(",") if t.strip()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("invite_email") and not (data.get("invite_name") or "").strip():
            self.add_error("invite_name", _("Give the name of the person you invite."))
        return data


# The hub: each channel one validated row ---------------------------------------------


class HashtagRowForm(forms.Form):
    value = forms.RegexField(label=_("Hashtag"), max_length=100, required=False,
                             regex=r"^#?[^\s#]+$",
                             error_messages={"invalid": _("One word, e.g. #smimmersion.")})


class HandleRowForm(forms.Form):
    value = forms.RegexField(label=_("Account"), max_length=200, required=False,
                             regex=r"^@?[^\s@]+(@[^\s@]+)?$",
                             error_messages={
                                 "invalid": _("An account, e.g. @team@example.social.")})


class LinkRowForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https",
                         validators=[URLValidator(schemes=["http", "https"])])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("label") and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the address for “%(label)s”.") % {
                "label": data["label"]})
        return data


HashtagFormSet = forms.formset_factory(HashtagRowForm, extra=2, max_num=30,
                                       validate_max=True)
HandleFormSet = forms.formset_factory(HandleRowForm, extra=2, max_num=30, validate_max=True)
LinkFormSet = forms.formset_factory(LinkRowForm, extra=2, max_num=30, validate_max=True)


class HubForm(forms.Form):
    wiki_url = forms.URLField(label=_("Wiki"), required=False, assume_scheme="https",
                              validators=[URLValidator(schemes=["http", "https"])])
    content_guide = forms.CharField(label=_("How to take part"), required=False,
                                    max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
                                    help_text=_("How and where everyone can create content "
                                                "at this event."))


class SignupSettingsForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Sign-up opens at"), widget=DATETIME,
                                   required=False, help_text=_("Empty: open now."))
    closes_at = forms.DateTimeField(label=_("Sign-up closes at"), widget=DATETIME,
                                    required=False, help_text=_("Empty: until the event."))
    capacity = forms.IntegerField(label=_("Capacity (confirmed seats)"), min_value=1,
                                  max_value=1000000)
    waiting_list = forms.BooleanField(
        label=_("Waiting list"), required=False,
        help_text=_("When the seats are taken, people join a waiting list; off: sign-up "
                    "says the event is full."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_at") and data.get("closes_at") and \
                data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Sign-up must close after it opens."))
        return data


class QuestionForm(forms.Form):
    """One of the organizers' own sign-up questions."""

    prompt = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Answer"), choices=SignupQuestion.Kind.choices,
                             widget=forms.RadioSelect, initial=SignupQuestion.Kind.TEXT)
    choices = forms.CharField(
        label=_("Options"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one option a line, at least two."))
    required = forms.BooleanField(label=_("An answer is needed to sign up"), required=False)

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines()
                if line.strip()]
