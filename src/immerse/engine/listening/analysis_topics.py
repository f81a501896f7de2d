"""Topics of a backchannel: TF-IDF + NMF over original posts, labelled by top terms.

For large streams the model is fitted on a seeded sample (``sample_size``): topics of a
conference backchannel are stable long before a million posts, and the dashboard needs the
labels and shares, not a topic per post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from immerse.engine.listening.columns import PostColumns

_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+|\bRT\b|&#?\w+;")


@dataclass(frozen=True, slots=True)
class Topics:
    """``labels[k]`` names topic k by its top terms; ``rows``/``topic`` assign sampled posts."""

    labels: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...]
    share: npt.NDArray[np.float64]  # fraction of assigned posts per topic
    rows: npt.NDArray[np.int64]  # rows of the posts the model saw
    topic: npt.NDArray[np.int64]  # their topic (argmax weight), -1 when no term matched
    #: Per topic, the row of the post that is most of that topic: words a person wrote,
    #: quoted beside the top terms, which alone read as keywords ("wifi · dropping · keeps").
    examples: tuple[int, ...] = ()


def topics(
    columns: PostColumns,
    *,
    n_topics: int = 8,
    sample_size: int = 10_000,
    terms_per_label: int = 3,
    stop_tags: Sequence[str] = (),
    seed: int = 0,
) -> Topics:
    """Cluster original posts into ``n_topics`` topics (same seed → same topics).

    ``stop_tags`` are hashtags every post carries (the event's own) and are ignored.

    >>> from immerse.engine.listening.columns import columns_from_rows
    >>> texts = ["coffee break now", "great coffee here", "keynote on genomes",
    ...          "genomes keynote slides"] * 5
    >>> c = columns_from_rows(ids=[str(i) for i in range(20)], authors=["a"] * 20,
    ...     created=list(range(20)), texts=texts, reply_to_ids=[None] * 20)
    >>> sorted(topics(c, n_topics=2, terms_per_label=1).labels)
    ['coffee', 'genomes']
    """
    # scikit-learn takes ~2 s to import: loaded on first use, not by every command and page.
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    candidates = np.flatnonzero(~columns.is_repost)
    rng = np.random.default_rng(seed)
    if len(candidates) > sample_size:
        candidates = np.sort(rng.choice(candidates, size=sample_size, replace=False))
    stop = {t.lstrip("#").casefold() for t in stop_tags}
    texts = [_NOISE.sub(" ", columns.texts[i]) for i in candidates]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(set(_english_stop_words()) | stop),
        token_pattern=r"(?u)\b[^\W\d_][\w\-]+\b",
        min_df=2,
        max_df=0.5,
        max_features=20_000,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing left after stop words and min_df
        return _no_topics(candidates)
    k = min(n_topics, matrix.shape[0], matrix.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=300)
    # The sample's matrices are small: one BLAS thread is several times faster than
    # threads contending for a shared machine's cores (0.13 s vs 0.7 s for 10k posts).
    # errstate: on a handful of posts the factorisation is exact and NMF's (unused)
    # reconstruction error is the square root of a rounding error below zero.
    with threadpool_limits(limits=1), np.errstate(invalid="ignore"):
        weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    terms = tuple(
        tuple(str(vocabulary[j]) for j in np.argsort(-row)[:terms_per_label])
        for row in model.components_
    )
    topic = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1).astype(np.int64)
    counts = np.bincount(topic[topic >= 0], minlength=k)
    share = counts / max(counts.sum(), 1)
    return Topics(tuple(" · ".join(t) for t in terms), terms, share, candidates, topic,
                  _examples(weights, topic, candidates))


def _examples(weights: npt.NDArray[np.float64], topic: npt.NDArray[np.int64],
              rows: npt.NDArray[np.int64]) -> tuple[int, ...]:
    """For each topic, the row of its post with the largest share of that topic's weight
    (normalised per post, so a long post touching many topics does not win); -1 if the
    topic has no post."""
    shares = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    found = []
    for k in range(weights.shape[1]):
        members = np.flatnonzero(topic == k)
        found.append(int(rows[members[np.argmax(shares[members, k])]]) if len(members) else -1)
    return tuple(found)


def _no_topics(rows: npt.NDArray[np.int64]) -> Topics:
    return Topics((), (), np.zeros(0), rows.astype(np.int64), np.full(len(rows), -1, np.int64))


def _english_stop_words() -> frozenset[str]:
    # scikit-learn takes ~2 s to import: loaded on first use, not by every command and page.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"amp", "http", "https", "rt", "via", "just", "like"}
