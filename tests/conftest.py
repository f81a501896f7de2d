"""Shared fixtures. Django is imported lazily so engine tests run without it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The generated demo, built once per test module; tests must not change it.

    Module scope, not session scope: transactional tests elsewhere flush the database.
    """
    from immerse.demo.build import demo_build, demo_remove

    with django_db_blocker.unblock():
        summary = demo_build(seed=2009)
    yield summary
    with django_db_blocker.unblock():
        demo_remove()
