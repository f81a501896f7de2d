"""Template filters that turn catalogue keys into the words people read."""

from __future__ import annotations

from django import template

from immerse.common.questionnaire import tool_name
from immerse.engine.catalogue import TOOL_BY_KEY

register = template.Library()


@register.filter
def tool_label(key: str) -> str:
    """``{{ key|tool_label }}``: 'social-networking' → 'Social networking'; a key no longer
    in the catalogue shows with spaces, never as a slug."""
    tool = TOOL_BY_KEY.get(key)
    return tool_name(tool) if tool else str(key).replace("-", " ").capitalize()
