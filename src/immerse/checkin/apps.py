from django.apps import AppConfig


class CheckinConfig(AppConfig):
    name = "immerse.checkin"
