"""A cached aggregate is rebuilt by one request at a time; the others serve the old value."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from immerse.common import caching
from immerse.common.caching import cached_with_one_rebuild


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    now = [1_000.0]
    monkeypatch.setattr(caching.time, "time", lambda: now[0])
    cache.clear()
    yield now
    cache.clear()


def counting_build(values: list[str]):
    calls: list[str] = []

    def build() -> str:
        calls.append(values[len(calls)])
        return calls[-1]

    return build, calls


def test_a_fresh_value_is_built_once_and_served(clock) -> None:
    build, calls = counting_build(["v1"])
    assert [cached_with_one_rebuild("k", build, 60) for _ in range(3)] == ["v1"] * 3
    assert calls == ["v1"]


def test_past_freshness_the_first_caller_rebuilds(clock) -> None:
    build, calls = counting_build(["v1", "v2"])
    cached_with_one_rebuild("k", build, 60)
    clock[0] += 61
    assert cached_with_one_rebuild("k", build, 60) == "v2"
    assert cached_with_one_rebuild("k", build, 60) == "v2"
    assert calls == ["v1", "v2"]


def test_while_one_rebuilds_the_others_serve_the_stale_value(clock) -> None:
    build, calls = counting_build(["v1", "v2", "v3"])
    cached_with_one_rebuild("k", build, 60)
    clock[0] += 61
    seen: list[str] = []

    def rebuild_while_another_asks() -> str:
        seen.append(cached_with_one_rebuild("k", build, 60))  # a concurrent request
        return "v2"

    assert cached_with_one_rebuild("k", rebuild_while_another_asks, 60) == "v2"
    assert seen == ["v1"] and calls == ["v1"]  # the other request did not build
    assert cached_with_one_rebuild("k", build, 60) == "v2"


def test_a_failed_rebuild_releases_the_lock(clock) -> None:
    build, _ = counting_build(["v1", "v2"])
    cached_with_one_rebuild("k", build, 60)
    clock[0] += 61

    def broken() -> str:
        raise RuntimeError("database away")

    with pytest.raises(RuntimeError):
        cached_with_one_rebuild("k", broken, 60)
    assert cached_with_one_rebuild("k", build, 60) == "v2"  # not stuck on the stale value
