"""The site's URLs: each app's own patterns, the API, login, the admin and the probes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from immerse.api import api
from immerse.common.limits import login_view
from immerse.config.health import healthz, readyz

urlpatterns = [
    path("", include("immerse.events.urls")),
    path("", include("immerse.notify.urls")),
    path("", include("immerse.people.urls")),
    path("", include("immerse.program.urls")),
    path("", include("immerse.tables.urls")),
    path("", include("immerse.backchannel.urls")),
    path("", include("immerse.learning.urls")),
    path("accounts/login/", login_view, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]

# Anonymous visitors of a refused page are sent to log in; others get templates/403.html.
handler403 = "immerse.config.errors.permission_denied"
