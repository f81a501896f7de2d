"""URLs of events: the list of events, background runs' progress."""

from django.urls import path

from immerse.events import views

urlpatterns = [
    path("", views.home, name="home"),
    path("events/<slug:slug>/organize/runs/<int:run_id>/", views.task_run, name="event-run"),
]
