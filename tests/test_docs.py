"""The docs say what the registries hold: docs/deployment.md the periodic tasks with their
cadence, docs/levels.md the formats each level should look for."""

from __future__ import annotations

import re
from pathlib import Path

from immerse.common.tasks import schedule_table
from immerse.engine.catalogue import LEVEL_LABELS, formats_to_look_for

DEPLOYMENT = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"


def test_the_periodic_tasks_in_the_deployment_guide_are_the_registry_s() -> None:
    text = DEPLOYMENT.read_text()
    block = text.split("<!-- periodic-tasks -->\n", 1)[1]
    documented = block.split("\n<!-- /periodic-tasks -->")[0]
    assert documented == schedule_table(), (
        "docs/deployment.md disagrees with the task registry: paste `immerse beat --list` "
        "between the periodic-tasks markers")


LEVELS_DOC = DEPLOYMENT.parent / "levels.md"


def test_the_levels_guide_lists_each_level_s_formats_as_the_catalogue_ranks_them() -> None:
    text = LEVELS_DOC.read_text()
    section = text.split("## What each level should look for at an event\n", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines()
            if re.match(r"\| \d ", line)]
    documented = {}
    for row in rows:
        level, formats, _why = (cell.strip() for cell in row.strip("|").split("|"))
        number, label = level.split(" ", 1)
        assert label == LEVEL_LABELS[int(number)], row
        # "Table discussion (as host)": a note on the role, not part of the name.
        documented[int(number)] = [re.sub(r" \(.*\)$", "", name) for name in formats.split(", ")]
    expected = {level: [f.label for f in formats_to_look_for(level)] for level in LEVEL_LABELS}
    assert documented == expected, (
        "docs/levels.md ('What each level should look for') disagrees with the catalogue's "
        "look_for ranks: write each level's formats in the catalogue's order")
