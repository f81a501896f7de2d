"""The grid's "move to" form: the keyboard and phone way to place, move or unplace."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from immerse.common.forms import IdChoiceField
from immerse.engine.schedule_grid import GridSlot
from immerse.events.models import Event, Room, TimeSlot

TELL_CHOICES = (("yes", _("Tell them")), ("no", _("Don't tell them")))


def slot_label(slot: TimeSlot | GridSlot, zone: ZoneInfo) -> str:
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    return (f"{formats.date_format(start, 'D j M')}, {formats.time_format(start, 'H:i')}–"
            f"{formats.time_format(end, 'H:i')}")


def slot_times(slot: TimeSlot | GridSlot, zone: ZoneInfo) -> str:
    """Start and end only: the grid's rows, under the day's tab."""
    return (f"{formats.time_format(slot.start.astimezone(zone), 'H:i')}–"
            f"{formats.time_format(slot.end.astimezone(zone), 'H:i')}")


class SlotChoice(IdChoiceField):
    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return slot_label(obj, self.zone)


class MoveForm(forms.Form):
    """Room and slot (both empty, or the "Unplace" button: out of the grid)."""

    room = IdChoiceField(queryset=Room.objects.none(), required=False,
                                  label=_("Room"), empty_label=_("(no room)"))
    tell = forms.ChoiceField(choices=TELL_CHOICES, required=False, widget=forms.RadioSelect,
                             label=_("The people whose agenda holds this session"))
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(event=event)  # type: ignore[attr-defined]
        self.fields["slot"] = SlotChoice(
            queryset=TimeSlot.objects.filter(event=event).order_by("start", "end", "pk"),
            zone=ZoneInfo(event.time_zone), required=False, label=_("Time slot"),
            empty_label=_("(no time)"))
        self.order_fields(["room", "slot", "tell", "nonce"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.data.get("unplace"):
            data["room"] = data["slot"] = None
        elif (data.get("room") is None) != (data.get("slot") is None):
            missing = "slot" if data.get("slot") is None else "room"
            self.add_error(missing, _("Choose both a room and a time slot, or use Unplace."))
        return data
