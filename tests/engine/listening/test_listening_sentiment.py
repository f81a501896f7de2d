"""Sentiment labels on clear cases, the shipped model file, and the CLI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.listening import sentiment
from immerse.engine.listening.sentiment import (
    LABELS,
    normalise_text,
    sentiment_labels,
    sentiment_scores,
)

CLEAR = [
    ("I love this conference, best keynote ever! :)", "positive"),
    ("Thank you all, what a wonderful, inspiring day 😍", "positive"),
    ("This is terrible. The wifi is broken and the talk was awful :(", "negative"),
    ("I hate waiting in this horrible queue, worst organisation ever", "negative"),
    ("The workshop starts at 14:00 in room B12.", "neutral"),
    ("Slides will be posted on the website tomorrow.", "neutral"),
]


@pytest.mark.parametrize(("text", "expected"), CLEAR)
def test_clear_examples(text: str, expected: str):
    assert sentiment_labels([text]) == [expected]


def test_batch_labels_align_with_single_calls_and_empty_is_neutral():
    texts = [t for t, _ in CLEAR] + ["", "   "]
    labels = sentiment_labels(texts)
    assert labels == [sentiment_labels([t])[0] for t in texts]
    assert labels[-2:] == ["neutral", "neutral"]
    assert sentiment_labels([]) == []


def test_scores_are_probabilities_and_compound_is_vaders():
    scores = sentiment_scores(["great talk!", "awful talk!"])
    assert np.allclose(scores.probabilities.sum(axis=1), 1.0)
    assert scores.compound[0] > 0.5 > -0.5 > scores.compound[1]
    assert scores.labels == ["positive", "negative"]
    assert [LABELS[k] for k in scores.probabilities.argmax(axis=1)] == scores.labels


def test_negation_flips_the_label():
    assert sentiment_labels(["the demo was good", "the demo was not good at all"]) == [
        "positive",
        "negative",
    ]


def test_normalise_masks_urls_and_users_and_unescapes():
    assert normalise_text("@bob sooooo good &amp; https://t.co/x") == "@user soo good & http"


def test_shipped_model_is_small_and_loads_without_pickle():
    path = Path(sentiment.__file__).with_name(sentiment.MODEL_FILE)
    assert path.stat().st_size < 2_000_000
    with np.load(path, allow_pickle=False) as arrays:
        assert arrays["weights"].shape == (sentiment.N_DENSE + sentiment.HASH_FEATURES, 3)
        assert arrays["bias"].shape == (3,)


def test_cli_writes_one_label_per_line_preserving_empty_lines(tmp_path: Path):
    source = tmp_path / "posts.txt"
    source.write_text("I love it!\n\nThe room is B12.\r\nWorst talk ever :(\n", encoding="utf-8")
    out = tmp_path / "labels.txt"
    result = CliRunner().invoke(
        app, ["listen", "sentiment", "--text-file", str(source), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "positive",
        "neutral",
        "neutral",
        "negative",
    ]


def test_cli_prints_to_stdout_and_keeps_a_last_line_without_newline(tmp_path: Path):
    source = tmp_path / "posts.txt"
    source.write_text("\n\nsuper happy", encoding="utf-8")
    result = CliRunner().invoke(app, ["listen", "sentiment", "--text-file", str(source)])
    assert result.exit_code == 0
    assert result.stdout == "neutral\nneutral\npositive\n"


def test_cli_rejects_missing_and_non_utf8_files(tmp_path: Path):
    runner = CliRunner()
    missing = runner.invoke(app, ["listen", "sentiment", "--text-file", str(tmp_path / "no")])
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n\xff\xfe broken\n")
    result = runner.invoke(app, ["listen", "sentiment", "--text-file", str(bad)])
    assert result.exit_code == 2
    assert "line 2: not UTF-8" in result.stderr


def test_labels_are_the_same_from_concurrent_threads():
    from concurrent.futures import ThreadPoolExecutor

    texts = [t for t, _ in CLEAR] * 20
    expected = sentiment_labels(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(sentiment_labels, [texts] * 4))
    assert results == [expected] * 4


def test_labels_score_each_distinct_text_once_and_match_uncached(monkeypatch) -> None:
    texts = ["Love this talk!", "Wifi is down again :(", "Room B12 at 3pm"] * 3
    uncached = sentiment.sentiment_scores(texts).labels
    monkeypatch.setattr(sentiment, "_LABEL_CACHE", {})
    scored: list[str] = []
    real = sentiment.sentiment_scores
    monkeypatch.setattr(sentiment, "sentiment_scores",
                        lambda batch: scored.extend(batch) or real(batch))
    assert sentiment.sentiment_labels(texts) == uncached
    assert sentiment.sentiment_labels(texts[:2]) == uncached[:2]
    assert scored == texts[:3]  # three distinct texts, each scored once, then from cache
