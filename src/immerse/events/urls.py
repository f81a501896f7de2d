"""URLs of events: the list of events and the public program."""

from django.urls import path

from immerse.events import views

urlpatterns = [
    path("", views.home, name="home"),
    path("events/<slug:slug>/program/", views.event_program, name="event-program"),
]
