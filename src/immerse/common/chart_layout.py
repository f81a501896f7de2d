"""Where everything of a chart goes, computed once and drawn twice: as SVG on the pages
(``common.charts``) and as reportlab drawings in the PDFs (``learning.pdf``).

Labels are measured, not guessed: widths come from the Helvetica metrics reportlab ships
(the charts name Helvetica and its metric twins, Arial and Liberation Sans, as their font),
with a margin for the fallback fonts. The label column is as wide as the longest label
needs, up to a share of the chart; a longer label wraps onto a second line and only then
is shortened, its full words kept for the tooltip and the table beside every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import ngettext
from reportlab.pdfbase.pdfmetrics import stringWidth

FONT = "Helvetica"
FONT_SIZE = 12.0
WIDTH = 480.0  # drawn at about this size beside its table on a desktop; a phone scales it
LINE = 15.0  # height of a line of label text
BAR = 14.0  # thickness of one bar
GAP = 8.0  # space between rows
LABEL_SHARE = 0.45  # the label column takes at most this share of the width
SAFETY = 1.12  # a fallback font may run this much wider than Helvetica
#: Below this many answers an average is drawn pale and marked "few": one 5.0 is not a
#: finding.
SMALL_SAMPLE = 5


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of ``text`` in user units, with room for a wider fallback font."""
    return float(stringWidth(text, FONT, size)) * SAFETY


def wrap(text: str, width: float, *, max_lines: int = 2) -> tuple[str, ...]:
    """``text`` in at most ``max_lines`` lines of ``width``; the last one shortened with an
    ellipsis when the words do not fit."""
    lines: list[str] = []
    words: list[str] = []
    for word in text.split():  # a separator stays at the end of its line, never starts one
        if word in ("·", "→", "–", "-") and words:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words or (lines and text_width(lines[-1]) > width):
        last = " ".join([lines[-1], *words]) if lines else ""
        while last and text_width(last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return tuple(lines)


@dataclass(frozen=True)
class Bar:
    label: str  # the full label (tooltip, table)
    lines: tuple[str, ...]  # the label as drawn
    value: float
    value_text: str
    top: float  # y of the row's top edge, from the chart's top
    height: float  # the row's height
    length: float  # the bar's length
    few: bool  # a small sample: drawn pale, marked
    compare: float | None = None  # a second bar beside it (e.g. "before")
    compare_length: float = 0.0
    compare_text: str = ""


@dataclass(frozen=True)
class BarLayout:
    title: str
    width: float
    height: float
    label_width: float  # the label column; bars start after it
    bars: tuple[Bar, ...]
    legend: tuple[str, str] | None = None  # (main, compare) series names
    note: str = ""  # e.g. what "few" means, drawn under the bars

    @property
    def bar_x(self) -> float:
        return self.label_width + 8


def _value_text(value: float, percent: bool) -> str:
    return f"{value:.0%}" if percent else f"{value:g}"


def bar_layout(rows: Sequence[tuple[str, float]], *, title: str, percent: bool = False,
               max_value: float | None = None, counts: Sequence[int] | None = None,
               small_sample: int = SMALL_SAMPLE, compare: Sequence[float] | None = None,
               legend: tuple[str, str] | None = None) -> BarLayout:
    """Horizontal bars, one row per (label, value).

    ``counts``: the sample size behind each value, shown as "n=…"; a row with fewer than
    ``small_sample`` is marked as few. ``compare``: a second value per row, drawn as a pale
    bar under the first (``legend`` names both series).
    """
    values = [value for _, value in rows] + list(compare or ())
    top = max_value or max(values, default=0) or 1
    texts = []
    for i, (_, value) in enumerate(rows):
        text = _value_text(value, percent)
        if counts is not None:
            few = counts[i] < small_sample
            text += f" · n={counts[i]}" + (" (few)" if few else "")
        if compare is not None:
            text = f"{_value_text(compare[i], percent)} → {text}"
        texts.append(text)
    value_room = max((text_width(t) for t in texts), default=0) + 10
    label_cap = WIDTH * LABEL_SHARE
    label_width = min(label_cap, max((text_width(label) for label, _ in rows), default=0))
    label_width = max(label_width, 40.0)
    span = max(60.0, WIDTH - label_width - 8 - value_room)
    bars: list[Bar] = []
    y = 4.0
    for i, (label, value) in enumerate(rows):
        lines = wrap(label, label_width)
        thickness = BAR * (2 if compare is not None else 1) + (2 if compare is not None else 0)
        height = max(LINE * len(lines), thickness) + GAP
        few = counts is not None and counts[i] < small_sample
        other = compare[i] if compare is not None else None
        bars.append(Bar(label, lines, value, texts[i], y, height,
                        round(span * value / top, 1), few, other,
                        round(span * other / top, 1) if other is not None else 0.0,
                        _value_text(other, percent) if other is not None else ""))
        y += height
    legend_room = LINE + 6 if legend else 0
    note = (ngettext("Pale bars: fewer than %(count)s answer; read them as anecdotes.",
                     "Pale bars: fewer than %(count)s answers; read them as anecdotes.",
                     small_sample) % {"count": small_sample}
            if counts is not None and any(b.few for b in bars) else "")
    height = y + legend_room + (LINE + 4 if note else 0) + 4
    return BarLayout(title, WIDTH, round(height, 1), round(label_width, 1), tuple(bars),
                     legend, note)
