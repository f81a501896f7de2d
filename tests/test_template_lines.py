"""Templates stay readable: markup that nests is written one element per line.

A line longer than ``WIDTH`` is allowed only when it is one element's inline content (a
sentence with its links, emphasis and conditions, kept whole for a translator): nowhere on
it may a line break go next to a block element (`<p>`, `<li>`, `<tr>`, `<div>` …), where a
break changes nothing the reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import immerse

WIDTH = 120
TEMPLATES = Path(immerse.__file__).parent
# Not reflowed: HTML mail keeps the markup that mail programs were tested with, and the
# personal agenda was being rewritten in parallel when this test came (reflow it, then drop it).
ALLOWED = ("notify/templates/notify/mail/", "program/templates/program/my_agenda.html")
BLOCK = frozenset((
    "html", "head", "body", "main", "header", "footer", "nav", "section", "article", "aside",
    "div", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "fieldset", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
    "figcaption", "blockquote", "address", "hr", "meta", "link", "title", "option", "optgroup"))
# Template tags that output nothing: a break beside them is a break beside their neighbours.
CONTROL = re.compile(r"\{%-?\s*(if|elif|else|endif|for|empty|endfor|with|endwith|block|"
                     r"endblock|load|extends|timezone|endtimezone|comment|endcomment)\b")
TOKEN = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<!--.*?-->|"
                   r"</?[a-zA-Z][a-zA-Z0-9]*(?:[^>{]|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{)*>")
# Whitespace matters inside these (or the line is code): never asked to break.
VERBATIM = ("<pre", "textarea", "mail-text", "<script", "<style")


def _kind(token: str) -> str:
    """'block' or 'tag' for an HTML tag, 'control' for a silent template tag, else 'content'."""
    if token.startswith("{#") or CONTROL.match(token):
        return "control"
    if token.startswith(("{", "<!--")):
        return "content"
    name = re.match(r"</?([a-zA-Z][a-zA-Z0-9]*)", token)
    assert name is not None
    return "block" if name.group(1).lower() in BLOCK else "tag"


def _items(line: str) -> list[tuple[str, str]]:
    items, pos = [], 0
    for match in TOKEN.finditer(line):
        if line[pos:match.start()].strip():
            items.append(("content", line[pos:match.start()]))
        items.append((_kind(match.group(0)), match.group(0)))
        pos = match.end()
    if line[pos:].strip():
        items.append(("content", line[pos:]))
    return items


def _nearest(items: list[tuple[str, str]], start: int, step: int) -> str | None:
    index = start
    while 0 <= index < len(items):
        kind = items[index][0]
        if kind != "control":
            return None if kind == "content" else kind
        index += step
    return None


def breakable(line: str) -> bool:
    """Whether ``line`` could break next to a block element without changing the page."""
    if any(marker in line for marker in VERBATIM):
        return False
    items, translating = _items(line.strip()), False
    for index in range(1, len(items)):
        token = items[index - 1][1]
        if token.startswith("{%") and "blocktrans" in token:
            translating = "endblocktrans" not in token
        left, right = _nearest(items, index - 1, -1), _nearest(items, index, 1)
        if not translating and left and right and "block" in (left, right):
            return True
    return False


def test_breakable_finds_nested_markup_and_spares_sentences() -> None:
    assert breakable('<ul><li><a href="/">Home</a></li>{% if x %}<li>More</li>{% endif %}</ul>')
    sentence = '<p>Read <a href="/">the guide</a>{% if x %}, then {{ x }}{% endif %}.</p>'
    assert not breakable(sentence)


def test_long_template_lines_are_sentences_not_nested_markup() -> None:
    long_lines = []
    for path in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(ALLOWED):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if len(line) > WIDTH and breakable(line):
                long_lines.append(f"{name}:{number} ({len(line)} characters)")
    assert long_lines == [], "put one element per line:\n" + "\n".join(long_lines)
