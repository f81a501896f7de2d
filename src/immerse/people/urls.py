"""URLs of people: sign-up, my registration, the organizer's registrations, inventory, imports."""

from django.urls import path

from immerse.people import import_views, inventory_views, views

urlpatterns = [
    path("events/<slug:slug>/organize/", views.organize, name="event-organize"),
    path("events/<slug:slug>/organize/inventory/", inventory_views.inventory,
         name="event-inventory"),
    path("events/<slug:slug>/organize/inventory.csv", inventory_views.inventory_csv,
         name="event-inventory-csv"),
    path("events/<slug:slug>/organize/import/", import_views.upload, name="event-import"),
    path("events/<slug:slug>/organize/import/<int:upload_id>/", import_views.confirm,
         name="event-import-confirm"),
    path("events/<slug:slug>/signup/", views.signup, name="event-signup"),
    path("events/<slug:slug>/me/", views.my_registration, name="my-registration"),
    path("events/<slug:slug>/me/cancel/", views.cancel_registration,
         name="my-registration-cancel"),
    path("me/", views.me, name="me"),
]
