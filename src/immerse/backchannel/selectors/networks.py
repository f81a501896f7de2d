"""The backchannel's networks (who talks with whom, which hashtags go together) for the
dashboard's top nodes and for Gephi (GEXF 1.3)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from immerse.backchannel.selectors.dashboard import posts_columns
from immerse.engine.formats.gexf import gexf_chunks
from immerse.engine.listening.columns import PostColumns
from immerse.engine.listening.networks import Graph, cohashtag_graph, conversation_graph
from immerse.events.models import Event

GRAPHS = ("conversation", "hashtags")


def graph_of(columns: PostColumns, graph: str, *, event: Event, full: bool) -> Graph:
    """``conversation`` or ``hashtags``; the page leaves the event's own tags out of the
    hashtag graph (they go with everything), the exported file keeps them (``full``)."""
    if graph == "conversation":
        return conversation_graph(columns)
    if graph == "hashtags":
        return cohashtag_graph(columns, exclude=() if full else tuple(event.hashtags))
    raise ValueError(f"graph must be one of {GRAPHS}, not {graph!r}")


def network_gexf(*, event: Event, graph: str) -> Iterator[bytes]:
    """The whole graph of the event's posts as a GEXF 1.3 document, in chunks."""
    columns, _ = posts_columns(event=event)
    chosen = graph_of(columns, graph, event=event, full=True)
    tags = " ".join(event.hashtags)
    return gexf_chunks(chosen, description=f"{event.title} {tags} ({len(columns)} posts)",
                       modified=timezone.localdate())
