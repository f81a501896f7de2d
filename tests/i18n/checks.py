"""What the catalogue tests hold each catalogue to, as functions a test can also feed a
broken catalogue (so that the checks themselves are seen to fail)."""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

import polib

# %(name)s, %s, %d … (only where the entry is python-format: "100% sure" is no placeholder).
PERCENT = re.compile(r"%%|%(?:\(\w+\))?[-#0 +]?\d*(?:\.\d+)?[sdifrx]")
NAMED = re.compile(r"%\(\w+\)[sdifrx]")
BRACE = re.compile(r"\{\w*\}")


def placeholders(text: str, *, percent: bool, brace: bool) -> Counter[str]:
    """The placeholders in ``text``: named ones always, ``%s``/``%d`` in python-format
    entries, ``{name}`` in python-brace-format ones."""
    found = Counter(NAMED.findall(text))
    if percent:
        found = Counter(p for p in PERCENT.findall(text) if p != "%%")
    if brace:
        found.update(BRACE.findall(text))
    return found


def placeholder_problems(catalogue: polib.POFile) -> list[str]:
    """Each translated entry whose placeholders differ from its message's.

    A plural form may leave out a number its language says in words (French "une
    session"), so each form's placeholders are within the plural message's and the last
    form has them all.
    """
    problems = []
    for entry in catalogue.translated_entries():
        of = partial(placeholders, percent="python-format" in entry.flags,
                     brace="python-brace-format" in entry.flags)
        if entry.msgid_plural:
            wanted = of(entry.msgid_plural)
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            if any(of(form) - wanted for form in forms) or of(forms[-1]) != wanted:
                problems.append(f"{entry.msgid_plural!r}: {forms!r}")
        elif of(entry.msgstr) != of(entry.msgid):
            problems.append(f"{entry.msgid!r} → {entry.msgstr!r}")
    return problems


def unfinished(catalogue: polib.POFile, *, sources: tuple[str, ...] | None = None) -> list[str]:
    """Entries not translated or marked fuzzy (of those found in ``sources``, if given)."""
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if sources is not None and not any(path.startswith(sources)
                                           for path, _line in entry.occurrences):
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def keys(catalogue: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}
