"""Charts: labels measured and wrapped, never cut off; sample sizes shown; levels on the
ladder over real time."""

from __future__ import annotations

import itertools
import re
from datetime import date

from immerse.common.chart_layout import (
    LABEL_SHARE,
    WIDTH,
    bar_layout,
    text_width,
    wrap,
)
from immerse.common.charts import bar_chart, level_chart, line_chart, nice_ticks
from immerse.engine.catalogue import LEVEL_LABELS

LONG = "Community space and round tables · Preparation"


def test_every_label_line_fits_its_column_so_nothing_is_clipped() -> None:
    """The feedback chart once showed "ommunity space": the label ran past the left edge."""
    layout = bar_layout([(LONG, 4.5), ("Story · Eye-opener", 3.0)], title="t")
    assert layout.label_width <= WIDTH * LABEL_SHARE
    for bar in layout.bars:
        assert " ".join(bar.lines).replace("…", "") in bar.label
        assert all(text_width(line) <= layout.label_width for line in bar.lines)
    assert layout.bars[0].lines == ("Community space and round", "tables · Preparation")
    assert wrap("Community space · Just do it", 120) == ("Community space ·", "Just do it")
    right = max(layout.bar_x + b.length + 6 + text_width(b.value_text) for b in layout.bars)
    assert right <= WIDTH


def test_a_label_too_long_for_two_lines_is_shortened_and_kept_whole_in_the_tooltip() -> None:
    label = "A very long session title that goes on and on about listening to customers"
    lines = wrap(label, 120)
    assert len(lines) == 2 and lines[-1].endswith("…")
    svg = str(bar_chart([(label, 2)], title="t"))
    assert f"<title>{label}: 2</title>" in svg


def test_short_labels_get_a_narrow_column_and_the_bars_the_room() -> None:
    layout = bar_layout([("PR", 1), ("HR", 2)], title="t")
    assert layout.label_width == 40.0  # the minimum, not a fixed 190


def test_sample_sizes_are_shown_and_small_samples_marked() -> None:
    """A 5.0 from one form must not look like the best session."""
    svg = str(bar_chart([("Workshop · Preparation", 4.2), ("Table · Just do it", 5.0)],
                        title="Average rating", max_value=5, counts=[24, 1]))
    assert ">4.2 · n=24</text>" in svg and ">5 · n=1 (few)</text>" in svg
    assert svg.count('<rect class="few"') == 1
    assert "Pale bars: fewer than 5 answers; read them as anecdotes." in svg


def test_compared_bars_show_both_values_and_a_legend() -> None:
    svg = str(bar_chart([("1 Eye-opener", 3), ("2 Baby steps", 5)], title="Levels",
                        compare=[6, 2], legend=("now", "at sign-up")))
    assert ">6 → 3</text>" in svg and ">2 → 5</text>" in svg
    assert svg.count('class="compare"') == 3  # two bars and the legend's swatch
    assert ">now</text>" in svg and ">at sign-up</text>" in svg


def test_level_chart_draws_the_ladder_and_dated_ticks_on_a_time_scale() -> None:
    svg = str(level_chart([(date(2026, 1, 1), 1), (date(2026, 2, 1), 2),
                           (date(2026, 12, 31), 4)], title="Level", labels=LEVEL_LABELS))
    assert [f"{n} {LEVEL_LABELS[n]}" for n in (1, 2, 3, 4)] == re.findall(
        r'text-anchor="end"[^>]*>(\d [^<]+)</text>', svg)[:4]
    assert ">1 Jan 2026</text>" in svg and ">31 Dec 2026</text>" in svg
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    # a month, then eleven: the gaps follow the calendar, not the number of points
    assert 9 < (xs[2] - xs[1]) / (xs[1] - xs[0]) < 12
    assert 'd="M' in svg and "H" in svg and "V" in svg  # the level steps, it does not slope


def test_level_chart_with_one_assessment_is_a_dot_on_the_ladder() -> None:
    svg = str(level_chart([(date(2026, 3, 3), 3)], title="Level", labels=LEVEL_LABELS))
    assert svg.count("<circle") == 1 and ">3 Mar 2026</text>" in svg


def test_chart_text_is_pinned_to_its_measured_width() -> None:
    """A fallback font wider than Helvetica is narrowed to fit, never spills off the edge."""
    svg = str(bar_chart([("Context & strategy talk · Eye-opener", 3.0)], title="t",
                        counts=[2]))
    pinned = re.findall(r'textLength="([\d.]+)" lengthAdjust="spacingAndGlyphs">([^<]+)<',
                        svg)
    texts = {text for _, text in pinned}
    assert {"Context &amp; strategy talk · Eye-opener", "3 · n=2 (few)"} <= texts
    assert all(float(length) > 0 for length, _ in pinned)


def test_axis_ticks_are_round_numbers_from_zero_to_at_least_the_top() -> None:
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(2) == [0, 1, 2]  # counts: no "1.5 posts"
    assert nice_ticks(0.4, whole=False) == [0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(1234) == [0, 500, 1000, 1500]
    assert nice_ticks(0) == [0, 1]


def test_posts_per_hour_has_a_y_axis_in_posts_and_dated_hours_that_do_not_collide() -> None:
    points = [(f"05 Mar {h:02d}:00", float(v)) for h, v in
              enumerate([0, 3, 12, 40, 37, 8, 2, 0, 1, 0, 0, 5, 9, 4])]
    svg = str(line_chart(points, title="Posts per hour"))
    ticks = re.findall(r'text-anchor="end"[^>]*>([\d,]+)</text>', svg)
    assert ticks == ["0", "10", "20", "30", "40"]  # the top of the axis is 40, not "max 40"
    assert "max" not in svg
    labels = re.findall(r'>(05 Mar \d\d:00)</text>', svg)
    assert labels[0] == "05 Mar 00:00" and labels[-1] == "05 Mar 13:00"
    assert 2 <= len(labels) <= 5
    xs = [float(x) for x in re.findall(r'<line class="tick" x1="([\d.]+)"', svg)]
    assert all(b - a >= 100 for a, b in itertools.pairwise(xs))  # room for "05 Mar 00:00"
    ys = [float(pair.split(",")[1]) for pair in
          re.search(r'points="([^"]+)"', svg).group(1).split()]
    assert min(ys) == min(float(y) for y in re.findall(r'class="grid"[^>]*y1="([\d.]+)"', svg))


def test_a_line_chart_with_one_point_or_none_still_draws() -> None:
    assert ">05 Mar 09:00</text>" in str(line_chart([("05 Mar 09:00", 4.0)], title="t"))
    assert "<svg" in str(line_chart([], title="t"))
