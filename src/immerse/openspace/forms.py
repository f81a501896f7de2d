"""Plain forms of open space: proposing a session, the organizer's proposals period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from immerse.common.forms import IdMultipleChoiceField
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event, Room, TimeSlot, format_choices
from immerse.openspace.models import OFFER_MAX, TITLE_MAX


class SlotsField(IdMultipleChoiceField):
    """Time slots named by when they start (in the event's time zone, set by the view)."""

    def label_from_instance(self, obj: Any) -> str:
        return date_format(timezone.localtime(obj.start), "D j M, H:i")


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    offer = forms.CharField(label=_("What it offers"), max_length=OFFER_MAX,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("What people will take away, and what to bring."))
    levels = forms.TypedMultipleChoiceField(
        label=_("For which levels"), coerce=int, widget=forms.CheckboxSelectMultiple,
        choices=[(level, f"{level} · {label}") for level, label in LEVEL_LABELS.items()])
    format = forms.ChoiceField(label=_("Format"), choices=format_choices)


class OpenSpaceForm(forms.Form):
    """The proposals period; empty rooms or slots mean every free room-slot of the event."""

    opens_at = forms.DateTimeField(label=_("Proposals open at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Proposals close at"), widget=DATETIME)
    places_at = forms.DateTimeField(
        label=_("Placed in the program at"), widget=DATETIME,
        help_text=_("Announce it: at this time the most wanted proposals are placed."))
    rooms = IdMultipleChoiceField(label=_("Rooms for it"), required=False,
                                  queryset=Room.objects.none(),
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text=_("None ticked: every room."))
    slots = SlotsField(label=_("Time slots for it"), required=False,
                       queryset=TimeSlot.objects.none(), widget=forms.CheckboxSelectMultiple,
                       help_text=_("None ticked: every slot. Only the room-slots with no "
                                   "session are used."))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = Room.objects.filter(event=event)  # type: ignore[attr-defined]
        self.fields["slots"].queryset = TimeSlot.objects.filter(event=event)  # type: ignore[attr-defined]
