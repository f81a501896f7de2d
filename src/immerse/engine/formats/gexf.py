"""GEXF 1.3 (the Graph Exchange XML Format of Gephi) for the listening networks.

One ``<graph>`` per file: nodes carry their label and a ``posts`` attribute, edges their
weight and, in the conversation graph, how many replies and mentions make it up. The
output validates against the GEXF 1.3 schema (``gexf.net/1.3``; a test checks it against
the published XSD). Written as text in chunks, so memory stays flat in the graph's size.

>>> import numpy as np
>>> from immerse.engine.listening.networks import Graph
>>> g = Graph("co-hashtags", False, ("a", "b"), np.array([2, 1]), np.array([0], np.int32),
...           np.array([1], np.int32), np.array([1]), {})
>>> text = graph_to_gexf(g, description="#msm").decode()
>>> '<edge id="e0" source="n0" target="n1" weight="1"/>' in text
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from immerse.engine.listening.networks import Graph

NAMESPACE = "http://gexf.net/1.3"
VERSION = "1.3"
#: Characters XML 1.0 cannot carry at all (a handle or tag with one is cleaned, not lost).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return " ".join(_NOT_XML.sub("", text).split())


def graph_to_gexf(graph: Graph, *, description: str, creator: str = "immerse",
                  modified: date | None = None) -> bytes:
    """The whole graph as one GEXF 1.3 document (UTF-8 bytes with an XML declaration)."""
    return b"".join(gexf_chunks(graph, description=description, creator=creator,
                                modified=modified))


def gexf_chunks(graph: Graph, *, description: str, creator: str = "immerse",
                modified: date | None = None) -> Iterator[bytes]:
    """The document in pieces of about a thousand elements: a graph of a million edges is
    written in constant memory (a tree of it would take gigabytes)."""
    kinds = list(graph.edge_counts)
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NAMESPACE}" version="{VERSION}">',
        f"  <meta{_attrs(lastmodifieddate=modified.isoformat()) if modified else ''}>",
        f"    <creator>{escape(_clean(creator))}</creator>",
        f"    <description>{escape(_clean(f'{graph.name}: {description}'))}</description>",
        "  </meta>",
        f'  <graph mode="static" defaultedgetype="'
        f'{"directed" if graph.directed else "undirected"}">',
        '    <attributes class="node">',
        '      <attribute id="posts" title="posts" type="integer"/>',
        "    </attributes>",
    ]
    if kinds:
        head.append('    <attributes class="edge">')
        head += [f"      <attribute{_attrs(id=kind, title=kind, type='integer')}/>"
                 for kind in kinds]
        head.append("    </attributes>")
    head.append(f'    <nodes count="{len(graph.labels)}">')
    yield _lines(head)
    posts = graph.posts.tolist()
    for first in range(0, len(graph.labels), _CHUNK):
        yield _lines(
            f'      <node id="n{i}"{_attrs(label=_clean(graph.labels[i]))}><attvalues>'
            f'<attvalue for="posts" value="{posts[i]}"/></attvalues></node>'
            for i in range(first, min(first + _CHUNK, len(graph.labels))))
    yield _lines(["    </nodes>", f'    <edges count="{len(graph.source)}">'])
    source, target, weight = (a.tolist() for a in (graph.source, graph.target, graph.weight))
    counts = [graph.edge_counts[kind].tolist() for kind in kinds]
    for first in range(0, len(source), _CHUNK):
        yield _lines(_edge(i, source[i], target[i], weight[i], kinds, counts)
                     for i in range(first, min(first + _CHUNK, len(source))))
    yield _lines(["    </edges>", "  </graph>", "</gexf>"])


_CHUNK = 1000


def _edge(index: int, source: int, target: int, weight: int, kinds: list[str],
          counts: list[list[int]]) -> str:
    line = f'      <edge id="e{index}" source="n{source}" target="n{target}" weight="{weight}"'
    if not kinds:
        return line + "/>"
    values = "".join(f'<attvalue for="{kind}" value="{values[index]}"/>'
                     for kind, values in zip(kinds, counts, strict=True))
    return f"{line}><attvalues>{values}</attvalues></edge>"


def _attrs(**values: str) -> str:
    return "".join(f" {key}={quoteattr(value)}" for key, value in values.items())


def _lines(lines: Iterable[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")
