from django.apps import AppConfig


class OpenspaceConfig(AppConfig):
    name = "immerse.openspace"
