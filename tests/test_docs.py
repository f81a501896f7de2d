"""docs/deployment.md lists exactly the periodic tasks of the registry, with their cadence."""

from __future__ import annotations

from pathlib import Path

from immerse.common.tasks import schedule_table

DEPLOYMENT = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"


def test_the_periodic_tasks_in_the_deployment_guide_are_the_registry_s() -> None:
    text = DEPLOYMENT.read_text()
    block = text.split("<!-- periodic-tasks -->\n", 1)[1]
    documented = block.split("\n<!-- /periodic-tasks -->")[0]
    assert documented == schedule_table(), (
        "docs/deployment.md disagrees with the task registry: paste `immerse beat --list` "
        "between the periodic-tasks markers")
