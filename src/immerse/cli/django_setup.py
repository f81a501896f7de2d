"""Start Django for commands that touch the database."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = False) -> None:
    """Configure settings, create the data folder, and optionally bring the schema up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
            call_command("createcachetable", verbosity=0)
