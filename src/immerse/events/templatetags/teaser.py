"""A long text as its first sentence (always shown) and the rest (behind "more" on a phone)."""

from __future__ import annotations

import re

from django import template

register = template.Library()
# A sentence ends at . ! or ? followed by a space and a capital (or an opening quote, or
# Spanish's opening ¿ ¡), accented capitals too ("À vous", "Élargir").
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(«¿¡]?[A-Z0-9À-ÖØ-Þ])")


def _split(text: object) -> tuple[str, str]:
    parts = SENTENCE_END.split(str(text or "").strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


@register.filter
def lead(text: object) -> str:
    """``{{ pitch|lead }}``: the first sentence."""
    return _split(text)[0]


@register.filter
def after_lead(text: object) -> str:
    """``{{ pitch|after_lead }}``: everything after the first sentence ("" for one sentence)."""
    return _split(text)[1]
