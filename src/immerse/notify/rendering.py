"""A message's subject, plain text and HTML, from the kind's templates or the organizer's
override, in the event's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from immerse.notify.kinds import kind_get
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
            elif node.token.token_type.name == "BLOCK":
                raise TemplateRefused(
                    f"{field}: only {{{{ placeholders }}}} are allowed, not "
                    f"{{% {node.token.contents} %}}")


def _as_html(text: str) -> str:
    # urlize escapes everything that is not a link (a name may hold "<"), then paragraphs.
    return mark_safe(linebreaks(urlize(text, autoescape=True)))


def message_context(message: Message) -> dict[str, Any]:
    """The stored context with the common placeholders, ``*_at`` values as datetimes."""
    context: dict[str, Any] = {
        "name": message.to_name or message.to_email, "site_url": settings.IMMERSE_SITE_URL,
        "event_title": "", "event_url": settings.IMMERSE_SITE_URL + "/",
    }
    if message.event is not None:
        context["event_title"] = message.event.title
        context["event_url"] = settings.IMMERSE_SITE_URL + message.event.get_absolute_url()
    for key, value in message.context.items():
        if key.endswith("_at") and isinstance(value, str):
            value = datetime.fromisoformat(value)
        context[key] = value
    return context


def message_render(message: Message, *, override: MessageTemplate | None = None) -> Rendered:
    zone = message.event.time_zone if message.event is not None else settings.TIME_ZONE
    context = message_context(message)
    with timezone.override(zone):
        if override is not None:
            subject = Template(override.subject).render(Context(context, autoescape=False))
            text = Template(override.body).render(Context(context, autoescape=False))
            html = render_to_string("notify/mail/override.html",
                                    {**context, "body_html": _as_html(text)})
        else:
            base = f"notify/mail/{message.kind}"
            subject = render_to_string(f"{base}.subject.txt", context)
            text = render_to_string(f"{base}.txt", context)
            html = render_to_string(f"{base}.html", context)
    return Rendered(one_line(subject), text.strip() + "\n", html)
