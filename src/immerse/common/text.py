"""Single-line text: what a name, an organization or a handle may hold.

A line break or another control character in a one-line field reaches mail headers, CSV
cells and badges; the API refuses such values (422 naming the field), the web forms fold
white space onto one line and refuse the other control characters.
"""

from __future__ import annotations

import re

#: Control characters (C0, DEL, C1) and the line and paragraph separators, as a regex
#: class body that Python, JSON Schema (ECMA) and pydantic's Rust regex read alike.
CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"

_CONTROL = re.compile(f"[{CONTROL}]")


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character or a line break."""
    return bool(_CONTROL.search(text))
