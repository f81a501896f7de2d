"""Give every assessment without a tool snapshot one: sheet imports and other bulk writes
skipped the old post_save signal, so their reports said no tool was adopted."""

from django.db import migrations

BATCH = 2000


def snapshots_backfill(apps, schema_editor) -> None:
    """Snapshot each assessment that has none from its person's *current* tool uses.

    The inventory at the time of those assessments was never recorded; the present one is
    the best record there is (for a sheet import it is usually exactly what the sheet gave).
    """
    Assessment = apps.get_model("people", "Assessment")
    ToolSnapshot = apps.get_model("people", "ToolSnapshot")
    ToolUse = apps.get_model("people", "ToolUse")
    missing = list(Assessment.objects.exclude(
        pk__in=ToolSnapshot.objects.values("assessment_id")).order_by("pk")
        .values_list("pk", "person_id"))
    for start in range(0, len(missing), BATCH):
        batch = missing[start:start + BATCH]
        inventories: dict[int, dict[str, list[object]]] = {}
        for person_id, key, frequency, confidence in ToolUse.objects.filter(
                person_id__in={person_id for _, person_id in batch}).values_list(
                "person_id", "tool__key", "frequency", "confidence"):
            inventories.setdefault(person_id, {})[key] = [frequency, confidence]
        ToolSnapshot.objects.bulk_create([
            ToolSnapshot(assessment_id=pk, person_id=person_id,
                         tools=inventories.get(person_id, {}))
            for pk, person_id in batch])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0006_toolsnapshot_from_learning"),
        ("learning", "0004_toolsnapshot_to_people"),  # the model is only people's by then
    ]

    operations = [migrations.RunPython(snapshots_backfill, migrations.RunPython.noop)]
