from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from immerse.api import api
from immerse.backchannel import views as listening_views
from immerse.common.limits import login_view
from immerse.events import views as event_views
from immerse.people import import_views, inventory_views
from immerse.people import views as people_views
from immerse.program import agenda_views
from immerse.program import views as program_views
from immerse.tables import views as table_views

urlpatterns = [
    path("", event_views.home, name="home"),
    path("events/<slug:slug>/", program_views.event_hub, name="event-hub"),
    path("events/<slug:slug>/program/", event_views.event_program, name="event-program"),
    path(
        "events/<slug:slug>/sessions/<int:session_id>/",
        program_views.session_detail,
        name="session-detail",
    ),
    path("events/<slug:slug>/organize/", people_views.organize, name="event-organize"),
    path("events/<slug:slug>/organize/inventory/", inventory_views.inventory,
         name="event-inventory"),
    path("events/<slug:slug>/organize/inventory.csv", inventory_views.inventory_csv,
         name="event-inventory-csv"),
    path("events/<slug:slug>/organize/import/", import_views.upload, name="event-import"),
    path("events/<slug:slug>/organize/import/<int:upload_id>/", import_views.confirm,
         name="event-import-confirm"),
    path("events/<slug:slug>/organize/program/builder/", program_views.builder,
         name="program-builder"),
    path("events/<slug:slug>/organize/sessions/<int:session_id>/pitch/",
         program_views.pitch_edit, name="session-pitch-edit"),
    path("events/<slug:slug>/organize/agendas/", agenda_views.plan, name="agenda-plan"),
    path("events/<slug:slug>/organize/agendas/runs/<int:run_id>/", agenda_views.run_detail,
         name="agenda-run"),
    path("events/<slug:slug>/organize/tables/", table_views.overview, name="tables"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/", table_views.session_tables,
         name="tables-session"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/cards/", table_views.cards,
         name="tables-cards"),
    path("events/<slug:slug>/me/tables/", table_views.my_tables, name="my-tables"),
    path("events/<slug:slug>/me/agenda/", agenda_views.my_agenda, name="my-agenda"),
    path("events/<slug:slug>/me/agenda/change/", agenda_views.agenda_action,
         name="my-agenda-action"),
    path("events/<slug:slug>/sessions/<int:session_id>/star/", agenda_views.star,
         name="session-star"),
    path("events/<slug:slug>/listening/", listening_views.dashboard, name="listening"),
    path("events/<slug:slug>/listening/explore/", listening_views.explore,
         name="listening-explore"),
    path("events/<slug:slug>/listening/notes/", listening_views.note, name="listening-note"),
    path("events/<slug:slug>/calendar.ics", program_views.calendar_event,
         name="event-calendar"),
    path("calendar/<str:token>.ics", program_views.calendar_personal,
         name="personal-calendar"),
    path("events/<slug:slug>/signup/", people_views.signup, name="event-signup"),
    path("events/<slug:slug>/me/", people_views.my_registration, name="my-registration"),
    path("events/<slug:slug>/me/cancel/", people_views.cancel_registration,
         name="my-registration-cancel"),
    path("me/", people_views.me, name="me"),
    path("accounts/login/", login_view, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("", include("immerse.learning.urls")),
    path("admin/", admin.site.urls),
]
