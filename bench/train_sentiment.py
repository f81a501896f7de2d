"""Train the shipped sentiment model on DEV data only and write ``sentiment_model.npz``.

Training data (all dev, see /work/shared/data/README.md): TweetEval sentiment validation
(2,000 tweets, 3 labels) plus the VADER ICWSM-2014 snippets (tweets, movie and Amazon
reviews, NYT editorials) whose mean human rating is turned into a label with a neutral band.
Hyper-parameters are chosen by 5-fold cross-validation on the TweetEval validation split
(macro-averaged recall, the task's metric); no eval file is read.

    .venv/bin/python bench/train_sentiment.py [--search]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import listening_data
from immerse.engine.listening import sentiment

CORPORA = ("tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets")
OUT = Path(sentiment.__file__).with_name(sentiment.MODEL_FILE)


def macro_recall(pred: np.ndarray, gold: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[gold == k] == k) for k in range(3)]))


def rating_labels(ratings: np.ndarray, band: float) -> np.ndarray:
    return np.where(ratings > band, 2, np.where(ratings < -band, 0, 1))


def load_dev() -> dict[str, tuple[sparse.csr_matrix, np.ndarray]]:
    """Features and targets per dev corpus (ratings for VADER's, label ids for TweetEval)."""
    data = {}
    texts, labels = listening_data.tweeteval_dev()
    ids = np.array([sentiment.LABELS.index(x) for x in labels])
    data["tweeteval"] = (sentiment.sentiment_features(texts), ids)
    for corpus in CORPORA:
        texts, ratings = listening_data.vader_ratings_dev(corpus)
        data[corpus] = (sentiment.sentiment_features(texts), ratings)
    return data


def fit(parts: list[tuple[sparse.csr_matrix, np.ndarray, float]], c: float) -> LogisticRegression:
    x = sparse.vstack([p[0] for p in parts], format="csr")
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([np.full(len(p[1]), p[2]) for p in parts])
    # Balanced class weights because the metric is macro recall.
    counts = np.bincount(y, weights=w, minlength=3)
    w = w * (counts.sum() / (3 * counts))[y]
    model = LogisticRegression(C=c, max_iter=500, tol=1e-3)
    model.fit(x, y, sample_weight=w)
    return model


def training_parts(
    data: dict[str, tuple[sparse.csr_matrix, np.ndarray]],
    corpora: tuple[str, ...],
    band: float,
    snippet_weight: float,
) -> list[tuple[sparse.csr_matrix, np.ndarray, float]]:
    return [
        (data[c][0], rating_labels(data[c][1], band), 1.0 if c == "tweets" else snippet_weight)
        for c in corpora
    ]


def cross_validate(data, corpora, band, snippet_weight, c) -> float:  # type: ignore[no-untyped-def]
    x_te, y_te = data["tweeteval"]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = []
    for train, test in folds.split(np.zeros(len(y_te)), y_te):
        parts = [
            *training_parts(data, corpora, band, snippet_weight),
            (x_te[train], y_te[train], 2.0),
        ]
        model = fit(parts, c)
        scores.append(macro_recall(model.predict(x_te[test]), y_te[test]))
    return float(np.mean(scores))


def transfer(data, band: float, c: float) -> float:  # type: ignore[no-untyped-def]
    """Train on the VADER tweets alone, score macro recall on all of TweetEval val."""
    x_te, y_te = data["tweeteval"]
    model = fit(training_parts(data, ("tweets",), band, 1.0), c)
    return macro_recall(model.predict(x_te), y_te)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--search", action="store_true", help="print the selection runs first")
    args = parser.parse_args()
    t0 = time.perf_counter()
    data = load_dev()
    print(
        f"features for {sum(len(v[1]) for v in data.values())} dev texts"
        f" in {time.perf_counter() - t0:.1f} s"
    )
    best = (("tweets",), 0.5, 1.0, 0.3)
    if args.search:
        # C and the corpora by in-domain CV: reviews and editorials lowered it (0.622 vs
        # 0.628). The neutral band of the VADER ratings by transfer: a model trained on the
        # VADER tweets alone scores TweetEval val better with band 0.5 (0.629 vs 0.586),
        # a fairer view of how labels made from ratings generalise than in-domain CV.
        for corpora, band, snippet_weight, c in [
            (("tweets",), 1.0, 1.0, 0.3),
            (("tweets",), 0.5, 1.0, 0.3),
            (CORPORA, 1.0, 0.3, 0.3),
        ]:
            score = cross_validate(data, corpora, band, snippet_weight, c)
            print(f"{score:.4f}  in-domain CV corpora={len(corpora)} band={band} C={c}")
        for band in (0.5, 1.0):
            print(f"{transfer(data, band, 1.0):.4f}  VADER tweets → TweetEval val, band={band}")
    corpora, band, snippet_weight, c = best
    print("chosen:", best)
    x_te, y_te = data["tweeteval"]
    model = fit([*training_parts(data, corpora, band, snippet_weight), (x_te, y_te, 2.0)], c)
    weights = model.coef_.T.astype(np.float32)
    shipped = sentiment.SentimentModel(weights=weights, bias=model.intercept_.astype(np.float64))
    np.savez_compressed(OUT, **sentiment.model_to_arrays(shipped))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
