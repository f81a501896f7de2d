"""``{% open_space_link event %}``: a link to the event's open space, where it has one.

Pages of lower apps (the hub, the phone agenda) show it without knowing open space.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from immerse.events.models import Event
from immerse.openspace.models import OpenSpace

register = template.Library()


@register.simple_tag
def open_space_link(event: Event, css_class: str = "") -> SafeString | str:
    """The link, or nothing when the event has no open space (one small query)."""
    if not OpenSpace.objects.filter(event=event).exists():
        return ""
    return format_html('<a class="{}" href="{}">{}</a>', css_class,
                       reverse("openspace", args=[event.slug]), _("Open space"))
