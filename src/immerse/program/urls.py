"""URLs of program: the hub, sessions, builder, agenda planning, personal agendas and calendars."""

from django.urls import path

from immerse.program import views

urlpatterns = [
    path("events/<slug:slug>/", views.event_hub, name="event-hub"),
    path("events/<slug:slug>/program/", views.event_program, name="event-program"),
    path(
        "events/<slug:slug>/sessions/<int:session_id>/",
        views.session_detail,
        name="session-detail",
    ),
    path("events/<slug:slug>/organize/program/builder/", views.builder,
         name="program-builder"),
    path("events/<slug:slug>/organize/sessions/<int:session_id>/pitch/",
         views.pitch_edit, name="session-pitch-edit"),
    path("events/<slug:slug>/organize/agendas/", views.plan, name="agenda-plan"),
    path("events/<slug:slug>/organize/agendas/runs/<int:run_id>/", views.run_detail,
         name="agenda-run"),
    path("events/<slug:slug>/me/agenda/", views.my_agenda, name="my-agenda"),
    path("events/<slug:slug>/me/agenda/change/", views.agenda_action,
         name="my-agenda-action"),
    path("events/<slug:slug>/sessions/<int:session_id>/star/", views.star,
         name="session-star"),
    path("events/<slug:slug>/calendar.ics", views.calendar_event,
         name="event-calendar"),
    path("calendar/<str:token>.ics", views.calendar_personal,
         name="personal-calendar"),
]
