"""One error shape for every failure: {"detail": …, "errors": [{"field": …, "message": …}]}."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class ApiError(Exception):
    """Raised by routers: a status, a sentence, and optionally the fields at fault."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """Documented error bodies; every operation may also be throttled (429)."""
    return {code: ErrorOut for code in (*codes, 429)}


def _body(api: NinjaAPI, request: HttpRequest, status: int, detail: str,
          errors: list[dict[str, str]] | None = None,
          headers: dict[str, str] | None = None) -> HttpResponse:
    response = api.create_response(request, {"detail": detail, "errors": errors or []},
                                   status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field(loc: Any) -> str:
    parts = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _field(e.get("loc", ())), "message": e.get("msg", "invalid")}
                  for e in exc.errors]
        return _body(api, request, 422, "The request has invalid fields.", errors)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _body(api, request, exc.status, exc.detail, exc.errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _body(api, request, 401, "Authentication required: a valid token or session.",
                     headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = getattr(exc, "wait", None)
        headers = {"Retry-After": str(int(wait) + 1)} if wait else {}
        return _body(api, request, 429, "Too many requests: slow down.", headers=headers)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _body(api, request, exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return _body(api, request, 413, f"The request body is larger than {limit} bytes.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _body(api, request, 404, str(exc) or "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _body(api, request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(ValidationError)
    def model_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"field": field, "message": " ".join(messages)}
                  for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items()]
        return _body(api, request, 422, "The request has invalid fields.", errors)
