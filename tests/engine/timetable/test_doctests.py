"""The examples in the timetable docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module", ["immerse.engine.timetable", "immerse.engine.timetable.model",
               "immerse.engine.timetable.solve"]
)
def test_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
