"""Template tags of the tables app: the table-size field with its advice."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from immerse.events.models import Event
from immerse.tables.selectors import table_size_default

register = template.Library()


@register.inclusion_tag("tables/_table_size.html")
def table_size_field(event: Event) -> dict[str, Any]:
    """``{% table_size_field event %}``: people per table, preset so every table has an
    expert where the numbers allow, and a sentence saying so (or why not)."""
    return {"advice": table_size_default(event=event, language=get_language())}
