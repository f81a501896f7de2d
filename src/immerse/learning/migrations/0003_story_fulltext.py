"""Full-text search on Story.search_text: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

The expression of the PostgreSQL index is exactly what ``SearchVector("search_text",
config="english")`` compiles to, so the planner can use it for selectors.stories_search.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE learning_story_fts USING fts5("
    "search_text, content='learning_story', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER learning_story_fts_ai AFTER INSERT ON learning_story BEGIN "
    "INSERT INTO learning_story_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER learning_story_fts_ad AFTER DELETE ON learning_story BEGIN "
    "INSERT INTO learning_story_fts(learning_story_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER learning_story_fts_au AFTER UPDATE ON learning_story BEGIN "
    "INSERT INTO learning_story_fts(learning_story_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO learning_story_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO learning_story_fts(learning_story_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS learning_story_fts_au",
    "DROP TRIGGER IF EXISTS learning_story_fts_ad",
    "DROP TRIGGER IF EXISTS learning_story_fts_ai",
    "DROP TABLE IF EXISTS learning_story_fts",
]
POSTGRES_UP = [
    "CREATE INDEX learning_story_search_gin ON learning_story USING GIN "
    "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS learning_story_search_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_learning_cycle")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
