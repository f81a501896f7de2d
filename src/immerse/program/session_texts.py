"""What a session page shows of an imported session: its HTML abstract made safe, its speakers.

Schedules (FOSDEM's pretalx) carry abstracts and descriptions as HTML. They are stored as
given, so an export writes back what was imported, and sanitised each time they are shown:
nh3 (ammonia) keeps a small set of text tags and http(s)/mailto links and drops the rest
(scripts, event handlers, styles, images that would load from elsewhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import SafeString, mark_safe

from immerse.events.models import Session

#: Text markup an abstract needs; no images (they would load from another site), no tables.
ALLOWED_TAGS = frozenset({"p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "code",
                          "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "hr"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# An opening or closing tag of the allowed kind: what tells HTML from plain text with a "<".
_HTML_TAG = re.compile(r"</?(?:p|br|a|ul|ol|li|strong|em|b|i|code|pre|h[1-6]|div|span)\b",
                       re.IGNORECASE)


def safe_html(text: str) -> SafeString:
    """``text`` as HTML: sanitised when it is HTML, else escaped with its line breaks kept."""
    if not _HTML_TAG.search(text):
        return linebreaks_filter(text, autoescape=True)
    cleaned = nh3.clean(text, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                        url_schemes=set(URL_SCHEMES), link_rel="nofollow noopener noreferrer")
    return mark_safe(cleaned)  # nh3 leaves only the allowed tags and attributes


@dataclass(frozen=True)
class SessionTexts:
    """The session page's texts: abstract and description as HTML, the speakers' names."""

    abstract: SafeString
    description: SafeString
    speakers: tuple[str, ...]


def session_texts(*, session: Session) -> SessionTexts:
    """The texts of ``session`` (its facilitators prefetched). Imported sessions may hold
    HTML; the speakers are the schedule's persons, less those already shown as hosts."""
    data = session.external_data or {}
    imported = bool(session.external_id)
    hosts = {person.name for person in session.facilitators.all()}
    names = (str(person.get("name") or "") for person in data.get("persons", []))
    return SessionTexts(
        abstract=_shown(session.abstract, imported=imported),
        description=_shown(str(data.get("description") or ""), imported=imported),
        speakers=tuple(dict.fromkeys(name for name in names if name and name not in hosts)))


def _shown(text: str, *, imported: bool) -> SafeString:
    if not text:
        return SafeString("")
    return safe_html(text) if imported else linebreaks_filter(text, autoescape=True)
