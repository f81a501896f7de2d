"""Networks of a backchannel: hashtags used together, and who replies to or mentions whom.

Both are weighted graphs over one vocabulary of ``PostColumns`` (tags or handles): the page
shows their top nodes, Gephi opens the whole graph (``engine.formats.gexf``). Reposts are
left out: a repost repeats its original's tags and mentions, and would count them twice.

>>> from immerse.engine.listening.columns import columns_from_rows
>>> c = columns_from_rows(ids=["1", "2", "3"], authors=["ana", "bob", "ana"],
...     created=[0, 1, 2], texts=["", "", ""], reply_to_ids=[None, "1", None],
...     mentions=[["bob"], [], ["cas"]], hashtags=[["a", "b"], ["a", "b", "c"], ["b"]])
>>> g = cohashtag_graph(c)
>>> [(g.labels[s], g.labels[t], int(w)) for s, t, w in zip(g.source, g.target, g.weight)]
[('a', 'b', 2), ('a', 'c', 1), ('b', 'c', 1)]
>>> top_nodes(conversation_graph(c), limit=2)
[('ana', 3), ('bob', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from immerse.engine.listening.analysis import conversation_edges
from immerse.engine.listening.columns import PostColumns

Int64 = npt.NDArray[np.int64]
Int32 = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes ``0..len(labels)-1`` and weighted edges ``source[i] → target[i]``.

    ``posts`` per node: posts using the tag, or original posts by the account.
    ``edge_counts`` splits an edge's weight by kind (conversation graph: replies and
    mentions); it is empty when edges have one kind only.
    """

    name: str
    directed: bool
    labels: tuple[str, ...]
    posts: Int64
    source: Int32
    target: Int32
    weight: Int64
    edge_counts: dict[str, Int64]

    @property
    def degree(self) -> Int64:
        """Weighted degree: the sum of the weights of a node's edges, both directions."""
        n = len(self.labels)
        out = np.bincount(self.source, weights=self.weight, minlength=n)
        into = np.bincount(self.target, weights=self.weight, minlength=n)
        return (out + into).astype(np.int64)


def cohashtag_graph(columns: PostColumns, *, exclude: tuple[str, ...] = ()) -> Graph:
    """Tags joined by how many posts use both (undirected); ``exclude`` drops tags (the
    event's own, which co-occur with everything) before pairing."""
    original = ~columns.is_repost
    rows = np.repeat(np.arange(len(columns)), np.diff(columns.hashtag_ptr))
    keep = original[rows]
    skip = {t.lstrip("#").casefold() for t in exclude}
    if skip and columns.tags:
        dropped = np.array([t in skip for t in columns.tags], dtype=bool)
        keep &= ~dropped[columns.hashtag_code]
    rows, codes = rows[keep], columns.hashtag_code[keep]
    n_tags = len(columns.tags)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, codes)), shape=(len(columns), n_tags))
    incidence.data[:] = 1  # a tag twice in one post counts once
    together = sparse.triu(incidence.T @ incidence, k=1).tocoo()
    order = np.lexsort((together.col, together.row))
    posts = np.asarray(incidence.sum(axis=0)).ravel().astype(np.int64)
    return Graph("co-hashtags", False, columns.tags, posts,
                 together.row[order].astype(np.int32), together.col[order].astype(np.int32),
                 together.data[order].astype(np.int64), {})


def conversation_graph(columns: PostColumns) -> Graph:
    """Accounts joined by replies and mentions (directed: who addresses whom)."""
    edges = conversation_edges(columns)
    original = ~columns.is_repost
    posts = np.bincount(columns.author[original], minlength=len(columns.handles))
    return Graph("replies and mentions", True, columns.handles, posts.astype(np.int64),
                 edges.source, edges.target, edges.weight,
                 {"replies": edges.replies, "mentions": edges.mentions})


def top_nodes(graph: Graph, *, limit: int = 10) -> list[tuple[str, int]]:
    """The ``limit`` nodes with the highest weighted degree (ties by label), with it."""
    degree = graph.degree
    labels = np.array(graph.labels, dtype=object)
    order = np.lexsort((labels, -degree))[:limit]
    return [(str(labels[i]), int(degree[i])) for i in order if degree[i] > 0]


def top_edges(graph: Graph, *, limit: int = 10) -> list[tuple[str, str, int]]:
    """The ``limit`` heaviest edges as (source label, target label, weight)."""
    order = np.lexsort((graph.target, graph.source, -graph.weight))[:limit]
    return [(graph.labels[int(graph.source[i])], graph.labels[int(graph.target[i])],
             int(graph.weight[i])) for i in order]
