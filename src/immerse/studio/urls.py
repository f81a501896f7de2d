"""URLs of the organizer's studio: new events, their settings and set-up, the grid."""

from django.urls import path

from immerse.studio.views import events

urlpatterns = [
    path("organize/events/new/", events.event_new, name="studio-event-new"),
    path("events/<slug:slug>/organize/settings/", events.event_settings,
         name="studio-event-settings"),
    path("events/<slug:slug>/organize/publish/", events.event_publish,
         name="studio-event-publish"),
    path("events/<slug:slug>/organize/export/schedule.<str:fmt>", events.event_export,
         name="studio-event-export"),
]
