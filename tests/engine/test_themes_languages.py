"""The named themes in every shipped language; a theme named by its quote stays as written."""

from __future__ import annotations

import pytest

from immerse.engine.languages import LANGUAGES
from immerse.engine.themes import KEYWORD_THEMES, OTHER, theme_name
from immerse.engine.wording import wording_problems

OTHERS = [code for code in LANGUAGES if code != "en"]
LABELS = [label for label, _words in KEYWORD_THEMES] + [OTHER]


@pytest.mark.parametrize("language", OTHERS)
def test_every_named_theme_has_a_name_in_each_language(language: str) -> None:
    names = {label: theme_name(label, language) for label in LABELS}
    assert [label for label, name in names.items() if name == label] == []
    assert len(set(names.values())) == len(LABELS)
    assert {name: wording_problems(name, language=language) for name in names.values()
            if wording_problems(name, language=language)} == {}


def test_names_and_quotes() -> None:
    assert theme_name("Approval, policy and risk") == "Approval, policy and risk"
    assert theme_name("Approval, policy and risk", "fr") == "Validation, règles et risques"
    assert theme_name("Knowing what to post", "de") == "Wissen, was du postest"
    assert theme_name("“Nobody reads our blog”", "es") == "“Nobody reads our blog”"
