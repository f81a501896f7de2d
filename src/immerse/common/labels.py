"""The ladder's level names and the session formats' names in the reader's language.

The engine (no Django) keeps them in plain English (``engine.catalogue``); pages, forms and
messages show them through here, so that every page says them as docs/languages.md's
glossaries fix them. ``tests/i18n/test_labels.py`` keeps these in step with the engine.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS, Format

#: The four rungs of the ladder (``engine.catalogue.LEVEL_LABELS``).
LEVEL_NAMES: dict[int, Promise] = {
    1: pgettext_lazy("level", "Eye-opener"),
    2: pgettext_lazy("level", "Baby steps"),
    3: pgettext_lazy("level", "Preparation"),
    4: pgettext_lazy("level", "Just do it"),
}

#: The session formats (``engine.catalogue.FORMATS``), by key.
FORMAT_NAMES: dict[str, Promise] = {
    "story": _("Story & case sharing"),
    "strategy": _("Context & strategy talk"),
    "workshop": _("Facilitated workshop"),
    "lab": _("Hands-on lab"),
    "listening": _("Listening exercise"),
    "table": _("Table discussion"),
    "provocation": _("Expert provocation"),
    "community": _("Community space"),
    "plenary": _("Plenary"),
}


def level_label(level: int) -> str:
    """A level's name in the active language; the engine's for a level unknown here."""
    name = LEVEL_NAMES.get(level)
    return str(name) if name is not None else LEVEL_LABELS.get(level, str(level))


def format_name(entry: Format) -> str:
    """A catalogue entry's name in the active language; its own (English) label for an
    entry not translated yet."""
    name = FORMAT_NAMES.get(entry.key)
    return str(name) if name is not None else entry.label


def format_label(key: str) -> str:
    """A stored format key's name in the active language; the key itself for a format no
    longer in the catalogue (as ``engine.catalogue.format_label``)."""
    found = FORMAT_BY_KEY.get(key)
    return format_name(found) if found else key
