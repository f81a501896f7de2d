"""Small pieces that every generated text shares: lists, counts, levels, quotes.

Pitches, agenda reasons, theme names, builder proposals and organizer summaries are built
from the same few helpers so that they agree on grammar ("level 3" but "levels 2 and 3",
"1 person" but "3 people") and so that the checks in :func:`wording_problems` hold for all
of them: no raw catalogue keys, no empty labels, no doubled words, no unfilled placeholders.
Each takes a ``language`` (default English, whose words stay as they were): the grammar
module of that language (``engine.languages``) joins, counts and names the levels.

>>> join_words(["stories", "labs", "tables"])
'stories, labs and tables'
>>> levels_phrase([3]), levels_phrase([2, 3]), levels_phrase([1, 2, 3, 4])
('Preparation (level 3)', 'Baby steps and Preparation (levels 2 and 3)', 'every level')
>>> count(1, "person", "people"), count(3, "person", "people")
('1 person', '3 people')
>>> join_words(["padres", "hijos"], language="es"), count(0, "session", "sessions", language="fr")
('padres e hijos', '0 session')
>>> levels_phrase([2, 3], language="de"), levels_phrase([1, 2, 3, 4], language="fr")
('Erste Schritte und Vorbereitung (Stufen 2 und 3)', 'tous les niveaux')
>>> quote("Legal wants to approve every message we post, so we are always too late.", 40)
'“Legal wants to approve every message we…”'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS, TOOL_BY_KEY, TOOLS
from immerse.engine.languages import grammar_for

__all__ = [
    "capitalize",
    "count",
    "join_words",
    "levels_phrase",
    "quote",
    "tool_names",
    "tools_mentioned",
    "wording_problems",
]

ALL_LEVELS = tuple(LEVEL_LABELS)


def join_words(parts: Iterable[str], word: str = "and", *, language: str = "en") -> str:
    """'a', 'a and b', 'a, b and c' (empty parts are left out); ``word`` "or" for a choice.
    Outside English the language's own "and"/"or" ("a, b und c", "padres e hijos")."""
    items = [p for p in parts if p]
    if language != "en":
        return grammar_for(language).join(items, word == "or")
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def count(n: int, one: str, many: str | None = None, *, language: str = "en") -> str:
    """'1 session', '2 sessions'; ``many`` for irregular plurals ('people'), and for every
    plural outside English, counted by the language's rule (French: '0 session')."""
    if language != "en":
        return grammar_for(language).count(n, one, many or one)
    return f"{n} {one if n == 1 else (many or one + 's')}"


def capitalize(text: str) -> str:
    """First letter upper case, the rest untouched ('iPhone' stays, 'social' → 'Social')."""
    return text[:1].upper() + text[1:]


def levels_phrase(levels: Iterable[int], *, numbers: bool = True, language: str = "en") -> str:
    """The levels a person reads: names, then the numbers in the right grammatical number.

    >>> levels_phrase([4, 1], numbers=False)
    'Eye-opener and Just do it'
    """
    grammar = grammar_for(language)
    wanted = sorted(set(levels))
    if not wanted or tuple(wanted) == ALL_LEVELS:
        return grammar.every_level
    names = grammar.join([grammar.level_names[level] for level in wanted], False)
    if not numbers:
        return names
    if len(wanted) == 1:
        return f"{names} ({grammar.rules.level} {wanted[0]})"
    return f"{names} ({grammar.rules.levels} {grammar.join([str(n) for n in wanted], False)})"


def tool_names(keys: Iterable[str]) -> list[str]:
    """Catalogue tool keys as the words people use ('social-networking' → 'social networking');
    a key the catalogue no longer has is shown with its hyphens as spaces."""
    return [TOOL_BY_KEY[key].label.lower() if key in TOOL_BY_KEY else key.replace("-", " ")
            for key in dict.fromkeys(keys)]


# A tool is "mentioned" by its catalogue label or one of the brand names in its examples.
_TOOL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tool.key, re.compile(
        r"\b(" + "|".join(re.escape(name) for name in _names) + r")\b", re.IGNORECASE))
    for tool in TOOLS
    for _names in [[tool.label.lower(), tool.key.replace("-", " "),
                    *(e.strip().lower() for e in tool.examples.split(",")
                      if len(e.strip()) > 2 and e.strip()[:1].isupper())]]
)


def tools_mentioned(text: str) -> tuple[str, ...]:
    """Catalogue keys of the tools a sentence names, in catalogue order.

    >>> tools_mentioned("Our LinkedIn page and the blogging team")
    ('social-networking', 'blogging')
    """
    return tuple(key for key, pattern in _TOOL_PATTERNS if pattern.search(text))


def quote(text: str, limit: int = 90) -> str:
    """A person's own sentence in quotation marks, cut at a word boundary with '…'.

    Only the first sentence is kept; the closing full stop goes (it sits outside the quote
    in the sentences that use it).
    """
    first = re.split(r"(?<=[.!?])\s+", " ".join(text.split()), maxsplit=1)[0].rstrip(".")
    if len(first) > limit:
        cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:-–")
        first = cut + "…"
    return f"“{first}”"


_HYPHENATED = re.compile(r"(?<![\w/.-])[a-z]+(?:-[a-z0-9]+)+(?![\w/-])")
_DOUBLED = re.compile(r"\b([^\W\d]+)\s+\1\b", re.IGNORECASE)
_EMPTY_LABEL = re.compile(r"[A-Za-z)]:\s*(?:$|[.;,])")
#: French sets a no-break space before the colon; every other letter may end a label too.
_EMPTY_LABEL_ANY = re.compile(r"(?:[^\W\d_]|\))\s?:\s*(?:$|[.;,])")
#: Catalogue keys with hyphens: no person writes these, so seeing one means a key leaked.
_HYPHENATED_KEYS = frozenset(key for key in (*TOOL_BY_KEY, *FORMAT_BY_KEY) if "-" in key)
#: English words that no sentence in another language has: one of them means an English
#: fragment was glued in.
_ENGLISH = re.compile(r"\b(?:the|and|you|your|with|what|which|who|never|already)\b",
                      re.IGNORECASE)


def wording_problems(text: str, *, keys: Sequence[str] = (), language: str = "en") -> list[str]:
    """What a generated text does wrong, for tests and checks: [] when it reads cleanly.

    Catches catalogue keys shown raw ('social-networking'), labels with nothing after them
    ('What to look for:' at the end), doubled words ('the the'), unfilled placeholders,
    keyword triples ('Office / goal / help') and a plural with one level ('levels 3').
    ``keys`` adds more raw keys to look for (an event's slug, say). ``language`` reads the
    text with that language's words (``engine.languages``): its "levels", its "and", the
    words that may stand twice ("die die"), French spacing; outside English, an English
    word is a problem too.

    >>> wording_problems("Tools: social-networking. For levels 3 see the the list. Why:")
    ["raw key: 'social-networking'", "empty label: '...list. Why:'", "doubled word: 'the the'", \
"grammatical number: 'levels 3'"]
    >>> wording_problems("Made for Baby steps and Preparation (levels 2 and 3).")
    []
    >>> wording_problems("Für die Stufen 3 gibt es die die Liste. Warum:", language="de")
    ["empty label: '...te. Warum:'", "grammatical number: 'Stufen 3'"]
    """
    rules = grammar_for(language).rules
    english = language == "en"
    problems = [f"raw key: {m.group(0)!r}" for m in _HYPHENATED.finditer(text)
                if m.group(0) in _HYPHENATED_KEYS or m.group(0) in keys]
    problems += [f"raw key: {key!r}" for key in keys if "-" not in key
                 and re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)]
    if (_EMPTY_LABEL if english else _EMPTY_LABEL_ANY).search(text.strip()):
        problems.append(f"empty label: '...{text.strip()[-10:]}'")
    problems += [f"doubled word: {m.group(0)!r}" for m in _DOUBLED.finditer(text)
                 if m.group(1).lower() not in rules.doubled_ok]
    space = (r"[^\S\u00a0\u202f][.,;:!?]|[\u00a0\u202f][.,]" if rules.space_before_marks
             else r"\s[.,;:]")
    if re.search(rf"[{{}}]|\[[^\]]*\|[^\]]*\]|\s{{2,}}|{space}|\.\.(?!\.)", text):
        problems.append(f"placeholder or stray space: {text[:60]!r}")
    problems += [f"raw identifier: {m.group(0)!r}"
                 for m in re.finditer(r"\b[a-z]+_[a-z_]+\b", text)]
    problems += [f"keyword triple: {m.group(0)!r}"
                 for m in re.finditer(r"\b\w+ / \w+ / \w+\b", text)]
    conjunctions = "|".join(re.escape(c) for c in rules.conjunctions)
    problems += [f"grammatical number: {m.group(0)!r}"
                 for m in re.finditer(
                     rf"\b{rules.levels} \d\b(?![-–\d]| (?:{conjunctions})(?!\w)|,)"
                     rf"|\b{rules.level} \d (?:{conjunctions}) \d", text)]
    problems += [f"{name}: {m.group(0)!r}" for name, pattern in rules.forbidden
                 for m in re.finditer(pattern, text)]
    if not english:
        problems += [f"English word: {m.group(0)!r}" for m in _ENGLISH.finditer(text)]
    return problems
