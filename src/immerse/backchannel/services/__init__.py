"""Writes about the backchannel, one module per domain: ``ingest`` (posts in, deduplicated),
``sources`` (the event's social-web sources), ``polling`` (one poll of a source),
``uploads`` (files ingested in the background), ``wall`` (moderation), ``alerts``
(questions waiting). Callers import from the submodule.

The ingest names stay importable from here for code written before the split (other
branches still do): ``from immerse.backchannel.services import posts_ingest``.
"""

from immerse.backchannel.services.ingest import (
    BATCH,
    IngestAborted,
    IngestReport,
    note_add,
    posts_ingest,
)

__all__ = ["BATCH", "IngestAborted", "IngestReport", "note_add", "posts_ingest"]
