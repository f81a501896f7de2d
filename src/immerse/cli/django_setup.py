"""Start Django for the commands that touch the database, and guard its schema.

Only `immerse migrate`, `demo` and `serve` change the schema. Every other command opens the
database as it is and refuses in one line when it is not migrated: a read-only command such
as `export` must never write, not even a migration.

Django is imported inside these functions, never at module level, so that `immerse --help`
(which imports every command module) does not pay for it.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

MIGRATE_HINT = "run `immerse migrate`"


def setup_django(*, migrate: bool = False) -> None:
    """Configure settings, create the data folder, and optionally bring the schema up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")
    if migrate:  # migrate, demo and serve: the commands that start a site
        catalogues_refresh()
    # Django stays off `immerse --help`'s path (see the module docstring).
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    if migrate:
        migrate_database()


def catalogues_refresh() -> None:
    """Compile the translation catalogues changed since they were last compiled; an
    installed copy that cannot be written keeps the ones it was built with."""
    # Kept off `immerse --help`'s path like Django (see the module docstring).
    from immerse.config.catalogues import catalogues_compile

    try:
        catalogues_compile()
    except OSError as exc:
        typer.echo(f"Translations not recompiled ({exc}); the ones built in are used.",
                   err=True)


def open_database() -> None:
    """Start Django on a migrated database, or exit 1 saying to run `immerse migrate`."""
    setup_django()
    if pending_migrations():
        typer.echo(f"The database at {database_label()} needs migrating: {MIGRATE_HINT}.",
                   err=True)
        raise typer.Exit(1)


def migrate_database() -> None:
    """Apply every pending migration, and create the database cache's table when it has one."""
    # Django is set up by now; kept off `immerse --help`'s path.
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if _cache_table() is not None:
        call_command("createcachetable", verbosity=0)


def pending_migrations() -> list[str]:
    """What `immerse migrate` would do: ``app.migration`` labels, plus ``cache table NAME``
    when the database cache lacks its table. Reads only; a missing SQLite file stays missing.
    """
    # Django is set up by now; kept off `immerse --help`'s path.
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader

    cache_table = _cache_table()
    if _sqlite_file_missing():
        # Connecting would create the file: count every migration on disk instead.
        nodes = MigrationLoader(None, ignore_no_migrations=True).graph.nodes
        pending = [f"{app}.{name}" for app, name in sorted(nodes)]
        return pending + ([f"cache table {cache_table}"] if cache_table else [])
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    if cache_table and cache_table not in connection.introspection.table_names():
        pending.append(f"cache table {cache_table}")
    return pending


def database_label() -> str:
    """Where the database is, for messages: the SQLite file, else ``host/name``."""
    # Django is set up by now; kept off `immerse --help`'s path.
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(db["NAME"])
    return f"{db['HOST'] or 'localhost'}/{db['NAME']}"


def _sqlite_file_missing() -> bool:
    """True for a SQLite database whose file does not exist or is empty (never written)."""
    # Django is set up by now; kept off `immerse --help`'s path.
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or name.startswith("file:"):
        return False
    path = Path(name)
    return not path.exists() or path.stat().st_size == 0


def _cache_table() -> str | None:
    """The database cache's table name, or None when the cache is not in the database."""
    # Django is set up by now; kept off `immerse --help`'s path.
    from django.conf import settings

    # The live regions' cache may be in the database when the default one is not (config).
    for cache in (settings.CACHES["default"], settings.CACHES.get("live", {})):
        if cache.get("BACKEND", "").endswith("DatabaseCache"):
            return str(cache["LOCATION"])
    return None
