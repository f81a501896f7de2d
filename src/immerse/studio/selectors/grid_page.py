"""The schedule grid of one day, rendered: day tabs, warnings, rooms × slots, the unplaced.

Cached under the grid's digest (``GridSource.digest``: every room, slot, placement, title,
level, capacity and host, and the levels people are at), as ``events.selectors.program_html``
caches the program: an edit makes a new key, so the page never shows a stale grid, and an
unchanged grid costs its five digest queries instead of building ~9,500 cells (FOSDEM).
The page around it (CSRF token, messages, navigation) is rendered per request.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from datetime import date
from functools import cache
from typing import cast

from django.core.cache import cache as shared_cache
from django.template.backends.django import Template
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from immerse.engine.catalogue import LEVEL_LABELS
from immerse.engine.schedule_grid import GridRoom, GridWarning
from immerse.events.models import Event
from immerse.studio.forms.grid import slot_label, slot_times
from immerse.studio.selectors.grid import (
    GRID_CACHE_SECONDS,
    Card,
    Grid,
    GridSource,
    grid_digest,
    grid_get,
    grid_source,
)

GRID_DAY_TEMPLATE = "studio/_grid_day.html"
# Bump when the cells' markup (built in Python below) changes, so a deploy never serves
# the old markup from a shared cache.
CELLS_MARKUP = "3"


@cache
def _template_digest() -> str:
    source = cast(Template, get_template(GRID_DAY_TEMPLATE)).template.source
    return hashlib.blake2b(f"{CELLS_MARKUP}:{source}".encode(), digest_size=8).hexdigest()


def warning_text(warning: GridWarning, grid: Grid) -> str:
    """One warning as a sentence naming the sessions, the host, the level or the seats."""
    titles = [f"“{grid.titles[i]}”" for i in warning.sessions]
    if warning.kind == "host_twice":
        return _("%(host)s hosts %(first)s and %(second)s at the same time.") % {
            "host": warning.host.name if warning.host else "", "first": titles[0],
            "second": titles[1]}
    if warning.kind == "over_capacity":
        return _("%(session)s promises %(seats)s seats; its room has %(room)s.") % {
            "session": titles[0], "seats": warning.seats, "room": warning.room_seats}
    return _("Nothing for %(level)s in this slot.") % {
        "level": LEVEL_LABELS.get(warning.level or 0, "")}


def cells_html(cells: list[tuple[GridRoom, Card | None]], move_url: str) -> str:
    """One row's cells. Built here, not in the template: FOSDEM's day has ~9,500 cells,
    and a template loop over them took ~1 s. Compact: a cell's end tag is implied by the
    next cell (HTML), and ``draggable`` is set by grid.js (only it uses it). The "Move" link
    is absolute: the day is shown on the move page too, where a relative one would break."""
    move = _("Move")
    parts = []
    for _room, card in cells:
        if card is None:
            parts.append("<td>")
            continue
        levels = format_html(" <small>{}</small>", card.levels) if card.levels else ""
        parts.append(format_html(
            '<td><div class="card" data-session="{}"><strong>{}</strong>{}'
            ' <a href="{}?session={}">{}<span class="sr-only"> {}</span></a></div>',
            card.id, card.title, levels, move_url, card.id, move, card.title))
    return mark_safe("".join(parts))


def _render(event: Event, source: GridSource, day: date | None) -> str:
    grid = grid_get(source=source, day=day)
    zone = source.zone
    move_url = reverse("studio-grid-move", kwargs={"slug": event.slug})
    by_slot: dict[int, list[str]] = {}
    for warning in grid.warnings:
        by_slot.setdefault(warning.slot, []).append(warning_text(warning, grid))
    return render_to_string(GRID_DAY_TEMPLATE, {
        "grid": grid,
        "tabs": [{"value": day.isoformat(), "current": day == grid.day,
                  "label": formats.date_format(day, "D j M")} for day in grid.days],
        "rows": [{"slot": row.slot, "time": slot_times(row.slot, zone),
                  "label": slot_label(row.slot, zone) if row.slot.id in by_slot else "",
                  "cells": cells_html(row.cells, move_url),
                  "warnings": by_slot.get(row.slot.id, [])} for row in grid.rows],
        "warnings_count": len(grid.warnings),
        "move_url": move_url})


# The last few rendered days, in this process: a hit skips even the shared cache's read of
# ~200 KiB (FOSDEM). Keyed like the shared cache, by digest, so never stale.
_recent: OrderedDict[str, str] = OrderedDict()
RECENT_DAYS = 8


def grid_day_html(*, event: Event, day: date | None) -> SafeString:
    """The grid of ``day`` (default: the first), rendered once per change of the grid."""
    digest, source = grid_digest(event=event)
    key = ":".join(("studio-grid-day", str(event.pk), digest, str(day), get_language() or "",
                    _template_digest()))
    html = _recent.get(key) or shared_cache.get(key)
    if html is None:
        html = _render(event, source or grid_source(event=event), day)
        if source is None and grid_digest(event=event)[0] != digest:
            return mark_safe(html)  # changed between the two reads: keep it under no key
        shared_cache.set(key, html, GRID_CACHE_SECONDS)
    _recent[key] = html
    _recent.move_to_end(key)
    while len(_recent) > RECENT_DAYS:
        _recent.popitem(last=False)
    return mark_safe(html)  # rendered by the autoescaping template
