"""Explicit limit/offset paging for endpoints that render rows themselves."""

from ninja import Field, Schema


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)
