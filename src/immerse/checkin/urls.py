"""URLs of check-in: the staff desk, its live counts and search, a session's door."""

from django.urls import path

from immerse.checkin import views

urlpatterns = [
    path("events/<slug:slug>/checkin/", views.desk, name="checkin-desk"),
    path("events/<slug:slug>/checkin/counts/", views.counts, name="checkin-counts"),
    path("events/<slug:slug>/checkin/search/", views.search, name="checkin-search"),
    path("events/<slug:slug>/checkin/act/", views.act, name="checkin-act"),
    path("events/<slug:slug>/checkin/walkin/", views.walkin, name="checkin-walkin"),
    path("events/<slug:slug>/checkin/release/", views.release_set, name="checkin-release"),
    path("events/<slug:slug>/sessions/<int:session_id>/door/", views.door, name="checkin-door"),
    path("events/<slug:slug>/sessions/<int:session_id>/here/<str:key>/", views.here,
         name="checkin-here"),
]
