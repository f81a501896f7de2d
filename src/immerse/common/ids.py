"""Ids read from a request (a form field, a query parameter): the one strict parser.

``str.isdigit()`` is true for "²" and "١" (``int("²")`` raises, ``int("١")`` is 1), and a
value past the database's integer range makes a query fail: each was a 500, or worse, a
different row. Only ASCII digits, at most 18 of them (under a 64-bit column's maximum),
positive, count as an id; anything else is no id at all, which the caller answers as it
answers an id that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ID = re.compile(r"[0-9]{1,18}")


def id_parse(value: object) -> int | None:
    """``value`` as an id, or None when it is not one.

    >>> id_parse("42"), id_parse("²"), id_parse("١"), id_parse("-1"), id_parse("0")
    (42, None, None, None, None)
    """
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if number > 0 else None


def ids_parse(values: Iterable[object], *, limit: int) -> list[int]:
    """The ids among the first ``limit`` of ``values`` (the rest are not ids), in order."""
    found: list[int] = []
    for count, value in enumerate(values):
        if count >= limit:
            break
        number = id_parse(value)
        if number is not None:
            found.append(number)
    return found


def number_parse(value: object, *, lowest: int, highest: int) -> int | None:
    """A small whole number (a level, a table, a size) within ``lowest``–``highest``."""
    if not isinstance(value, str) or not re.fullmatch(r"-?[0-9]{1,9}", value):
        return None
    number = int(value)
    return number if lowest <= number <= highest else None
