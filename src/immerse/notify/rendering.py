"""A message's subject, plain text and HTML, from the kind's templates or the organizer's
override, in the event's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from immerse.notify.kinds import REDACTED, kind_get
from immerse.notify.links import absolute, unsubscribe_url
from immerse.notify.models import Message, MessageTemplate


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class TemplateRefused(ValueError):
    """An organizer's template uses a placeholder or tag the kind does not offer."""


def one_line(value: str) -> str:
    """Subjects and display names never carry a line break into a header."""
    return " ".join(value.split())[:300]


def template_check(kind_key: str, subject: str, body: str) -> None:
    """Refuse tags and unknown placeholders, naming them (the organizer sees the message)."""
    allowed = set(kind_get(kind_key).allowed)
    for field, source in (("subject", subject), ("body", body)):
        try:
            nodes = Template(source).nodelist
        except TemplateSyntaxError as exc:
            raise TemplateRefused(f"{field}: {exc}") from exc
        for node in nodes:
            if isinstance(node, VariableNode):
                name = str(node.filter_expression.var).split(".")[0]
                if name not in allowed:
                    raise TemplateRefused(
                        f"{field}: unknown placeholder {{{{ {name} }}}}; this message offers "
                        + ", ".join(f"{{{{ {p} }}}}" for p in sorted(allowed)))
            elif node.token is not None and node.token.token_type.name == "BLOCK":
                raise TemplateRefused(
                    f"{field}: only {{{{ placeholders }}}} are allowed, not "
                    f"{{% {node.token.contents} %}}")


def _as_html(text: str) -> str:
    # urlize escapes everything that is not a link (a name may hold "<"), then paragraphs.
    return mark_safe(linebreaks(urlize(text, autoescape=True)))


def _revive(key: str, value: Any) -> Any:
    """``*_at`` strings back to datetimes, also inside lists and dicts (items, tablemates…)."""
    if key.endswith("_at") and isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _revive(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(key, item) for item in value]
    return value


def redacted(value: Any) -> Any:
    """A credential placeholder's value with every link replaced by ``REDACTED`` (a list of
    rating links keeps its labels)."""
    if isinstance(value, dict):
        return {key: redacted(item) if key == "url" or key.endswith("_url") else item
                for key, item in value.items()}
    if isinstance(value, list):
        return [redacted(item) for item in value]
    return redaction() if isinstance(value, str) else value


def redaction() -> Any:
    """``REDACTED`` in the language the message is rendered in (lazy: read at rendering)."""
    return gettext_lazy(REDACTED)


def message_context(message: Message, *, reveal: bool = False) -> dict[str, Any]:
    """The stored context with the common placeholders, ``*_at`` values as datetimes.

    ``reveal`` fills in the kind's credentials (``Message.secrets``) and the unsubscribe
    link: only for the mail handed to SMTP. Otherwise they read as ``REDACTED``, so no page
    shows a link that acts as the recipient to anyone (an organizer reads the outbox)."""
    context: dict[str, Any] = {
        "name": message.to_name or message.to_email, "site_url": settings.IMMERSE_SITE_URL,
        "event_title": "", "event_url": settings.IMMERSE_SITE_URL + "/",
    }
    if message.event is not None:
        context["event_title"] = message.event.title
        context["event_url"] = settings.IMMERSE_SITE_URL + message.event.get_absolute_url()
    kind = kind_get(message.kind)
    for key, value in message.context.items():
        if key not in kind.secret:  # rows queued before secrets were kept apart
            context[key] = _revive(key, value)
    stored = {**{k: v for k, v in message.context.items() if k in kind.secret},
              **(message.secrets or {})}
    for key in kind.secret:
        if key in stored:
            context[key] = _revive(key, stored[key]) if reveal else redacted(stored[key])
    if not kind.transactional:
        # The footer's way out (the List-Unsubscribe header carries the same link).
        context["unsubscribe_url"] = unsubscribe_url(message.to_email, message.kind) \
            if reveal else redaction()
        context["preferences_url"] = absolute(reverse("notify-preferences"))
    return context


def _as_text(value: Any) -> Any:
    """An organizer's template has no loops: a list prints one item per line, a dict its
    values side by side, a time in the event's zone."""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "D j M Y, H:i")
    if isinstance(value, dict):
        return " · ".join(str(_as_text(item)) for item in value.values() if item)
    if isinstance(value, list):
        return "\n".join(str(_as_text(item)) for item in value)
    return value


def _zone(message: Message) -> str:
    return message.event.time_zone if message.event is not None else settings.TIME_ZONE


def message_language(message: Message) -> str:
    """The recipient's chosen language, else the event's default, else English; whoever
    triggered the message and whatever language their own page was in."""
    chosen = message.language or (message.event.language if message.event is not None else "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def _recipients(message: Message) -> Iterator[None]:
    """The recipient's time zone and language while a message is rendered."""
    with timezone.override(_zone(message)), translation.override(message_language(message)):
        yield


def message_render(message: Message, *, override: MessageTemplate | None = None,
                   reveal: bool = False) -> Rendered:
    """Subject, text and HTML; an organizer's override replaces the subject and the body
    between the greeting and the footer (which keeps the way to unsubscribe). Credentials
    are redacted unless ``reveal`` (the sender's mail only: see ``message_context``)."""
    context = message_context(message, reveal=reveal)
    with _recipients(message):
        if override is not None:
            flat = {key: _as_text(value) for key, value in context.items()}
            subject = Template(override.subject).render(Context(flat, autoescape=False))
            body = Template(override.body).render(Context(flat, autoescape=False)).strip()
            text = render_to_string("notify/mail/override.txt", {**context, "body": body})
            html = render_to_string("notify/mail/override.html",
                                    {**context, "body_html": _as_html(body)})
        else:
            base = f"notify/mail/{message.kind}"
            subject = render_to_string(f"{base}.subject.txt", context)
            text = render_to_string(f"{base}.txt", context)
            html = render_to_string(f"{base}.html", context)
    return Rendered(one_line(subject), text.strip() + "\n", html)


def message_subject(message: Message, *, override: MessageTemplate | None = None) -> str:
    """Only the subject (lists of messages show no more)."""
    context = message_context(message)
    with _recipients(message):
        if override is not None:
            flat = {key: _as_text(value) for key, value in context.items()}
            return one_line(Template(override.subject).render(Context(flat, autoescape=False)))
        return one_line(render_to_string(f"notify/mail/{message.kind}.subject.txt", context))
