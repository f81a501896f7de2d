"""Readers for the external listening benchmark sets (test/bench data, never shipped).

Each reader returns plain lists; the split (dev/eval) is in the function name so no
training or tuning code can pick up an eval set by accident.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "listening"
LABEL_OF_TWEETEVAL = {0: "negative", 1: "neutral", 2: "positive"}


def require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"benchmark data absent: {path} (see /work/shared/data/README.md)")
    return path


def vader_ratings_dev(corpus: str = "tweets") -> tuple[list[str], np.ndarray]:
    """VADER ICWSM-2014 ground truth (dev): texts and mean human ratings in [-4, 4]."""
    path = require(DATA / "vader_icwsm2014" / f"{corpus}_GroundTruth.txt")
    texts, ratings = [], []
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            texts.append(parts[2])
            ratings.append(float(parts[1]))
    return texts, np.array(ratings)


def _tweeteval(split: str) -> tuple[list[str], list[str]]:
    folder = require(DATA / "tweeteval_sentiment")
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
    labels = (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()
    texts = texts[: len(labels)]
    return texts, [LABEL_OF_TWEETEVAL[int(x)] for x in labels]


def tweeteval_dev() -> tuple[list[str], list[str]]:
    """TweetEval sentiment validation split (dev)."""
    return _tweeteval("val")


def tweeteval_eval() -> tuple[list[str], list[str]]:
    """TweetEval sentiment test split (eval: report only)."""
    return _tweeteval("test")


def sentiment140_eval() -> tuple[list[str], list[str]]:
    """Sentiment140 hand-labelled test tweets (eval): polarity 0/2/4."""
    path = require(DATA / "sentiment140_test" / "testdata.manual.2009.06.14.csv")
    names = {"0": "negative", "2": "neutral", "4": "positive"}
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    return [r[5] for r in rows], [names[r[0]] for r in rows]


def debate08_eval() -> tuple[list[str], list[str]]:
    """Debate08 tweets with a 2/3 majority of 'negative' (1) or 'positive' (2) (eval)."""
    path = require(DATA / "debate08_shamma" / "debate08_sentiment_tweets.tsv")
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        ratings = [r for r in parts[5:] if r.strip()]
        for code, name in (("1", "negative"), ("2", "positive")):
            if ratings and ratings.count(code) * 3 >= len(ratings) * 2:
                texts.append(parts[2])
                labels.append(name)
    return texts, labels


def hcr_eval() -> tuple[list[str], list[str]]:
    """#hcr test tweets labelled positive/negative/neutral (eval)."""
    path = require(DATA / "hcr_speriosu" / "hcr-test.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    keep = [r for r in rows if len(r) > 4 and r[4].strip() in {"positive", "negative", "neutral"}]
    return [r[3] for r in keep], [r[4].strip() for r in keep]
