"""URLs of the organizer's studio: new events, their settings and set-up, the grid."""

from django.urls import path

from immerse.studio.views import events, grid

urlpatterns = [
    path("organize/events/new/", events.event_new, name="studio-event-new"),
    path("events/<slug:slug>/organize/settings/", events.event_settings,
         name="studio-event-settings"),
    path("events/<slug:slug>/organize/publish/", events.event_publish,
         name="studio-event-publish"),
    path("events/<slug:slug>/organize/export/schedule.<str:fmt>", events.event_export,
         name="studio-event-export"),
    path("events/<slug:slug>/organize/setup/grid/", grid.grid_page, name="studio-grid"),
    path("events/<slug:slug>/organize/setup/grid/move/", grid.grid_move,
         name="studio-grid-move"),
]
