"""``{% waiting_panel event %}``: the organizer's reminder that planning or forming tables
left messages waiting, on the pages where that happened (and the outbox)."""

from __future__ import annotations

from typing import Any

from django import template

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
