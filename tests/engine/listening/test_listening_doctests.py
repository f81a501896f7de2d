"""The examples in the listening modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "analysis",
    "analysis_questions",
    "analysis_topics",
    "analysis_links",
    "api_pages",
    "belonging",
    "networks",
    "parse_bluesky",
    "columns",
    "parse",
    "parse_csv",
    "parse_mastodon",
    "questions",
    "records",
    "sentiment",
    "sources",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str):
    module = importlib.import_module(f"immerse.engine.listening.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
