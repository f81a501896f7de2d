"""Server-rendered SVG charts. Each chart sits beside a table with the same figures."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from immerse.common.chart_layout import (
    FONT_SIZE,
    SAFETY,
    Bar,
    BarLayout,
    bar_layout,
    text_width,
)

# A line chart's drawing width: near its size on a phone (about 370 px), so its 12 px
# text stays about 11 px there instead of shrinking to 8.
CHART_WIDTH = 420
# Named so the SVG's text matches the metrics chart_layout measures with.
CHART_FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str, percent: bool = False,
              max_value: float | None = None, counts: Sequence[int] | None = None,
              compare: Sequence[float] | None = None,
              legend: tuple[str, str] | None = None) -> SafeString:
    """Horizontal bars, one per (label, value); values are shares when ``percent``.

    ``counts`` shows the sample size of each bar (and pales the small ones); ``compare``
    draws a second, pale bar per row (``legend``: the names of both). Labels are measured
    and wrapped, never cut off (see ``common.chart_layout``).
    """
    return bar_svg(bar_layout(rows, title=title, percent=percent, max_value=max_value,
                              counts=counts, compare=compare, legend=legend))


def svg_text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "",
             size: float = FONT_SIZE) -> SafeString:
    """Text pinned to the width measured for it: ``textLength`` makes a browser whose font
    runs wider than Helvetica (a fallback such as DejaVu Sans) narrow the glyphs instead of
    spilling past the chart's edge, which clipped labels ("ommunity space")."""
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}"{} textLength="{}" '
        'lengthAdjust="spacingAndGlyphs">{}</text>',
        round(x, 1), round(y, 1), anchor,
        format_html(' class="{}"', css) if css else "",
        round(text_width(text, size) / SAFETY, 1), text)


def bar_svg(layout: BarLayout) -> SafeString:
    rows = format_html_join("", "{}", ((_bar_row(layout, bar),) for bar in layout.bars))
    y = layout.bars[-1].top + layout.bars[-1].height if layout.bars else 4
    extra = []
    if layout.legend:
        main, other = layout.legend
        x = layout.bar_x
        extra.append(format_html(
            '<g class="legend"><rect class="compare" x="{}" y="{}" width="12" height="10">'
            '</rect>{}<rect x="{}" y="{}" width="12" height="10"></rect>{}</g>',
            x, y + 4, svg_text(x + 16, y + 13, other), x + 26 + text_width(other), y + 4,
            svg_text(x + 42 + text_width(other), y + 13, main)))
        y += 21
    if layout.note:
        extra.append(svg_text(4, y + 13, layout.note, css="note", size=11))
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'font-family="{}" font-size="12" xmlns="http://www.w3.org/2000/svg">'
        '<title>{}</title>{}{}</svg>',
        layout.title, round(layout.width), layout.height, CHART_FONT, layout.title, rows,
        format_html_join("", "{}", ((part,) for part in extra)))


def _bar_row(layout: BarLayout, bar: Bar) -> SafeString:
    lines = format_html_join("", "{}", (
        (svg_text(layout.label_width, 12 + i * 15, line, anchor="end"),)
        for i, line in enumerate(bar.lines)))
    # With a comparison, its bar ("before") comes first and the value under it: 6 → 3.
    main_y = 18 if bar.compare is not None else 2
    rects = [("few" if bar.few else "bar", main_y, bar.length)]
    if bar.compare is not None:
        rects.append(("compare", 2, bar.compare_length))
    drawn = format_html_join("", '<rect class="{}" x="{}" y="{}" width="{}" height="14" '
                             'rx="2"></rect>', ((kind, layout.bar_x, y, length)
                                                for kind, y, length in rects if length > 0))
    return format_html(
        '<g transform="translate(0,{})"><title>{}: {}</title>{}{}{}</g>',
        bar.top, bar.label, bar.value_text, lines, drawn,
        svg_text(layout.bar_x + max(bar.length, bar.compare_length) + 6, main_y + 11,
                 bar.value_text, css="value"))


def line_chart(points: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """A line over evenly spaced points (e.g. posts per hour) on real axes: the y axis from
    0 with gridlines at round numbers, the x axis with up to five labels that do not
    collide (the first, the last and evenly spaced ones between)."""
    width, height, top, bottom, right = CHART_WIDTH, 190, 12, 40, 24
    ticks = nice_ticks(max((v for _, v in points), default=0))
    high = ticks[-1]
    left = round(max(text_width(_count_text(t)) for t in ticks) + 14, 1)
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(1, len(points) - 1)

    def y_of(value: float) -> float:
        return round(top + inner_h * (1 - value / high), 1)

    coords = " ".join(f"{left + i * step:.1f},{y_of(v)}" for i, (_, v) in enumerate(points))
    grid = _y_grid(((y_of(t), _count_text(t)) for t in ticks), left=left,
                   right=width - right, gap=6)
    labels = _x_ticks(((left + i * step, anchor, points[i][0])
                       for i, anchor in _spread(0, len(points) - 1, inner_w)),
                      baseline=height - bottom) if points else ""
    plot = format_html('<polyline fill="none" stroke-width="2" points="{}"></polyline>', coords)
    return _plot_svg("chart line", title, width, height, left=left, right=width - right,
                     baseline=height - bottom, grid=grid, ticks=labels, plot=plot)


def nice_ticks(top: float, *, most: int = 5, whole: bool = True) -> list[float]:
    """0 and round steps (1, 2 or 5 × a power of ten) up to the first one ≥ ``top``, at most
    ``most`` + 1 of them: the axis ends on a number a person reads at a glance. ``whole``:
    counts, so never a step below 1 (no "1.5 posts")."""
    if top <= 0:
        return [0.0, 1.0]
    rough = top / most
    power = 10 ** math.floor(math.log10(rough))
    unit = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    unit = max(unit, 1.0) if whole else unit
    # round(): 3 × 0.1 is 0.30000000000000004 in floating point, not a label.
    return [round(unit * i, 10) for i in range(math.ceil(top / unit - 1e-9) + 1)]


def _count_text(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 or value == 0 else f"{value:g}"


def level_chart(points: Sequence[tuple[date, int]], *, title: str,
                labels: Mapping[int, str]) -> SafeString:
    """A level over time on the real ladder: the y axis names the four rungs (``labels``:
    level → name), the x axis is a time scale with dated ticks, and the line steps, since a
    level holds until the next questionnaire. One point is drawn as a dot."""
    # Narrower than the bar charts: a phone shows it at about its own size, text readable.
    width, height, top, bottom, right = 420, 190, 12, 40, 24
    names = {level: f"{level} {name}" for level, name in labels.items()}
    left = round(max((text_width(name) for name in names.values()), default=0) + 16, 1)
    inner_w, inner_h = width - left - right, height - top - bottom
    rungs = sorted(names)
    low, high = rungs[0], rungs[-1]

    def y_of(level: int) -> float:
        return round(top + (high - level) * inner_h / max(1, high - low), 1)

    days = [point.toordinal() for point, _ in points]
    first, last = min(days, default=0), max(days, default=0)

    def x_of(day: int) -> float:
        if last == first:
            return round(left + inner_w / 2, 1)
        return round(left + (day - first) * inner_w / (last - first), 1)

    grid = _y_grid(((y_of(n), names[n]) for n in rungs), left=left, right=width - right,
                   gap=8)
    ticks = _x_ticks(((x_of(day), anchor, f"{date.fromordinal(day):%-d %b %Y}")
                      for day, anchor in _spread(first, last, inner_w)), baseline=height - bottom)
    coords = [(x_of(day), y_of(level)) for day, (_, level) in zip(days, points, strict=True)]
    dots = format_html_join("", (
        '<circle cx="{}" cy="{}" r="4.5"><title>{}: {}</title></circle>'),
        ((x, y, f"{point:%-d %b %Y}", names.get(level, str(level)))
         for (x, y), (point, level) in zip(coords, points, strict=True)))
    plot = format_html('<path class="steps" fill="none" stroke-width="2.5" d="{}"></path>{}',
                       _step_path(coords), dots)
    return _plot_svg("chart level-chart", title, width, height, left=left, right=width - right,
                     baseline=height - bottom, grid=grid, ticks=ticks, plot=plot)


def _plot_svg(css: str, title: str, width: float, height: float, *, left: float,
              right: float, baseline: float, grid: SafeString, ticks: SafeString | str,
              plot: SafeString) -> SafeString:
    """A plot on axes: the gridlines with their labels, the x axis and its ticks, then what
    is drawn on them (``plot``), in one titled SVG."""
    return format_html(
        '<svg class="{}" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'font-family="{}" font-size="12" xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '{}<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>{}{}</svg>',
        css, title, width, height, CHART_FONT, title, grid, left, right, baseline, baseline,
        ticks, plot)


def _y_grid(lines: Iterable[tuple[float, str]], *, left: float, right: float,
            gap: float) -> SafeString:
    """A gridline across the plot at each (y, label), the label ``gap`` left of the axis."""
    return format_html_join("", '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"></line>{}',
                            ((left, right, y, y, svg_text(left - gap, y + 4, text, anchor="end"))
                             for y, text in lines))


def _x_ticks(ticks: Iterable[tuple[float, str, str]], *, baseline: float) -> SafeString:
    """A tick under the x axis at each (x, text-anchor, label), the label below it."""
    return format_html_join("", '<line class="tick" x1="{}" x2="{}" y1="{}" y2="{}"></line>{}',
                            ((x, x, baseline, baseline + 5,
                              svg_text(x, baseline + 19, text, anchor=anchor))
                             for x, anchor, text in ticks))


def _step_path(coords: Sequence[tuple[float, float]]) -> str:
    """M x0,y0 H x1 V y1 H x2 V y2 …: the level holds until the next point, then changes."""
    if not coords:
        return ""
    parts = [f"M{coords[0][0]},{coords[0][1]}"]
    for x, y in coords[1:]:
        parts.append(f"H{x}V{y}")
    return " ".join(parts)


def _spread(first: int, last: int, inner_w: float) -> list[tuple[int, str]]:
    """Up to five evenly spaced values from ``first`` to ``last`` (both included) whose
    labels do not collide on an axis ``inner_w`` wide (about 110 units each), with the
    text-anchor that keeps the first and last labels inside the plot."""
    if last == first:
        return [(first, "middle")]
    count = max(2, min(5, int(inner_w // 110) + 1))
    values = sorted({round(first + (last - first) * i / (count - 1)) for i in range(count)})
    return [(value, "start" if i == 0 else "end" if i == len(values) - 1 else "middle")
            for i, value in enumerate(values)]
