"""The examples in the grouping docstrings run and print what they claim."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "immerse.engine.grouping",
        "immerse.engine.grouping.solver",
        "immerse.engine.grouping.rotation",
        "immerse.engine.grouping.profiles",
        "immerse.engine.grouping.placement",
        "immerse.engine.grouping.repeats",
        "immerse.engine.grouping.sizes",
        "immerse.engine.formats.mdgplib",
    ],
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))

    assert result.attempted > 0 and result.failed == 0
