"""The site's URL conf plus a failing page and a failing API operation, for the security
headers test (tests/test_security_headers_everywhere.py)."""

from django.urls import path

from immerse.config.urls import urlpatterns as site_urlpatterns
from tests.api.failing_urls import api
from tests.failing_urls import boom

urlpatterns = [path("boom/", boom), path("api/v1/", api.urls), *site_urlpatterns]
