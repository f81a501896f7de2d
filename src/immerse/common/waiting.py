"""Questions waiting for an answer, wherever they were asked: a registry on the floor.

The listening dashboard (backchannel) counts the backchannel's questions itself; apps above
it (the room's questions, ``audience``) register a source here in their ``AppConfig.ready``
and the dashboard adds what each reports, without importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Waiting:
    """What one source holds for an event: ``count`` questions waiting now, and the
    seconds each answered question waited (``answer_seconds``)."""

    count: int
    answer_seconds: tuple[float, ...] = ()


#: Given the event (an ``events.Event``; the floor imports no app) and now.
WaitingSource = Callable[[Any, datetime], Waiting]

_SOURCES: dict[str, WaitingSource] = {}


def waiting_register(name: str, source: WaitingSource) -> None:
    """Add (or replace: ``ready`` may run twice in tests) the source called ``name``."""
    _SOURCES[name] = source


def waiting_for(event: Any, now: datetime) -> dict[str, Waiting]:
    """Each registered source's report for ``event``, by name, in registration order."""
    return {name: source(event, now) for name, source in _SOURCES.items()}
