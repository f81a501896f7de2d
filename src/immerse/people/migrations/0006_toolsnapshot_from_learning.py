"""ToolSnapshot moves here from the learning app: state only, its table keeps its name.

Assessments are written by ``people.services.assessments`` together with their snapshot, so
the model belongs with them (people cannot import learning, a higher layer). The learning
app's 0004 removes it from its own state after this one; no row is copied.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0005_sheet_uploads"),
        # The table was created by learning's 0002; this state points at it.
        ("learning", "0003_story_fulltext"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ToolSnapshot",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("tools", models.JSONField(default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("assessment", models.OneToOneField(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="tool_snapshot", to="people.assessment")),
                        ("person", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="tool_snapshots", to="people.person")),
                    ],
                    options={"db_table": "learning_toolsnapshot"},
                ),
            ],
            database_operations=[],
        ),
    ]
