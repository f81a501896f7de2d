"""ToolSnapshot now belongs to the people app (its 0006): drop it from this app's state only.

The table ``learning_toolsnapshot`` and its rows stay where they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0003_story_fulltext"),
        ("people", "0006_toolsnapshot_from_learning"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ToolSnapshot")],
            database_operations=[],
        ),
    ]
