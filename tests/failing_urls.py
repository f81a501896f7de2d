"""A URL conf with one view that fails, for the 500 page's test (tests/test_error_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from immerse.config.urls import urlpatterns as site_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a defect")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
