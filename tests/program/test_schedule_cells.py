"""A schedule import keeps one session per room and slot: two talks in one room at one time,
or a talk landing on a session the organizer placed by hand, are refused, naming both, and
nothing changes; a re-import where talks trade places goes through."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest

from immerse.engine.formats.schedule import ScheduleFormatError
from immerse.events.models import Session
from immerse.program.services.schedule import parse_schedule, schedule_import
from tests.shared_data import shared_data

SHARED = shared_data("formats")
CAMP = "frab-camp2019.schedule.json"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/formats is absent"),
]


def _camp() -> dict:
    return json.loads((SHARED / "examples" / CAMP).read_bytes())


def _import(document: dict, slug: str = "camp") -> None:
    data = json.dumps(document).encode()
    schedule_import(schedule=parse_schedule(data, source=CAMP), slug=slug, source=CAMP)


def test_two_talks_in_one_room_at_one_time_are_refused_naming_both() -> None:
    document = _camp()
    talks = document["schedule"]["conference"]["days"][0]["rooms"]["Curie"]
    twin = copy.deepcopy(talks[0])
    twin.update(guid="00000000-0000-4000-8000-000000000001", id=1, title="Twin")
    talks.append(twin)
    with pytest.raises(ScheduleFormatError) as refused:
        _import(document)
    assert str(refused.value) == (
        "frab-camp2019.schedule.json: room 'Curie', 2019-08-21T11:00:00+02:00: "
        "“Opening Ceremony” and “Twin” are both in Curie at 2019-08-21T11:00:00+02:00: "
        "a room holds one session at a time")
    assert not Session.objects.exists()


def test_a_talk_on_a_hand_placed_session_is_refused_and_trading_places_is_not() -> None:
    document = _camp()
    _import(document)
    opening = Session.objects.get(title="Opening Ceremony")
    Session.objects.filter(pk=opening.pk).update(room=None, slot=None)
    by_hand = Session.objects.create(event=opening.event, title="By hand", format="story",
                                     target_levels=[1], room=opening.room, slot=opening.slot)
    with pytest.raises(ScheduleFormatError, match=r"“Opening Ceremony” would share Curie at "
                       r".* with “By hand”, which is not in this file"):
        _import(document)
    by_hand.delete()
    # Two talks of one room trade their times: fine on re-import.
    talks = document["schedule"]["conference"]["days"][0]["rooms"]["Curie"]
    for key in ("start", "date"):
        talks[0][key], talks[1][key] = talks[1][key], talks[0][key]
    talks[0]["duration"] = talks[1]["duration"] = "00:30"
    _import(document)
    first, second = (Session.objects.select_related("slot").get(title=talks[i]["title"])
                     for i in (0, 1))
    assert first.slot.start == datetime.fromisoformat(talks[0]["date"])
    assert second.slot.start == datetime.fromisoformat(talks[1]["date"])
