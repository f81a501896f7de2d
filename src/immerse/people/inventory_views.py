"""The organizer's view of the room: who uses which tools, levels, what people brought."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from immerse.common.charts import bar_chart
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, LEVEL_LABELS, TOOL_BY_KEY
from immerse.engine.inventory import problem_themes, room_inventory
from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.people.selectors import inventory_records


@require_safe
@organizer_required
def inventory(request: HttpRequest, event: Event) -> HttpResponse:
    records = inventory_records(event=event)
    room = room_inventory(records)
    tools = [(TOOL_BY_KEY[key].label, counts, room.tool_share(key))
             for key, counts in room.tools.items()]
    texts = [text for r in records for text in (r.stories, r.problems) if text.strip()]
    themes = [(theme, [texts[i] for i in theme.members[:3]])
              for theme in problem_themes(texts, max_themes=8)]
    context = {
        "event": event, "room": room, "tools": tools, "themes": themes,
        "levels": [(level, LEVEL_LABELS[level], n) for level, n in room.levels.items()],
        "disciplines": [(label, room.disciplines[key]) for key, label in DISCIPLINES],
        "discipline_keys": DISCIPLINES,
        "level_chart": bar_chart([(f"{lvl} {LEVEL_LABELS[lvl]}", n)
                                  for lvl, n in room.levels.items()],
                                 title="Attendees per level"),
        "tool_chart": bar_chart([(label, share) for label, _, share in tools],
                                title="Share of the room using each tool at least monthly",
                                percent=True, max_value=1.0),
        "discipline_chart": bar_chart([(label, room.disciplines[key])
                                       for key, label in DISCIPLINES],
                                      title="Attendees per discipline"),
    }
    return render(request, "people/inventory.html", context)


@require_safe
@organizer_required
def inventory_csv(request: HttpRequest, event: Event) -> HttpResponse:
    room = room_inventory(inventory_records(event=event))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-inventory.csv"'
    writer = csv.writer(response)
    frequencies = [key for key, _ in FREQUENCIES]
    disciplines = [key for key, _ in DISCIPLINES]
    writer.writerow(["tool", "users", "share", *(f"level_{n}" for n in (1, 2, 3, 4)),
                     *(f"discipline_{d}" for d in disciplines), *frequencies])
    for key, counts in room.tools.items():
        writer.writerow([key, counts.users, f"{room.tool_share(key):.4f}",
                         *(counts.by_level[n] for n in (1, 2, 3, 4)),
                         *(counts.by_discipline[d] for d in disciplines),
                         *(counts.frequency[f] for f in frequencies)])
    return response
