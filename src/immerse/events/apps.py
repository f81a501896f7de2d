from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "immerse.events"
    verbose_name = "Events and programs"
