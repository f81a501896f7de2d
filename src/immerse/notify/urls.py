from django.urls import path

from immerse.notify import views

urlpatterns = [
    path("mail/unsubscribe/<str:token>/", views.unsubscribe, name="notify-unsubscribe"),
]
