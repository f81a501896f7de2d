"""Forms for a new event and an event's settings: plain fields, errors named by field."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from immerse.common.forms import IdChoiceField
from immerse.engine.event_templates import TEMPLATES
from immerse.events.models import Event, Visibility
from immerse.studio.services.events import EventDetails

#: The templates' names and promises in the reader's language (the engine's data is plain
#: English; these are what a page shows).
TEMPLATE_TEXT = {
    "conference": (_("Conference"), _("Two days, three rooms in parallel: keynotes, talks at "
                                      "each level, labs, workshops and round tables.")),
    "immersion": (_("Five-day immersion"), _(
        "Day 1 opens with listening to each other; round tables every day, expert "
        "provocations, labs, and a community space for practitioners on the last day.")),
    "workshop": (_("Workshop"), _("Half a day in one room: stories, a hands-on lab, and a "
                                  "facilitated session where everyone leaves with a plan to "
                                  "take home.")),
    "course": (_("Training course"), _("One edition of a series (101, then deeper): editions "
                                       "are linked on a course path, so each person's "
                                       "progression follows them.")),
    "meetup": (_("Community meetup"), _("An evening: a story, a practitioner's provocation, "
                                        "and round tables.")),
}
COPY = "copy"


def language_choices() -> list[tuple[str, Any]]:
    """The offered languages, each in itself, after "none" (the visitor's browser decides)."""
    return [("", _("None: each visitor's browser decides")), *settings.LANGUAGES]


def template_choices() -> list[tuple[str, Any]]:
    return [(t.key, TEMPLATE_TEXT.get(t.key, (t.label, t.summary))[0]) for t in TEMPLATES]


class EventSettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("First day"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Last day"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    time_zone = forms.CharField(
        label=_("Time zone"), max_length=64, initial="Europe/Amsterdam",
        help_text=_("A name such as Europe/Amsterdam or America/New_York: session times are "
                    "shown in it."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}))
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=100_000,
                                  help_text=_("Confirmed seats; beyond them people wait."))
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.DRAFT,
        widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Default language"), required=False, choices=language_choices,
        help_text=_("The event's pages and messages are in it for people who have not "
                    "chosen a language of their own."))

    def details(self) -> EventDetails:
        data = self.cleaned_data
        return EventDetails(title=data["title"], start_date=data["start_date"],
                            end_date=data.get("end_date"), time_zone=data["time_zone"],
                            venue=data.get("venue", ""), capacity=data["capacity"],
                            visibility=data["visibility"], language=data.get("language", ""))

    @classmethod
    def for_event(cls, event: Event, data: Any = None) -> EventSettingsForm:
        return cls(data, initial={
            "title": event.title, "start_date": event.start_date, "end_date": event.end_date,
            "time_zone": event.time_zone, "venue": event.venue, "capacity": event.capacity,
            "visibility": event.visibility, "language": event.language})


class NewEventForm(EventSettingsForm):
    start_from = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect)
    copy_from = IdChoiceField(
        label=_("Event to copy"), queryset=Event.objects.none(), required=False,
        help_text=_("Copied: rooms, days and slots (moved to the new dates), sessions with "
                    "their levels, formats and pitches, hub channels, message wording and "
                    "listening sources (without passwords). Never people, posts, feedback "
                    "or plans."))
    field_order = ["start_from", "copy_from", "title", "start_date", "end_date"]

    def __init__(self, *args: Any, organized: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = template_choices()
        if organized.exists():
            choices.append((COPY, _("A copy of an event I organize")))
        cast(forms.ChoiceField, self.fields["start_from"]).choices = choices
        cast("forms.ModelChoiceField[Event]", self.fields["copy_from"]).queryset = organized
        end = self.fields["end_date"]
        end.required = False
        end.help_text = _("Empty: as many days as the template or the copied event.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_from") == COPY and not data.get("copy_from"):
            self.add_error("copy_from", _("Choose the event to copy."))
        return data

    def template_key(self) -> str | None:
        start = self.cleaned_data["start_from"]
        return None if start == COPY else start
