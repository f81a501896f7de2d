"""``{% waiting_panel event %}``: the organizer's reminder that planning or forming tables
left messages waiting, on the pages where that happened (and the outbox); the filters the
outbox and the messages use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import get_language

from immerse.engine.agenda.reasons import reason_shown
from immerse.notify.delivery import delivery_error_words, delivery_route, delivery_words
from immerse.notify.kinds import kind_get
from immerse.notify.waiting import waiting_counts

register = template.Library()


@register.inclusion_tag("notify/_waiting_panel.html")
def waiting_panel(event: Any) -> dict[str, Any]:
    return {"event": event, "rows": [(kind_get(kind), people) for kind, people
                                     in waiting_counts(event=event).items()]}


@register.filter
def sent_where(message: Any) -> str:
    """A message's status in words: where a sent one went, else its status."""
    if message.status == "sent" and message.sent_via:
        return delivery_words(message.sent_via)
    return str(message.get_status_display())


@register.filter
def error_words(error: str) -> str:
    """``Message.last_error`` in words the reader reads (see ``delivery_error_words``)."""
    return delivery_error_words(error)


@register.simple_tag
def mail_setting_words() -> str:
    """Where messages go with the current mail setting, in words."""
    return delivery_words(delivery_route())


@register.filter
def agenda_reason(item: Any) -> str:
    """An agenda item's reason (a message's ``items`` entry) in the language the message is
    rendered in: its parts written anew, or the stored English text."""
    if not isinstance(item, Mapping):
        return str(getattr(item, "reason", ""))
    return reason_shown(str(item.get("reason", "")), item.get("reason_parts"), get_language())
