from django.apps import AppConfig


class TablesConfig(AppConfig):
    name = "immerse.tables"
