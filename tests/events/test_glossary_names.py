"""The engine's grammar modules name the levels and formats as the catalogues do, so a
generated sentence and the page around it say them the same way (docs/languages.md)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from immerse.engine.catalogue import FORMATS, LEVEL_LABELS
from immerse.engine.languages import LANGUAGES, grammar_for


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_the_grammar_modules_names_are_the_catalogues(language: str) -> None:
    grammar = grammar_for(language)
    with translation.override(language):
        catalogue = {**{f"level {n}": pgettext("level", name)
                        for n, name in LEVEL_LABELS.items()},
                     **{f.key: gettext(f.label) for f in FORMATS}}
    if catalogue["level 1"] == LEVEL_LABELS[1]:
        pytest.skip(f"no {language} catalogue with the level names on this branch yet")
    assert {**{f"level {n}": grammar.level_names[n] for n in LEVEL_LABELS},
            **{f.key: grammar.format_names[f.key] for f in FORMATS}} == catalogue
