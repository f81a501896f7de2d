"""What the API accepts: UTF-8 JSON bodies, and input schemas that are objects with only the
fields they declare.

ninja's default parser (``json.loads``) guesses UTF-16 and UTF-32, accepts ``NaN`` and lone
surrogates (which PostgreSQL then refuses to store) and recurses without bound; its schemas
read any non-object (``7``, ``[]``, ``null``) as an object whose fields all take their
defaults, and ignore unknown fields although the OpenAPI schema does not say so. Every
request body is an :class:`InputSchema` (``tests/api/test_errors.py`` checks it), so the
schema says ``additionalProperties: false`` and the server refuses what it says.
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from django.http import HttpRequest
from ninja import Path, Schema
from ninja.parser import Parser
from pydantic import ConfigDict, ValidatorFunctionWrapHandler, model_validator

# Patterns mean the same to pydantic (Rust regex), to JSON Schema clients (ECMA regex) and to
# hypothesis (Python re) only when they spell their classes out: `\s` differs between them
# (U+0085, U+001C…U+001F), so neither pattern uses it.

#: Python's white space (`str.isspace`, what the services strip), spelled out.
WHITE_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Holds a character that is not white space: a blank value is refused by the schema itself.
NOT_BLANK = f"[^{WHITE_SPACE}]"
#: An address Django's `validate_email` accepts too (ASCII dot-atom, letters-only top-level
#: domain): what the API takes is what the person's record can hold.
_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}$"


#: The largest database key (a signed 64-bit integer): a larger id in a path or a query is a
#: 422, not an overflow in the database driver (a 500).
MAX_ROW_ID = 2**63 - 1


#: An id in the path: ``def session_detail(request, slug: str, session_id: RowId)``.
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]


class StrictJsonParser(Parser):
    """Bodies are UTF-8 JSON, at most 1,024 levels deep (orjson's limit), without ``NaN``.

    A body that is not is refused with 400 by ninja, before any schema sees it.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        return orjson.loads(request.body)


class InputSchema(Schema):
    """A request body's object: unknown fields and non-objects are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # ninja's Schema reads attributes of anything (to accept ORM objects): a body of `7`
        # would pass as an object with every field at its default.
        if not isinstance(value, dict | cls):
            raise ValueError(f"expected a JSON object, found {_json_type(value)}")
        return handler(value)


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
