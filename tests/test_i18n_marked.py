"""Every sentence a person reads in these apps' templates goes through the translator.

Each template is cut with Django's own template lexer. Text inside ``{% translate %}`` or
``{% blocktranslate %}…{% endblocktranslate %}``, variables, tags and comments is fine; so
are markup, numbers, punctuation, HTML entities, the contents of ``<script>``/``<style>``
and a few brand names. Any other word, in the page's text or in an attribute a person sees
(``title``, ``aria-label``, ``placeholder``, ``alt``, ``data-label``), fails, naming the
file and line. Add an app to ``APPS`` once its templates are marked (``templates`` is the
site's own folder, ``src/immerse/templates``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

import immerse

APPS = ("people", "notify", "events", "learning", "program", "tables", "backchannel", "studio",
        "audience", "common", "templates")
SOURCE = Path(immerse.__file__).parent
#: Names that stay as they are in every language.
ALLOWED_WORDS = frozenset({"immerse", "iCalendar", "ics", "CSV", "PDF", "EMAIL_URL", "frab"})
#: Attributes whose value a person reads (``data-label`` heads a table cell on a phone).
VISIBLE_ATTRIBUTES = frozenset({"title", "aria-label", "placeholder", "alt", "data-label"})
WORD = re.compile(r"[^\W\d_][\w'’-]*")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
OPEN_BLOCK = re.compile(r"^(blocktranslate|blocktrans|comment|verbatim)\b")
RAW_ELEMENTS = ("script", "style")


class _Markup:
    """Splits the text between template tags into what a reader sees, across tokens (a tag
    may hold a ``{{ variable }}``: its two halves arrive as separate text tokens)."""

    def __init__(self, *, html: bool) -> None:
        self.html = html
        self.state = "text"  # text | tag | value
        self.tag = ""        # the open tag's source so far (name and attributes)
        self.quote = ""
        self.visible_value = False
        self.raw_until = ""  # inside <script>/<style>: the closing tag we wait for

    def visible(self, text: str) -> list[tuple[int, str]]:
        """(offset, character) pairs of ``text`` that a reader sees."""
        if not self.html:
            return list(enumerate(text))
        seen: list[tuple[int, str]] = []
        i = 0
        while i < len(text):
            char = text[i]
            if self.raw_until:
                end = text.lower().find(self.raw_until, i)
                if end < 0:
                    return seen
                self.raw_until, i = "", end
                continue
            if self.state == "text":
                if char == "<":
                    self.state, self.tag = "tag", ""
                    seen.append((i, " "))
                else:
                    seen.append((i, char))
            elif self.state == "tag":
                if char in "\"'":
                    attribute = re.search(r"([\w:-]+)\s*=\s*$", self.tag)
                    self.visible_value = bool(attribute) and \
                        attribute.group(1).lower() in VISIBLE_ATTRIBUTES
                    self.state, self.quote = "value", char
                elif char == ">":
                    name = re.match(r"\s*([a-zA-Z]+)", self.tag)
                    if name and name.group(1).lower() in RAW_ELEMENTS:
                        self.raw_until = f"</{name.group(1).lower()}"
                    self.state = "text"
                else:
                    self.tag += char
            elif char == self.quote:
                if self.visible_value:
                    seen.append((i, " "))
                self.state = "tag"
                self.tag += "''"
            elif self.visible_value:
                seen.append((i, char))
            i += 1
        if self.visible_value and self.state == "value":
            seen.append((len(text), " "))  # a variable splits the value: no words glued
        return seen


def untranslated(path: Path, root: Path = SOURCE) -> list[str]:
    """``path:line: words`` for each run of visible text outside translation tags."""
    source = path.read_text(encoding="utf-8")
    markup = _Markup(html=path.suffix == ".html")
    found: list[str] = []
    closing: list[str] = []  # the end tags of the blocks we are inside
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            contents = token.contents.strip()
            opened = OPEN_BLOCK.match(contents)
            if closing and contents.split()[0] == closing[-1]:
                closing.pop()
            elif opened:
                closing.append("end" + opened.group(1))
            continue
        if token.token_type != TokenType.TEXT or closing:
            continue
        lines: dict[int, str] = {}
        for offset, char in markup.visible(token.contents):
            line = token.lineno + token.contents.count("\n", 0, offset)
            lines[line] = lines.get(line, "") + char
        for line, text in lines.items():
            words = [w for w in WORD.findall(ENTITY.sub(" ", text)) if w not in ALLOWED_WORDS]
            if words:
                found.append(f"{path.relative_to(root)}:{line}: {' '.join(words)[:80]}")
    return found


def _templates() -> list[Path]:
    return sorted(path for app in APPS
                  for path in (SOURCE / app if app == "templates" else SOURCE / app / "templates")
                  .rglob("*")
                  if path.suffix in (".html", ".txt"))


@pytest.mark.parametrize("path", _templates(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_template_text_marked_for_translation(path: Path) -> None:
    assert untranslated(path) == []


def test_checker_finds_bare_text_and_accepts_marked(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Your agenda" %}</h1>\n'
        '<p title="{% translate "Why" %}">{{ name }} &middot; 12:30</p>\n'
        "{% blocktranslate trimmed with n=name %}\nHello {{ n }}\n{% endblocktranslate %}\n"
        "{# a note #}{% comment %}Not shown{% endcomment %}<script>let x = 'code';</script>\n"
        '<td data-label="Status">immerse</td>\n'
        "<p>Nothing marked here</p>\n", encoding="utf-8")
    assert untranslated(page, tmp_path) == [
        "page.html:7: Status", "page.html:8: Nothing marked here"]
