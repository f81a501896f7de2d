"""Template tags of the program app: the plain-language summary of a planning run."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from immerse.program.models import AgendaRun
from immerse.program.selectors import agenda_run_summary

register = template.Library()


@register.inclusion_tag("program/_run_summary.html")
def run_summary(run: AgendaRun) -> dict[str, Any]:
    """``{% run_summary run %}``: what came out, in sentences, the solver's figures folded."""
    return {"run": run, "lines": agenda_run_summary(run=run, language=get_language()),
            "gap": run.gap}
