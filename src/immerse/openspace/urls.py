"""URLs of open space: the participants' page (and its live part), the organizer's."""

from django.urls import path

from immerse.openspace import views

urlpatterns = [
    path("events/<slug:slug>/openspace/", views.page, name="openspace"),
    path("events/<slug:slug>/openspace/live/", views.live, name="openspace-live"),
    path("events/<slug:slug>/openspace/vote/", views.vote, name="openspace-vote"),
    path("events/<slug:slug>/organize/openspace/", views.organize, name="openspace-organize"),
    path("events/<slug:slug>/organize/openspace/place/", views.place,
         name="openspace-place"),
]
