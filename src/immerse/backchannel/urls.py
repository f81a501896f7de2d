"""URLs of backchannel: listening: the dashboard, explore and notes."""

from django.urls import path

from immerse.backchannel import views

urlpatterns = [
    path("events/<slug:slug>/listening/", views.dashboard, name="listening"),
    path("events/<slug:slug>/listening/explore/", views.explore,
         name="listening-explore"),
    path("events/<slug:slug>/listening/notes/", views.note, name="listening-note"),
]
