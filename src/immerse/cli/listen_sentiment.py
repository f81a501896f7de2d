"""`immerse listen sentiment`: one sentiment label per input line.

    immerse listen sentiment --text-file tweets.txt --out labels.txt

Writes ``negative``, ``neutral`` or ``positive`` for each line of the input (empty lines are
``neutral``), so output line k labels input line k. Without ``--out`` labels go to stdout.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

_CHUNK = 2000
#: Read whole: a million tweets are ~150 MB of text.
MAX_TEXT_BYTES = 256 * 2**20


def sentiment(
    text_file: Annotated[
        Path,
        typer.Option("--text-file", help="UTF-8 text, one post per line."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write labels here, one per line (default: stdout)."),
    ] = None,
) -> None:
    """Label each line of a text file negative, neutral or positive."""
    # The bounded reader is kept off `immerse --help`'s path with the rest of the engine.
    from immerse.engine.formats.limits import InputTooLarge, read_bounded

    try:
        data = read_bounded(text_file, limit=MAX_TEXT_BYTES, what="text file")
    except InputTooLarge as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    except OSError as error:
        typer.echo(f"error: cannot read {text_file}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        typer.echo(f"error: {text_file}, line {line}: not UTF-8 ({error.reason})", err=True)
        raise typer.Exit(2) from error
    # Universal newlines (as Python's text mode reads): '\r\n', '\r' and '\n' end a line;
    # empty lines are kept so output line k labels input line k.
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()

    # The scorer (NumPy, Numba: ~0.5 s) is kept off `immerse --help`'s path.
    from immerse.engine.listening.sentiment import FAST_PATH_MIN_BATCH, sentiment_labels

    err = Console(stderr=True)
    if len(lines) >= FAST_PATH_MIN_BATCH:
        prepare_sentiment_scorer(err)
    labels: list[str] = []
    with Progress(transient=True, console=err, disable=len(lines) < 10_000) as bar:
        task = bar.add_task("Scoring sentiment", total=len(lines))
        for start in range(0, len(lines), _CHUNK):
            labels.extend(sentiment_labels(lines[start : start + _CHUNK]))
            bar.advance(task, min(_CHUNK, len(lines) - start))
    output = "".join(f"{label}\n" for label in labels)
    if out is None:
        sys.stdout.write(output)
        return
    try:
        out.write_text(output, encoding="utf-8")
    except OSError as error:
        typer.echo(f"error: cannot write {out}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from error


def prepare_sentiment_scorer(console: Console) -> None:
    """Load the sentiment kernels under a message (``ingest`` calls it too): the first use
    after an install compiles them, which would otherwise stall a progress bar silently."""
    # NumPy and Numba (~0.5 s) are kept off `immerse --help`'s path.
    from immerse.engine.listening.sentiment import prepare_fast_path

    with console.status("Loading the sentiment scorer (compiled once after an install, ~20 s)…"):
        prepare_fast_path()
