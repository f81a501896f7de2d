"""Sentiment scoring speed: reference Python path vs the Numba fast path (same output).

    .venv/bin/python bench/sentiment_speed.py [--repeat 3]

Prints µs/post for ``reference_sentiment_features`` and ``sentiment_features`` (and for
``sentiment_scores``, which adds the model, and ``sentiment_labels`` on unseen texts) on
TweetEval validation (dev) and on synthetic ASCII tweets in batches of 2,000 and 20,000,
the fast-path share, a check that both paths give the same matrix, and the first-call
time with a cold and a warm Numba cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.listening_data import tweeteval_dev  # noqa: E402
from immerse.engine.listening import sentiment  # noqa: E402
from immerse.engine.listening.sentiment_fast import fast_batch  # noqa: E402

WORDS = [
    "the", "keynote", "talk", "was", "great", "good", "bad", "awful", "love", "hate", "not",
    "very", "really", "so", "but", "never", "kind", "of", "least", "at", "wifi", "room",
    "coffee", "slides", "demo", "speaker", "session", "today", "tomorrow", "LOL", "amazing",
    "boring", ":)", ":(", "!!!", "??", "no", "nope", "sooo", "yes", "thanks",
]  # fmt: skip

SMALL_CALL = (
    "import time; t = time.perf_counter(); "
    "from immerse.engine.listening.sentiment import sentiment_labels; "
    "sentiment_labels(['great talk!', 'wifi down :(', 'room B12']); "
    "print(time.perf_counter() - t)"
)
FIRST_CALL = (
    "import time; t = time.perf_counter(); "
    "from immerse.engine.listening.sentiment_fast import fast_batch; "
    "fast_batch(['so good!'], normalise=True, features=True); "
    "print(time.perf_counter() - t)"
)


def synthetic_tweets(n: int, *, seed: int) -> list[str]:
    """ASCII tweets like 'word word ... #event @user12 http://t.co/x'."""
    rng = np.random.default_rng(seed)
    texts = []
    for k in range(n):
        words = rng.choice(WORDS, size=int(rng.integers(5, 25))).tolist()
        tail = f"#event{k % 7} @user{k % 100}" + (" http://t.co/x1" if k % 5 == 0 else "")
        texts.append(" ".join(words) + " " + tail)
    return texts


def best_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def same_matrix(texts: Sequence[str]) -> bool:
    fast = sentiment.sentiment_features(texts)
    slow = sentiment.reference_sentiment_features(texts)
    return bool(
        np.array_equal(fast.indptr, slow.indptr)
        and np.array_equal(fast.indices, slow.indices)
        and np.array_equal(fast.data, slow.data)
    )


def first_call_seconds(cache_dir: str, code: str = FIRST_CALL) -> float:
    """Seconds from import to the first result, in a fresh interpreter."""
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def row(name: str, texts: list[str], repeat: int) -> None:
    n = len(texts)
    ref = best_time(lambda: sentiment.reference_sentiment_features(texts), 1) / n * 1e6
    fast = best_time(lambda: sentiment.sentiment_features(texts), repeat) / n * 1e6
    kernel = best_time(lambda: fast_batch(texts, normalise=True, features=True), repeat) / n * 1e6
    scores = best_time(lambda: sentiment.sentiment_scores(texts), repeat) / n * 1e6
    sentiment._LABEL_CACHE.clear()  # labels of unseen texts: the ingest's call
    labels = best_time(lambda: sentiment.sentiment_labels(texts), 1) / n * 1e6
    share = fast_batch(texts, normalise=True, features=True).done.mean()
    print(
        f"| {name} | {n:,} | {ref:.1f} | {fast:.2f} | {ref / fast:.0f}x | {kernel:.2f} "
        f"| {scores:.2f} | {labels:.2f} | {share:.2%} | {same_matrix(texts)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cold, warm = first_call_seconds(cache), first_call_seconds(cache)
        small = first_call_seconds(cache, SMALL_CALL)
    print(f"first fast_batch call: {cold:.1f} s compiling (empty Numba cache), {warm:.2f} s from")
    print(f"the cache; sentiment_labels on 3 texts (reference path): {small:.2f} s incl. imports")
    fast_batch(synthetic_tweets(10, seed=0), normalise=True, features=True)  # load the cache
    sentiment.reference_sentiment_features(synthetic_tweets(10, seed=0))  # build VADER, sklearn
    print(
        "| texts | n | reference µs/post | fast µs/post | ratio | fast_batch µs/post "
        "| sentiment_scores µs/post | sentiment_labels µs/post | fast-path share | identical |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    try:
        row("TweetEval val (dev)", tweeteval_dev()[0], args.repeat)
    except FileNotFoundError as error:
        print(f"TweetEval skipped: {error}")
    for n in (2_000, 20_000):
        row(f"synthetic ASCII, batch {n:,}", synthetic_tweets(n, seed=n), args.repeat)


if __name__ == "__main__":
    main()
