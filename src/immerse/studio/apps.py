from django.apps import AppConfig


class StudioConfig(AppConfig):
    name = "immerse.studio"
    label = "studio"
    verbose_name = "The organizer's studio"
