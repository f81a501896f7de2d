"""Forming tables in the background: the organizer's page starts a run and follows it.

A rotation over all table sessions takes as long as its solver's time limit (10 s from the
page); one session's tables a few seconds. Both run on a worker as a ``TaskRun`` on the
event, so the page answers at once and shows the run's progress.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.common.models import TaskRun
from immerse.common.runs import Refused, task_run_execute, task_run_start
from immerse.events.models import Event, Session
from immerse.tables.selectors import tablemate_repeats_of
from immerse.tables.services import (
    TablesRefused,
    tables_form,
    tables_rotation_check,
    tables_rotation_form,
)

TASK = "tables_form"


def tables_run_start(*, event: Event, user: User | None, session: Session | None,
                     table_size: int, time_limit: float, seed: int = 0,
                     return_url: str = "") -> TaskRun:
    """Queue forming tables for ``session``, or a rotation over all table sessions when it
    is None. What can be refused at once (no sessions to rotate) is refused here."""
    if session is None:
        tables_rotation_check(event=event)
    return task_run_start(task_name=TASK, target=event, user=user, return_url=return_url,
                          arguments={"session_id": session.pk if session else None,
                                     "table_size": table_size, "time_limit": time_limit,
                                     "seed": seed})


def tables_run_execute(run_id: int) -> TaskRun | None:
    return task_run_execute(run_id, _form)


def _form(run: TaskRun, report: Any) -> dict[str, Any]:
    event = Event.objects.get(pk=run.target_id)
    args = run.arguments
    try:
        with report.phase(0.05, 0.9, seconds=args["time_limit"],
                          message=_("Forming diverse tables")):
            if args["session_id"] is None:
                plans = tables_rotation_form(event=event, table_size=args["table_size"],
                                             time_limit=args["time_limit"], seed=args["seed"],
                                             before_store=report.ensure_mine)
            else:
                session = Session.objects.get(event=event, pk=args["session_id"])
                plans = [tables_form(session=session, table_size=args["table_size"],
                                     time_limit=args["time_limit"], seed=args["seed"],
                                     before_store=report.ensure_mine)]
    except TablesRefused as exc:
        raise Refused(str(exc)) from exc
    lines = [ngettext("%(session)s: %(tables)d table, diversity %(diversity).1f",
                      "%(session)s: %(tables)d tables, diversity %(diversity).1f", plan.tables)
             % {"session": plan.session.title, "tables": plan.tables,
                "diversity": plan.objective}
             + (f" ({'; '.join(plan.violations)})" if plan.violations else "")
             for plan in plans]
    repeats = tablemate_repeats_of(event=event)
    lines += [line for line in (repeats.headline, *repeats.details) if line]
    summary = (ngettext("Tables formed for %(rounds)d round.",
                        "Tables formed for %(rounds)d rounds.", len(plans))
               % {"rounds": len(plans)} if args["session_id"] is None
               else ngettext("%(tables)d table formed for %(session)s.",
                             "%(tables)d tables formed for %(session)s.", plans[0].tables)
               % {"tables": plans[0].tables, "session": plans[0].session.title})
    return {"summary": summary, "lines": lines, "sessions": [p.session_id for p in plans]}

