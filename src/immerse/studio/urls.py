"""URLs of the organizer's studio: new events, their settings and set-up, the grid."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
