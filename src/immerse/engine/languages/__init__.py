"""The languages immerse writes generated sentences in, one grammar module each.

``grammar_for("de")`` gives German's :class:`~immerse.engine.languages.grammar.Grammar`;
a regional code takes its language's ("de-at" → "de"); any other code raises
:class:`UnknownLanguageError` naming it. Adding a language is one module here with its
``GRAMMAR`` and one entry in :data:`GRAMMARS` (docs/generated-wording.md).

>>> grammar_for("fr-BE").join(["a", "b", "c"], False)
'a, b et c'
"""

from __future__ import annotations

from immerse.engine.languages import de, en, es, fr, nl
from immerse.engine.languages.grammar import Grammar

__all__ = ["GRAMMARS", "LANGUAGES", "UnknownLanguageError", "grammar_for", "translated_into"]

GRAMMARS: dict[str, Grammar] = {m.GRAMMAR.code: m.GRAMMAR for m in (en, nl, de, fr, es)}
LANGUAGES: tuple[str, ...] = tuple(GRAMMARS)


class UnknownLanguageError(ValueError):
    """A language code no grammar module covers."""

    def __init__(self, code: str) -> None:
        super().__init__(f"language: no generated wording for {code!r} "
                         f"(known: {', '.join(LANGUAGES)})")
        self.code = code


def grammar_for(code: str) -> Grammar:
    """The grammar of ``code`` (a language code, optionally with a region: "es-ES")."""
    base = _base(code)
    if base not in GRAMMARS:
        raise UnknownLanguageError(code)
    return GRAMMARS[base]


def translated_into(code: str | None) -> str | None:
    """The language a page in ``code`` needs generated texts written anew in: None for
    English (the stored texts are English) and for a language without a grammar module.

    >>> translated_into("de-CH"), translated_into("en-GB"), translated_into("pt"), \
translated_into(None)
    ('de', None, None, None)
    """
    base = _base(code or "en")
    return base if base != "en" and base in GRAMMARS else None


def _base(code: str) -> str:
    return code.lower().replace("_", "-").split("-")[0]
