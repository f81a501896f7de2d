from django.db import migrations

from immerse.engine.catalogue import TOOLS


def seed_tools(apps, schema_editor):
    Tool = apps.get_model("people", "Tool")
    for position, tool in enumerate(TOOLS):
        Tool.objects.update_or_create(
            key=tool.key,
            defaults={"label": tool.label, "examples": tool.examples, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed_tools, migrations.RunPython.noop)]
