"""URLs of people: sign-up and its confirmation, my registration, log-in links and passwords,
the organizer's registrations, inventory, imports."""

from django.urls import path

from immerse.people import account_views, language_views, organize_views, views

urlpatterns = [
    path("events/<slug:slug>/organize/", organize_views.organize, name="event-organize"),
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
    path("language/", language_views.language_set, name="language-set"),
    # Proof of identity: sign-up confirmation, log-in links, passwords (account_views).
    path("events/<slug:slug>/signup/sent/", account_views.signup_sent,
         name="event-signup-sent"),
    path("signup/confirm/<str:token>/", account_views.signup_confirm_page,
         name="signup-confirm"),
    path("accounts/login/link/", account_views.login_link, name="login-link"),
    path("accounts/login/link/sent/", account_views.login_link_sent, name="login-link-sent"),
    path("accounts/login/link/<str:token>/", account_views.login_link_page,
         name="login-link-use"),
    path("accounts/password/reset/", account_views.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", account_views.password_reset_sent,
         name="password_reset_done"),
    path("accounts/password/reset/<uidb64>/<token>/", account_views.password_reset_confirm,
         name="password_reset_confirm"),
    path("accounts/password/reset/complete/", account_views.password_reset_complete,
         name="password_reset_complete"),
    path("accounts/password/change/", account_views.password_change, name="password_change"),
    path("accounts/password/change/done/", account_views.password_change_done,
         name="password_change_done"),
    path("events/<slug:slug>/organize/messages/broadcast/", views.broadcast,
         name="event-broadcast"),
    # The organizer acting on registrations (organize_views).
    path("organize/", organize_views.organize_home, name="organize-home"),
    path("events/<slug:slug>/organize/registrations/act/", organize_views.registrations_act,
         name="event-registrations-act"),
    path("events/<slug:slug>/organize/registrations/<int:registration_id>/",
         organize_views.registration_edit_page, name="event-registration-edit"),
    path("events/<slug:slug>/organize/registrations.csv", organize_views.registrations_csv,
         name="event-registrations-csv"),
]
