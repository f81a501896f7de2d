"""Where the external test data lives: ``../shared/data`` beside the project.

Looked up from this file upwards, so a git worktree (``wt/<name>/``, one level deeper than
the main checkout) finds the same folder instead of silently skipping every test using it.
"""

from __future__ import annotations

from pathlib import Path


def shared_data(*parts: str) -> Path:
    """``shared/data/<parts…>`` in the nearest ancestor folder that has one (it may be absent:
    callers skip with a message then)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate.joinpath(*parts)
    return Path(__file__).resolve().parents[1].parent.joinpath("shared", "data", *parts)
