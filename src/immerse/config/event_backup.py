"""The event backup as a download for the event's organizers: the file `immerse backup`
writes for one event (``immerse.backup``), credential tokens kept out as there.

It lives in config, the layer above both ``backup`` and ``studio``: the backup module stays
free of views, and the studio (beside it in the same layer) may not import it.
"""

from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from immerse.backup import event_export
from immerse.events.access import organizer_page
from immerse.events.models import Event


@require_safe
@never_cache  # people's names and addresses: no shared or browser cache keeps a copy
@organizer_page
def event_backup(request: HttpRequest, event: Event) -> HttpResponse:
    out = io.StringIO()
    event_export(event=event, out=out)
    response = HttpResponse(out.getvalue(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.backup.json"'
    return response
