from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "immerse.notify"
    verbose_name = "Messages and notifications"
