"""URLs of people: sign-up, my registration, the organizer's registrations, inventory, imports."""

from django.urls import path

from immerse.people import views

urlpatterns = [
    path("events/<slug:slug>/organize/", views.organize, name="event-organize"),
    path("events/<slug:slug>/organize/inventory/", views.inventory,
         name="event-inventory"),
    path("events/<slug:slug>/organize/inventory.csv", views.inventory_csv,
         name="event-inventory-csv"),
    path("events/<slug:slug>/organize/import/", views.import_upload, name="event-import"),
    path("events/<slug:slug>/organize/import/<int:upload_id>/", views.import_confirm,
         name="event-import-confirm"),
    path("events/<slug:slug>/signup/", views.signup, name="event-signup"),
    path("events/<slug:slug>/me/", views.my_registration, name="my-registration"),
    path("events/<slug:slug>/me/cancel/", views.cancel_registration,
         name="my-registration-cancel"),
    path("me/", views.me, name="me"),
    path("events/<slug:slug>/organize/messages/broadcast/", views.broadcast,
         name="event-broadcast"),
]
