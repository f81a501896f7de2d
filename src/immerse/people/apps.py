from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "immerse.people"
    verbose_name = "People, registrations and levels"
