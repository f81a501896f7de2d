"""The languages immerse speaks, and which of them are shipped.

``KNOWN`` are the languages with a catalogue in ``src/immerse/locale/<code>/``; a person and
an event may store any of them. ``SHIPPED`` are those offered: in the switcher, negotiated
from the browser's Accept-Language, and held by the catalogue tests to "every marked string
translated" (tests/i18n). A language joins ``SHIPPED`` once its catalogue is complete;
English, the language of the source, always is. ``IMMERSE_LANGUAGES`` (settings) may offer
more, e.g. to try a catalogue in progress. docs/languages.md says how to add one.
"""

from __future__ import annotations

#: Code → the language's name in itself (a switcher lists each in its own language).
KNOWN: dict[str, str] = {
    "en": "English",
    "nl": "Nederlands",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
}

#: Offered by default. Add a code here in the commit that completes its catalogue.
SHIPPED: tuple[str, ...] = ("en", "nl", "de", "fr", "es")

#: The source language: what a page says when nothing else is chosen.
DEFAULT = "en"

#: Where a logged-in person's stored language waits in the session (set when they log in
#: or choose one), so that no page reads their person row to know it.
SESSION_KEY = "immerse_language"


def offered(codes: list[str]) -> tuple[str, ...]:
    """The languages to offer: English first, then the known codes asked for, in order.

    >>> offered(["de", "en", "nl", "de"])
    ('en', 'de', 'nl')
    """
    unknown = [code for code in codes if code not in KNOWN]
    if unknown:
        raise ValueError(f"IMMERSE_LANGUAGES: unknown language {', '.join(unknown)}; "
                         f"known: {', '.join(KNOWN)}")
    return (DEFAULT, *dict.fromkeys(code for code in codes if code != DEFAULT))
