"""What both topologies must do, given running processes: the data and the checks."""

from __future__ import annotations

import time
from typing import Any

from immerse.common.models import TaskRun
from immerse.events.models import Event
from immerse.notify.models import Message
from immerse.notify.services import message_queue
from immerse.people.tokens import token_create
from immerse.program.models import AgendaItem
from immerse.tables.models import TablePlan, TableSeat
from immerse.tables.runs import tables_run_start
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
    side_by_side,
)
from tests.integration.conftest import Topology, wait_for
from tests.tables.factories import room


def planning_event(slug: str) -> tuple[Event, str]:
    """An event of 60 attendees and 3 slots of 3 sessions, and an organizer's API token."""
    event = make_event(slug=slug, capacity=100)
    for hour in (9, 11, 14):
        slot = None
        for n, levels in enumerate(((1, 2), (2, 3), (3, 4))):
            session = make_session(event=event, title=f"S{hour}-{n}", levels=levels,
                                   capacity=25, start_hour=hour,
                                   topics=["video"] if n == 0 else [])
            if slot is None:
                slot = session.slot
            else:  # three sessions side by side in one slot
                side_by_side(session, slot)
    for k in range(60):
        make_registration(event=event, level=1 + k % 4, person=make_person(),
                          interests=["video"] if k % 3 == 0 else [])
    organizer = make_user()
    make_role(event=event, user=organizer)
    return event, token_create(user=organizer, name="integration")[1]


def plan_through_the_api(topology: Topology, event: Event, token: str) -> dict[str, Any]:
    """POST a planning run: 202 at once with the queued run, then poll it to the end."""
    started = time.perf_counter()
    status, run, headers = topology.request(
        "POST", f"/api/v1/events/{event.slug}/agendas/runs", {"time_limit": 3}, token=token)
    answered = time.perf_counter() - started
    assert status == 202, run
    assert run["status"] in ("queued", "running")
    # "At once" is the answer's status (queued or running: nobody waited for the plan); the
    # bound only catches a request stuck behind the worker, and holds on a loaded machine.
    assert answered < 10.0, f"the 202 took {answered:.2f} s"
    location = headers["Location"]
    seen = [run["status"]]

    def finished() -> bool:
        _, current = topology.get(location, token=token)
        if current.get("status") and current["status"] != seen[-1]:
            seen.append(current["status"])
        run.update(current)
        return current.get("status") in ("done", "failed")

    wait_for(finished, timeout=120, what="the planning run", logs=topology.logs)
    assert run["status"] == "done", run
    # The 202 may already say "running": the embedded worker can take the run from the queue
    # before the answer leaves (a loaded machine slows the answer, not the worker).
    assert seen[0] in ("queued", "running") and seen[-1] == "done", seen
    assert run["stats"]["attendees"] == 60
    planned = AgendaItem.objects.filter(registration__event=event)
    assert planned.count() == 60 * 3  # one session per slot each, none twice
    assert planned.values("registration", "session").distinct().count() == 60 * 3
    return run


def rotation_event(slug: str, people: int = 40) -> Event:
    event = make_event(slug=slug, capacity=people + 10)
    room(event, people)
    for hour in (9, 11, 14):
        make_session(event=event, title=f"Tables {hour}", fmt="table", levels=(1, 2, 3, 4),
                     start_hour=hour)
    return event


def rotation_start(event: Event, *, time_limit: float) -> TaskRun:
    return tables_run_start(event=event, user=None, session=None, table_size=5,
                            time_limit=time_limit)


def wait_run(topology: Topology, model: type, pk: int, *, timeout: float = 120) -> Any:
    def finished() -> bool:
        return model.objects.get(pk=pk).status in ("done", "failed")

    wait_for(finished, timeout=timeout, what=f"{model.__name__} {pk}", logs=topology.logs)
    return model.objects.get(pk=pk)


def assert_rotation_stored_once(event: Event, people: int) -> None:
    """Every attendee seated exactly once in each of the three rounds: nothing doubled."""
    assert TablePlan.objects.filter(session__event=event).count() == 3
    assert TableSeat.objects.filter(session__event=event).count() == people * 3


def queue_mail(event: Event, to: str, *, kick: bool) -> Message:
    person = make_person(email=to)
    return message_queue(kind="broadcast", to_email=to, to_name=person.name, person=person,
                         event=event, key=f"integration-{to}", kick=kick,
                         context={"subject": "Doors open at nine", "body": "Bring a laptop."})


def assert_mail_delivered(topology: Topology, sink: Any, message: Message, *,
                          timeout: float) -> None:
    wait_for(lambda: Message.objects.get(pk=message.pk).status == "sent", timeout=timeout,
             what=f"mail to {message.to_email}", logs=topology.logs)
    assert [m["To"].addresses[0].addr_spec for m in sink.received].count(message.to_email) == 1

