from django.apps import AppConfig


class StudioConfig(AppConfig):
    name = "immerse.studio"
    label = "studio"
    verbose_name = "Organizer's studio"
