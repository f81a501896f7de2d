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
