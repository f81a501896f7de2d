"""Server-rendered SVG charts. Each chart sits beside a table with the same figures."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
LABEL_WIDTH = 190
CHART_WIDTH = 560


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str, percent: bool = False,
              max_value: float | None = None) -> SafeString:
    """Horizontal bars, one per (label, value); values are shares when ``percent``."""
    top = max_value or max((value for _, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    height = BAR_HEIGHT * len(rows) + 8
    bars = format_html_join("", (
        '<g transform="translate(0,{})"><text x="{}" y="15" text-anchor="end">{}</text>'
        '<rect x="{}" y="3" width="{}" height="{}" rx="3"></rect>'
        '<text x="{}" y="15" class="value">{}</text></g>'
    ), (
        (i * BAR_HEIGHT + 4, LABEL_WIDTH - 8, label, LABEL_WIDTH,
         round(span * value / top, 1), BAR_HEIGHT - 6,
         LABEL_WIDTH + round(span * value / top, 1) + 6,
         f"{value:.0%}" if percent else f"{value:g}")
        for i, (label, value) in enumerate(rows)
    ))
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, CHART_WIDTH, height, title, bars)


def line_chart(points: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """A simple line over evenly spaced points (e.g. posts per hour); labels first and last."""
    width, height, pad = CHART_WIDTH, 160, 24
    top = max((v for _, v in points), default=0) or 1
    step = (width - 2 * pad) / max(1, len(points) - 1)
    coords = " ".join(
        f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * v / top:.1f}"
        for i, (_, v) in enumerate(points))
    first = points[0][0] if points else ""
    last = points[-1][0] if points else ""
    return format_html(
        '<svg class="chart line" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<polyline fill="none" stroke-width="2" points="{}"></polyline>'
        '<text x="{}" y="{}">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>'
        '<text x="{}" y="14">max {}</text></svg>',
        title, width, height, title, coords, pad, height - 4, first, width - pad,
        height - 4, last, pad, f"{top:g}")
