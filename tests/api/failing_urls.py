"""A URL conf whose one API route fails the way a bug would: for the JSON-500 tests.

Built with the real API's error handlers (``install_error_handlers``) and served behind the
real middleware, so what it shows is what a defect in any real operation would produce.
"""

from django.urls import path
from ninja import NinjaAPI

from immerse.api.errors import install_error_handlers
from immerse.api.inputs import StrictJsonParser

api = NinjaAPI(urls_namespace="failing-api", parser=StrictJsonParser())
install_error_handlers(api)


@api.get("/boom")
def boom(request) -> dict[str, str]:
    raise RuntimeError("a defect in an operation")


urlpatterns = [path("api/v1/", api.urls)]
