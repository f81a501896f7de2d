from __future__ import annotations

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "immerse.people"
    verbose_name = "People, registrations and levels"

    def ready(self) -> None:
        # Imported here: the app registry must be ready before models are imported.
        from django.contrib.auth.signals import user_logged_in

        from immerse.people.services.languages import language_remember

        user_logged_in.connect(language_remember, dispatch_uid="people.language_remember")
