"""What a page says, as a reader sees and hears it, and which of its sentences read as
English: for the key-pages test (issue 29), kept apart so its rules can be tested alone."""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

import immerse

LOCALE = Path(immerse.__file__).parent / "locale"

# English words that carry a sentence and are no word of Dutch, German, French or Spanish
# (left out: "a", "all", "also", "an", "die", "had", "has", "he", "her", "here", "in", "is", "more",
# "no", "not", "of", "on", "or", "over", "was", "we", "will": each is, or is spelt as, a
# word of one of them).
ENGLISH = frozenset(re.findall(r"\S+", """
the and to you your yours are with for this that these those what who whom which when
where how why would should could can can't cannot won't don't doesn't didn't isn't
aren't it its it's they their them there our us she his have been be were from by
at into about than then yet if any each some only just
"""))

# Elements that end a line of text: a sentence never runs across them.
BLOCKS = frozenset(re.findall(r"\S+", """
address article aside blockquote br button caption dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol
optgroup option p pre section select summary table tbody td textarea tfoot th thead tr ul
"""))
# SVG (the charts): each label and title is a line; a label's wrapped lines are words apart.
SVG_BLOCKS = frozenset({"svg", "text", "title", "desc", "g"})
SKIPPED = frozenset({"script", "style", "template"})
# Attributes a reader sees or hears: hints, labels for screen readers, tooltips.
SPOKEN = ("placeholder", "aria-label", "alt", "title")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
Patterns = list[tuple[re.Pattern[str], polib.POEntry]]
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS or tag in SVG_BLOCKS:
            self.lines.append("")
        if tag == "tspan":
            self.lines[-1] += " "
        found = dict(attrs)
        spoken = [found.get(name) or "" for name in SPOKEN]
        if tag == "input" and found.get("type") in ("submit", "button"):
            spoken.append(found.get("value") or "")
        spoken = [text for text in spoken if text.strip()]
        self.lines.extend(spoken)
        if tag in BLOCKS or spoken:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCKS or tag in SVG_BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data


def visible_lines(html: str) -> list[str]:
    """The page's text, a line per block (script and style left out), attributes a reader
    hears (placeholder, aria-label, alt, title) as lines of their own."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return [line for line in (" ".join(text.split()) for text in parser.lines) if line]


def english_words(line: str) -> list[str]:
    return [word for word in WORD.findall(line.lower()) if word in ENGLISH]


def reads_as_english(line: str) -> bool:
    """Two English function words, or one in a short line (“Your agenda”, “Log in to
    continue”): a German, French, Dutch or Spanish sentence has none."""
    found = len(english_words(line))
    words = len(WORD.findall(line))
    return found >= 2 or (found == 1 and words <= 5)


@cache
def _translated(language: str) -> frozenset[str]:
    """The msgids ``language`` says otherwise (a page showing one as it stands shows English)."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return frozenset(" ".join(entry.msgid.split()) for entry in catalogue.translated_entries()
                     if not entry.msgid_plural and entry.msgstr.strip() != entry.msgid.strip())


def untranslated(line: str, language: str) -> bool:
    """``line`` is word for word an English message the catalogue translates."""
    return line in _translated(language)


@cache
def _catalogue(language: str) -> Patterns:
    return _patterns(polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")))


@cache
def _marked() -> Patterns:
    """Every string marked in the code now, as makemessages finds it (only asked when a
    page shows English: it takes a while)."""
    from tests.i18n.test_catalogues import _extracted

    with tempfile.TemporaryDirectory() as folder:
        return _patterns(_extracted(Path(folder)))


def _patterns(catalogue: polib.POFile) -> Patterns:
    return [(_pattern(entry.msgid), entry) for entry in catalogue
            if not entry.obsolete and len(entry.msgid) > 3]


def _pattern(msgid: str) -> re.Pattern[str]:
    """A msgid as a pattern: each placeholder stands for any text, spaces for any space."""
    parts = PLACEHOLDER.split(" ".join(msgid.split()))
    return re.compile(".+?".join(re.escape(part).replace(r"\ ", r"\s+") for part in parts))


def _found(line: str, patterns: Patterns) -> list[polib.POEntry]:
    """The longest msgids whose words make most of ``line`` (one per context)."""
    found = [entry for pattern, entry in patterns
             if (match := pattern.search(line)) and _covers(entry.msgid, match, line)]
    longest = max((len(entry.msgid) for entry in found), default=0)
    return [entry for entry in found if len(entry.msgid) == longest]


def _covers(msgid: str, match: re.Match[str], line: str) -> bool:
    literal = len(PLACEHOLDER.sub("", msgid).strip())
    return literal >= 0.6 * len(line.strip()) or match.group(0).strip() == line.strip()


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgid!r} (context {entry.msgctxt!r})" if entry.msgctxt else repr(entry.msgid)


def catalogue_status(line: str, language: str) -> str:
    """Why ``line`` may be English: a msgid untranslated in ``language``'s catalogue, a
    translated one shown untranslated (the page does not ask for it in the reader's
    language), a marked string not in the catalogue yet (makemessages), or no marked
    string at all (an unmarked string, or generated text)."""
    entries = _found(line, _catalogue(language))
    known = {(entry.msgctxt, entry.msgid) for entry in entries}
    length = len(entries[0].msgid) if entries else 0
    marked = _found(line, _marked()) if shutil.which("xgettext") else []
    missing = [entry for entry in marked if (entry.msgctxt, entry.msgid) not in known
               and len(entry.msgid) >= length]
    if missing:
        return f"marked, missing from the catalogue (makemessages): {_key(missing[0])}"
    entry = entries[0] if entries else None
    if entry is not None and ("fuzzy" in entry.flags or not entry.translated()):
        return f"msgid untranslated in {language}: {entry.msgid!r}"
    if entry is not None:
        return f"msgid translated in {language} but shown in English: {entry.msgid!r}"
    return "not marked (or generated in English)" if shutil.which("xgettext") else \
        "not in the catalogue (without xgettext, marked strings are not told apart)"
