"""URLs of the organizer's studio."""

from django.urls import path

from immerse.studio.views import grid

urlpatterns = [
    path("events/<slug:slug>/organize/setup/grid/", grid.grid_page, name="studio-grid"),
    path("events/<slug:slug>/organize/setup/grid/move/", grid.grid_move,
         name="studio-grid-move"),
]
