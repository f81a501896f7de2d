"""URLs of tables: round tables: the organizer's overview, a session's tables, cards, my tables."""

from django.urls import path

from immerse.tables import notes_views, views

# The session is named apart from ``session_id``: the access matrix seats its attendee at a
# table of a table-discussion session, not of its other session.
NOTES = "events/<slug:slug>/tables/<int:table_session_id>/<int:table>/notes/"

urlpatterns = [
    path("events/<slug:slug>/organize/tables/", views.overview, name="tables"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/", views.session_tables,
         name="tables-session"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/cards/", views.cards,
         name="tables-cards"),
    path("events/<slug:slug>/me/tables/", views.my_tables, name="my-tables"),
    path(NOTES, notes_views.notes_page, name="table-notes"),
    path(NOTES + "live/", notes_views.notes_live, name="table-notes-live"),
    path(NOTES + "history/", notes_views.notes_history, name="table-notes-history"),
    path(NOTES + "history/<int:number>/", notes_views.notes_revision,
         name="table-notes-revision"),
]
