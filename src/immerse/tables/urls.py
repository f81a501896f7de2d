"""URLs of tables: round tables: the organizer's overview, a session's tables, cards, my tables."""

from django.urls import path

from immerse.tables import views

urlpatterns = [
    path("events/<slug:slug>/organize/tables/", views.overview, name="tables"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/", views.session_tables,
         name="tables-session"),
    path("events/<slug:slug>/organize/tables/<int:session_id>/cards/", views.cards,
         name="tables-cards"),
    path("events/<slug:slug>/me/tables/", views.my_tables, name="my-tables"),
]
