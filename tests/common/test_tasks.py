"""The task registry: names are unique, periodic tasks declare their cadence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from immerse.common.tasks import periodic_tasks, task, task_get


def test_mail_sending_is_periodic_every_minute() -> None:
    assert periodic_tasks()["mail_send"] == timedelta(minutes=1)


def test_a_name_taken_by_another_function_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        task("mail_send")(lambda: None)


def test_an_unknown_task_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="no task named 'nope'"):
        task_get("nope")


def test_work_done_is_one_info_line_and_a_quiet_minute_of_clockwork_is_debug(
        caplog, monkeypatch) -> None:
    from immerse.common import tasks

    monkeypatch.setitem(tasks.TASKS, "test_quick_periodic", lambda: None)
    monkeypatch.setitem(tasks.SCHEDULE, "test_quick_periodic", timedelta(minutes=1))
    monkeypatch.setitem(tasks.TASKS, "test_one_off", lambda n: n)
    with caplog.at_level("DEBUG", logger="immerse.tasks"):
        tasks.task_execute("test_quick_periodic", ())
        assert tasks.task_execute("test_one_off", (3,)) == 3
        monkeypatch.setattr(tasks, "ROUTINE_SECONDS", -1.0)  # as if it had taken long
        tasks.task_execute("test_quick_periodic", ())
    info = [r.getMessage() for r in caplog.records if r.levelname == "INFO"]
    assert [m.split(" finished")[0] for m in info] == [
        "task test_one_off(3,)", "task test_quick_periodic()"]
    assert sum("started" in r.getMessage() for r in caplog.records
               if r.levelname == "DEBUG") == 3
