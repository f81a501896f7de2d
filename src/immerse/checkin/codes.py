"""The signed codes: a registration's check-in code (its QR) and a session's door link.

A check-in code is not a credential: it only checks its holder in, and only staff of its
event may use it. It is still unguessable (an HMAC of the site's secret over the event and
registration ids), so nobody checks in a stranger by counting ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.core import signing
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

_CODE = signing.Signer(salt="immerse.checkin.code")
_DOOR = signing.Signer(salt="immerse.checkin.door")
#: Longest code accepted: a signed pair of ids is about 70 characters.
CODE_MAX = 120


class CodeRefused(Exception):
    """A code that checks nobody in here; the message says why."""


@dataclass(frozen=True)
class CodeRead:
    event_id: int
    registration_id: int


def checkin_code(*, event_id: int, registration_id: int) -> str:
    """The registration's check-in code, e.g. ``C5-123:…`` (the prefix tells it apart)."""
    return _CODE.sign(f"C{event_id}-{registration_id}")


def code_read(code: str) -> CodeRead:
    """The ids a code carries; ``CodeRefused`` for a code that is not ours or was altered."""
    code = code.strip()
    try:
        value = _CODE.unsign(code[:CODE_MAX])
        event_part, registration_part = value.removeprefix("C").split("-")
        return CodeRead(int(event_part), int(registration_part))
    except (signing.BadSignature, ValueError):
        raise CodeRefused(_("This is not a check-in code of immerse, or it was altered.")) from None


def door_key(*, session_id: int) -> str:
    """The secret part of a session's door link: only someone at the door has it."""
    return _DOOR.signature(f"D{session_id}")


def door_key_valid(*, session_id: int, key: str) -> bool:
    return constant_time_compare(door_key(session_id=session_id), key)


def qr_svg(text: str, *, scale: int = 4) -> str:
    """``text`` as an inline SVG QR code (no XML declaration: it sits inside a page)."""
    return segno.make(text, error="m", micro=False).svg_inline(scale=scale, dark="#111")
