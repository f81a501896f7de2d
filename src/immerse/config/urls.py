"""The site's URLs: each app's own patterns, the API, login, the admin and the probes."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from immerse.api import api
from immerse.common.limits import limited, login_view, password_attempts
from immerse.config import webapp
from immerse.config.event_backup import event_backup
from immerse.config.health import healthz, readyz

# The admin's log-in page counts against the same limits as the site's (per address and per
# account name): guesses spread over both pages are one budget.
admin_login = limited("login", "LOGIN_RATE", keys=("ip",),
                      what=gettext_lazy("Too many login attempts"))(
    password_attempts(admin.site.login))

urlpatterns = [
    path("", include("immerse.events.urls")),
    path("", include("immerse.notify.urls")),
    path("", include("immerse.people.urls")),
    path("", include("immerse.program.urls")),
    path("", include("immerse.checkin.urls")),
    path("", include("immerse.tables.urls")),
    path("", include("immerse.backchannel.urls")),
    path("", include("immerse.audience.urls")),
    path("", include("immerse.learning.urls")),
    path("", include("immerse.studio.urls")),
    path("events/<slug:slug>/organize/export/backup.json", event_backup, name="event-backup"),
    path("", include("immerse.openspace.urls")),
    path("accounts/login/", login_view, name="login"),
    path("accounts/logout/", webapp.LogoutClearingSiteData.as_view(), name="logout"),
    path("api/v1/", api.urls),
    # Before the admin's own patterns, so its log-in page is this throttled one.
    path("admin/", include([path("login/", admin_login)])),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # The installable web app: the worker is served from the root, its scope is the site.
    path("manifest.webmanifest", webapp.manifest, name="webapp-manifest"),
    path("sw.js", webapp.service_worker, name="webapp-service-worker"),
    path("offline/", webapp.offline, name="webapp-offline"),
]

# Anonymous visitors of a refused page are sent to log in; others get templates/403.html.
handler403 = "immerse.config.errors.permission_denied"
