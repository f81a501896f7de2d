"""The audit trail: one row per organizer action on an event, written by the studio's
services (so the web pages and the API record alike)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from immerse.events.models import Event
from immerse.studio.models import AuditEntry


def audit_record(*, event: Event, actor: Any, action: str, summary: str,
                 details: Mapping[str, Any] | None = None) -> AuditEntry:
    """Record that ``actor`` (a user; None or anonymous: the system or a script) did
    ``action`` (a dotted key: ``room.created``) on ``event``. ``summary`` is one line for
    people; ``details`` the values involved (made JSON-safe)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(event=event, actor=user, action=action[:40],
                                     summary=" ".join(summary.split())[:300],
                                     details=_plain(details or {}))


def _plain(details: Mapping[str, Any]) -> Any:
    """Dates, times and decimals as their ISO/str forms (what JSON can hold)."""
    return json.loads(json.dumps(dict(details), cls=DjangoJSONEncoder))
