"""The stories and problems people bring, grouped by theme and named the way a person would.

Each theme gets a readable name ("Approval, policy and risk", "Knowing what to post"), the
sentence that says it best in a member's own words, quoted, and the catalogue tools its
members name. The name comes from a fixed list of the problems people bring to social-media
events (:data:`KEYWORD_THEMES`), matched on the members' words; a group that fits none is
named by its quote. Never a keyword triple such as "Office / goal / help".

From :data:`MIN_TEXTS_FOR_CLUSTERING` texts on, the texts are grouped by TF-IDF + k-means
(the number of themes, 2..``max_themes``, chosen by the best cosine silhouette); fewer
texts go straight to the named list. Blank texts belong to no theme.

>>> themes = problem_themes(["How do we measure ROI?", "No budget, no time for LinkedIn"])
>>> [(t.label, t.quote, t.about) for t in themes]
[('Measuring results', '“How do we measure ROI?”', ()), ('Time and budget', \
'“No budget, no time for LinkedIn”', ('social networking',))]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from immerse.engine.languages import grammar_for
from immerse.engine.wording import join_words, quote, tool_names, tools_mentioned

__all__ = [
    "KEYWORD_THEMES",
    "MIN_TEXTS_FOR_CLUSTERING",
    "OTHER",
    "Theme",
    "name_of",
    "problem_themes",
    "theme_name",
]

MIN_TEXTS_FOR_CLUSTERING = 6  # below this, clusters are noise: use the named themes
NAMED_SHARE = 0.4  # a group takes a theme's name when this share of its members fits it
OTHER = "Other"


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of texts. ``members`` are indices into the texts given to problem_themes;
    ``terms`` the words that hold it together; ``quote`` the member sentence that says it
    best, in quotation marks; ``about`` the catalogue tools its members name, most named
    first, as people write them."""

    label: str
    terms: tuple[str, ...]
    members: tuple[int, ...]
    quote: str = ""
    about: tuple[str, ...] = ()

    @property
    def about_text(self) -> str:
        """'video sharing, forums and wikis'."""
        return join_words(self.about)


# The problems people bring, each a readable name and the (plural-folded) words that say it.
# Earlier entries win ties. Matched on the same tokens as the clustering.
KEYWORD_THEMES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (label, frozenset(words.split()))
    for label, words in (
        ("Measuring results", "measure measuring metric roi analytic result kpi impact"),
        ("Leaders in public", "ceo executive leader founder director"),
        ("Management buy-in", "management manager boss leadership board buy-in approval "
                              "convince waste"),
        ("Approval, policy and risk", "policy privacy legal risk gdpr security guideline "
                                      "approve compliance lawyer"),
        ("Blocked at work", "block blocked firewall access ban banned"),
        ("Customer care in public", "customer complained complaint answer answering fan "
                                    "service"),
        ("Fear of negative comments", "afraid fear negative comment criticism troll backlash"),
        ("One voice for many people", "voice tone consistent consistency different"),
        ("Listening first", "listen listened listening monitor monitoring missed found"),
        ("Recruiting", "recruit recruiting hire hiring trainee talent vacancy"),
        ("Events and live questions", "event conference question live intern"),
        ("Reaching an audience", "audience follower engagement reach react reacted nobody "
                                 "respond silence"),
        ("Time and budget", "time budget resource staff cost money"),
        ("Knowing what to post", "content writing write idea post posting start first"),
        ("Choosing tools", "tool platform channel choose choice"),
    )
)


def problem_themes(texts: Sequence[str], *, max_themes: int = 8, seed: int = 0) -> list[Theme]:
    """Group the stories and problems people bring by theme, largest theme first."""
    if max_themes < 1:
        raise ValueError(f"max_themes must be at least 1, got {max_themes}")
    indexed = [(i, text) for i, text in enumerate(texts) if _tokens(text)]
    if len(indexed) < MIN_TEXTS_FOR_CLUSTERING or max_themes == 1:
        groups = _keyword_groups(indexed, max_themes)
    else:
        groups = _clustered_groups(indexed, max_themes, seed)
    return _named(groups, dict(indexed))


def _stem(word: str) -> str:
    # Plural folding only ("videos" → "video"); enough to merge the obvious variants
    # without a stemming library, and labels stay readable.
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tokens(text: str) -> list[str]:
    # scikit-learn takes ~2 s to import: loaded on first use, not by every command and page.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    return [_stem(w.strip("'-")) for w in words if w not in ENGLISH_STOP_WORDS and len(w) > 2]


def theme_name(label: str, language: str = "en") -> str:
    """A theme's label as a reader of ``language`` sees it: a named theme in that language's
    words (``Grammar.theme_names``), a quote (a theme named by its members) as written.

    >>> theme_name("Time and budget", "de"), theme_name("“Our wiki is dead”", "de")
    ('Zeit und Budget', '“Our wiki is dead”')
    """
    return grammar_for(language).theme_names.get(label, label)


def name_of(text: str) -> str | None:
    """The named theme one sentence fits best, if any.

    >>> name_of("Legal must approve each post"), name_of("Nice weather")
    ('Approval, policy and risk', None)
    """
    return _keyword_of(text)[1]


def _keyword_of(text: str) -> tuple[int, str | None]:
    """The named theme that fits a text best, with how many of its words the text uses."""
    tokens = set(_tokens(text))
    hits = [(len(tokens & words), -rank, label)
            for rank, (label, words) in enumerate(KEYWORD_THEMES)]
    best = max(hits)
    return (best[0], best[2]) if best[0] else (0, None)


# Members (best quote first), terms, and the name when the grouping already knows it.
Group = tuple[tuple[int, ...], tuple[str, ...], str | None]


def _keyword_groups(indexed: Sequence[tuple[int, str]], max_themes: int) -> list[Group]:
    members: dict[str, list[int]] = {}
    for index, text in indexed:
        members.setdefault(_keyword_of(text)[1] or OTHER, []).append(index)
    ranked = sorted(members.items(), key=lambda item: (item[0] == OTHER, -len(item[1]),
                                                       item[1][0]))
    if len(ranked) > max_themes:
        # Too many: the smallest themes go to "Other", so every text keeps a theme.
        kept = [item for item in ranked if item[0] != OTHER][: max_themes - 1]
        rest = sorted(i for label, ids in ranked if (label, ids) not in kept for i in ids)
        ranked = [*kept, (OTHER, rest)]
    return [(tuple(ids), _keyword_terms(label), label) for label, ids in ranked]


def _keyword_terms(label: str) -> tuple[str, ...]:
    return tuple(sorted(dict(KEYWORD_THEMES).get(label, frozenset())))


def _clustered_groups(indexed: Sequence[tuple[int, str]], max_themes: int,
                      seed: int) -> list[Group]:
    # scikit-learn takes ~2 s to import, NumPy ~20 MB of every process that imports it:
    # loaded on first use, not by every command and web worker.
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=_tokens)
    matrix = vectorizer.fit_transform([text for _, text in indexed]).toarray()
    vocabulary = vectorizer.get_feature_names_out()
    labels = _best_clustering(matrix, max_themes, seed, len(indexed))
    if labels is None:
        return _keyword_groups(indexed, max_themes)
    groups: list[Group] = []
    for cluster in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == cluster)
        # Terms from the members' mean, not the k-means centre: after an empty-cluster
        # relocation the centre can mix in terms no member of the theme uses.
        weight = matrix[rows].mean(axis=0)
        order = sorted(range(len(vocabulary)), key=lambda j: (-weight[j], vocabulary[j]))
        terms = tuple(str(vocabulary[j]) for j in order[:3] if weight[j] > 0)
        # Members closest to the group's mean first: the first one is its best quote.
        closeness = matrix[rows] @ weight
        ranked = [int(rows[k]) for k in np.argsort(-closeness, kind="stable")]
        groups.append((tuple(indexed[row][0] for row in ranked), terms, None))
    return groups


def _best_clustering(matrix: Any, max_themes: int, seed: int, n: int) -> Any:
    # scikit-learn takes ~2 s to import, NumPy ~20 MB of every process that imports it:
    # loaded on first use, not by every command and web worker.
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits

    best: tuple[float, Any] | None = None
    # A room brings at most a few hundred texts: thread start-up costs k-means ~25× more
    # than it saves here (measured: 2.4 s → 0.1 s for 9 texts on the shared 2-core box).
    with threadpool_limits(limits=1):
        # No more themes than distinct texts, or k-means warns and repeats clusters.
        distinct = len(np.unique(matrix, axis=0))
        for n_themes in range(2, min(max_themes, distinct, n - 1) + 1):
            model = KMeans(n_clusters=n_themes, n_init=10, random_state=seed).fit(matrix)
            if len(set(model.labels_)) < 2:
                continue
            score = float(silhouette_score(matrix, model.labels_, metric="cosine"))
            # Strictly better only: on a tie the smaller number of themes is kept.
            if best is None or score > best[0] + 1e-9:
                best = (score, model.labels_)
    return None if best is None else best[1]


def _named(groups: Sequence[Group], texts: dict[int, str]) -> list[Theme]:
    """Name each group (the named theme most of it fits, else its best quote), quote it,
    and list the tools it names; largest first, "Other" last."""
    themes: list[Theme] = []
    used: set[str] = set()
    for members, terms, known in sorted(groups, key=lambda g: (-len(g[0]), min(g[0]))):
        name = known or _fitting_name(members, texts, used)
        best = _best_quoted(members, texts, name)
        if name is None:
            name = quote(texts[best], 60)
        used.add(name)
        mentioned = Counter(key for i in members for key in tools_mentioned(texts[i]))
        about = tuple(tool_names(key for key, _ in mentioned.most_common(3)))
        themes.append(Theme(name, terms, tuple(sorted(members)), quote(texts[best], 120),
                            about))
    return sorted(themes, key=lambda t: (t.label == OTHER, -len(t.members), t.members[0]))


def _fitting_name(members: Sequence[int], texts: dict[int, str], used: set[str]) -> str | None:
    """The named theme that at least :data:`NAMED_SHARE` of the members fit, if not taken."""
    fits = Counter(label for i in members if (label := _keyword_of(texts[i])[1]))
    for label, n in fits.most_common():
        if n >= NAMED_SHARE * len(members) and label not in used:
            return label
    return None


def _best_quoted(members: Sequence[int], texts: dict[int, str], name: str | None) -> int:
    """The member that says the theme best: the first (closest to the group's centre) that
    fits the theme's name, else simply the first."""
    for i in members:
        if name is not None and _keyword_of(texts[i])[1] == name:
            return i
    return members[0]

