"""Paging: limit/offset with bounds, so no input can overflow a database integer."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoundedLimitOffset(LimitOffsetPagination):
    """Ninja's limit/offset paging, with the offset bounded like the limit."""

    Input = PageIn  # type: ignore[assignment]  # ninja types Input as its own schema class
