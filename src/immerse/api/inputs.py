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

from collections.abc import Callable
from typing import Annotated, Any

import orjson
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Path, Schema
from ninja.parser import Parser
from pydantic import ConfigDict, ValidatorFunctionWrapHandler, model_validator

from immerse.common.text import CONTROL

# Patterns mean the same to pydantic (Rust regex), to JSON Schema clients (ECMA regex) and to
# hypothesis (Python re) only when they spell their classes out: `\s` differs between them
# (U+0085, U+001C…U+001F), so neither pattern uses it.

#: Python's white space (`str.isspace`, what the services strip), spelled out.
WHITE_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Holds a character that is not white space: a blank value is refused by the schema itself.
NOT_BLANK = f"[^{WHITE_SPACE}]"
#: One line of text (may be empty).
ONE_LINE = f"^[^{CONTROL}]*$"
#: One line of text holding a character that is not white space.
ONE_LINE_NOT_BLANK = f"^[^{CONTROL}]*[^{WHITE_SPACE}{CONTROL}][^{CONTROL}]*$"
#: One word (a hashtag, an account): no white space at all.
ONE_WORD = f"^[^{WHITE_SPACE}]+$"
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

#: No text column can hold U+0000 (PostgreSQL refuses it, and the request became a 500): no
#: string the API takes may hold it, and the schema says so of every string
#: (`exclude_nul_from_strings`).
NO_NUL = "^[^\\u0000]*$"


class StrictJsonParser(Parser):
    """Bodies are UTF-8 JSON, at most 1,024 levels deep (orjson's limit), without ``NaN``.

    A body that is not is refused with 400 by ninja, before any schema sees it.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        data = orjson.loads(request.body)
        if b"\\u0000" in request.body and _holds_nul(data):
            raise ValueError(_("a text holds a NUL character (\\u0000)"))
        return data


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class NulRefusalMiddleware:
    """A path or query string holding a NUL character is a 400, on every page (PostgreSQL
    cannot compare such text with a slug); under /api/ in the JSON error body. The parser
    refuses one in an API body, Django's forms one in a form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("The path or query holds a NUL character, "
                                     "which no text may hold."), "errors": []}, status=400)
            return HttpResponseBadRequest(_("A NUL character in the address."),
                                          content_type="text/plain")
        return self.get_response(request)


def exclude_nul_from_strings(node: Any) -> None:
    """Make every string an OpenAPI schema describes say that it holds no NUL."""
    if isinstance(node, list):
        for item in node:
            exclude_nul_from_strings(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "const", "format"} & node.keys():
        if "pattern" not in node:
            node["pattern"] = NO_NUL
        elif node["pattern"] != NO_NUL:  # keep its own pattern; JSON Schema takes one each
            node.setdefault("allOf", []).append({"pattern": NO_NUL})
    for value in node.values():
        exclude_nul_from_strings(value)


class InputSchema(Schema):
    """A request body's object: unknown fields and non-objects are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # ninja's Schema reads attributes of anything (to accept ORM objects): a body of `7`
        # would pass as an object with every field at its default.
        if not isinstance(value, dict | cls):
            raise ValueError(_("expected a JSON object, found %(found)s")
                             % {"found": _json_type(value)})
        return handler(value)


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
