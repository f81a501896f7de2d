"""One error shape for every failure: {"detail": …, "errors": [{"field": …, "message": …}]}.

Inside an operation the handlers below give it; anything that fails elsewhere (an unknown
path, a defect, a middleware's refusal) is turned into it by `JsonErrorBodyMiddleware`, in
production and under DEBUG alike.
"""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from immerse.api.inputs import EMAIL, NOT_BLANK, ONE_LINE, ONE_LINE_NOT_BLANK, ONE_WORD

#: Lazy: read per request, in the caller's language.
PATTERN_MESSAGES = {
    EMAIL: gettext_lazy("not a valid e-mail address"),
    NOT_BLANK: gettext_lazy("must not be blank"),
    ONE_LINE: gettext_lazy("must be one line, without line breaks or control characters"),
    ONE_LINE_NOT_BLANK: gettext_lazy("must not be blank, and must be one line without line "
                                     "breaks or control characters"),
    ONE_WORD: gettext_lazy("must be one word, with no spaces")}


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


#: What any operation may answer, whatever it does: a malformed request (400: the body is not
#: UTF-8 JSON), a wrong bearer token (401, even on public routes), invalid fields or ids
#: (422), too many requests (429).
REQUEST_ERRORS = (400, 401, 422, 429)


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """Documented error bodies: ``codes`` plus the request errors every operation may give."""
    return {code: ErrorOut for code in sorted({*codes, *REQUEST_ERRORS})}


def _body(api: NinjaAPI, request: HttpRequest, status: int, detail: str,
          errors: list[dict[str, str]] | None = None,
          headers: dict[str, str] | None = None) -> HttpResponse:
    response = api.create_response(request, {"detail": detail, "errors": errors or []},
                                   status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field(loc: Any) -> str:
    parts = [str(part) for part in loc
             if part not in ("body", "payload", "query", "path", "[key]")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def _message(error: dict[str, Any]) -> str:
    """Pydantic's message, or for our named patterns what the value is not (a person reads
    "not a valid e-mail address", not the regular expression)."""
    if error.get("type") == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        if pattern in PATTERN_MESSAGES:
            return str(PATTERN_MESSAGES[pattern])
    return str(error.get("msg", "invalid"))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _field(e.get("loc", ())), "message": _message(e)}
                  for e in exc.errors]
        return _body(api, request, 422, _("The request has invalid fields."), errors)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _body(api, request, exc.status, exc.detail, exc.errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _body(api, request, 401, _("Authentication required: a valid token or session."),
                     headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = getattr(exc, "wait", None)
        headers = {"Retry-After": str(int(wait) + 1)} if wait else {}
        return _body(api, request, 429, _("Too many requests: slow down."), headers=headers)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _body(api, request, exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return _body(api, request, 413, _("The request body is larger than %(limit)s bytes.")
                     % {"limit": limit})

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _body(api, request, 404, str(exc) or _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _body(api, request, 403, str(exc) or _("You may not do this."))

    @api.exception_handler(Exception)
    def defect(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Raised on, whatever DEBUG says (ninja would answer a plain-text traceback under
        # DEBUG): Django logs it and signals it (a lost database becomes the 503 of
        # `DatabaseUnavailableMiddleware`), and `JsonErrorBodyMiddleware` gives the body.
        raise exc

    @api.exception_handler(ValidationError)
    def model_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"field": field, "message": " ".join(messages)}
                  for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items()]
        return _body(api, request, 422, _("The request has invalid fields."), errors)


class JsonErrorBodyMiddleware:
    """Under /api/, an error answer that is not JSON becomes the JSON error body.

    Installed first, so it sees what everything inside produced: Django's 404 for an unknown
    path, its 500 page (or the DEBUG traceback page) for a defect, a 400 for a disallowed
    host, a CSRF 403. The status stays; the detail is its reason phrase, never internals.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code >= 400 and request.path.startswith("/api/")
                and not response.get("Content-Type", "").startswith("application/json")):
            return _json_error(response)
        return response


def _json_error(response: HttpResponse) -> HttpResponse:
    status = response.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    detail = (_("The server failed to answer this request; the failure is logged.")
              if status >= 500 else f"{phrase}.")
    answer = JsonResponse({"detail": detail, "errors": []}, status=status)
    # Every header but the body's own: Retry-After, WWW-Authenticate, Allow, and the
    # security headers the inner middleware set (the answer is made after them).
    for name, value in response.headers.items():
        if name.lower() not in ("content-type", "content-length"):
            answer[name] = value
    return answer
