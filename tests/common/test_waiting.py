from datetime import UTC, datetime

from immerse.common import waiting
from immerse.common.waiting import Waiting, waiting_for, waiting_register


def test_registered_sources_report_by_name_in_order(monkeypatch) -> None:
    monkeypatch.setattr(waiting, "_SOURCES", {})
    waiting_register("room", lambda event, now: Waiting(2, (60.0,)))
    waiting_register("desk", lambda event, now: Waiting(event, ()))
    waiting_register("room", lambda event, now: Waiting(3, (30.0, 90.0)))  # replaces
    now = datetime(2027, 5, 1, tzinfo=UTC)
    assert waiting_for(1, now) == {"room": Waiting(3, (30.0, 90.0)), "desk": Waiting(1, ())}


def test_the_audience_app_registers_the_rooms() -> None:
    assert "room" in waiting._SOURCES
