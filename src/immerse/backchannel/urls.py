"""URLs of backchannel: the dashboard, explore, notes, sources, uploads, settings, network
file, and the wall with its moderation."""

from django.urls import path

from immerse.backchannel.views import dashboard, sources, wall

urlpatterns = [
    path("events/<slug:slug>/listening/", dashboard.dashboard, name="listening"),
    path("events/<slug:slug>/listening/explore/", dashboard.explore,
         name="listening-explore"),
    path("events/<slug:slug>/listening/notes/", dashboard.note, name="listening-note"),
    path("events/<slug:slug>/listening/network.gexf", dashboard.network,
         name="listening-network"),
    path("events/<slug:slug>/listening/sources/", sources.sources, name="listening-sources"),
    path("events/<slug:slug>/listening/sources/<int:source_id>/", sources.source_action,
         name="listening-source-action"),
    path("events/<slug:slug>/listening/uploads/", sources.upload, name="listening-upload"),
    path("events/<slug:slug>/listening/settings/", sources.listening_settings_save,
         name="listening-settings"),
    path("events/<slug:slug>/wall/", wall.wall, name="listening-wall"),
    path("events/<slug:slug>/wall/moderate/", wall.moderate, name="listening-wall-moderate"),
    path("events/<slug:slug>/wall/moderate/action/", wall.wall_action,
         name="listening-wall-action"),
]
