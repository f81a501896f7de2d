"""One-page PDFs with reportlab: a take-home plan, and an event report."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    KeepInFrame,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from immerse.common.chart_layout import (
    BAR,
    FONT,
    FONT_SIZE,
    LINE,
    BarLayout,
    bar_layout,
    text_width,
)
from immerse.engine.catalogue import TOOL_BY_KEY
from immerse.learning.models import PlanVersion
from immerse.learning.models.plans import PLAN_FIELDS
from immerse.learning.selectors.reports import ReportView

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontSize=10, leading=13)
_LABEL = ParagraphStyle("label", parent=_BODY, fontName="Helvetica-Bold", spaceBefore=5)
# The page's colours (site.css): bars, small samples and "before" bars, text.
_ACCENT, _PALE, _GREY = (colors.HexColor("#0b5cad"), colors.HexColor("#9dbbe0"),
                         colors.HexColor("#b8c2d1"))
_INK, _MUTED = colors.HexColor("#1d2433"), colors.HexColor("#525c6e")


def _text(value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br/>") or "—"


def _one_page(story: Sequence[Flowable], title: str) -> bytes:
    """Draw ``story`` on a single A4 page; KeepInFrame shrinks it to fit rather than spill."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    canvas.setTitle(title)
    width, height = A4
    frame = Frame(18 * mm, 16 * mm, width - 36 * mm, height - 32 * mm, showBoundary=0)
    frame.addFromList([KeepInFrame(frame._aW, frame._aH, list(story), mode="shrink")], canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def plan_pdf(*, version: PlanVersion, person_name: str, event_title: str) -> bytes:
    """The plan as one printable page: goal first, the three steps, success, risks."""
    story: list[Flowable] = [
        Paragraph(_("Take-home plan — %(name)s") % {"name": _text(person_name)}, _STYLES["Title"]),
        Paragraph(_("%(event)s · version %(number)s · %(date)s") % {
            "event": _text(event_title), "number": version.number,
            "date": f"{version.created_at:%d %b %Y}"}, _BODY),
        Spacer(1, 4 * mm),
    ]
    tools = ", ".join(TOOL_BY_KEY[key].label if key in TOOL_BY_KEY else key
                      for key in version.tools) or "—"
    for name, label in PLAN_FIELDS:
        story.append(Paragraph(label, _LABEL))
        story.append(Paragraph(_text(getattr(version, name)), _BODY))
        if name == "listen_first":
            story += [Paragraph(_("Tools"), _LABEL), Paragraph(_text(tools), _BODY)]
    return _one_page(story, _("Plan: %(goal)s") % {"goal": version.goal[:60]})


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, hAlign="LEFT", colWidths=[70 * mm, 30 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ]))
    return table


def _pdf_text(text: str) -> str:
    """The standard PDF fonts have no arrow; say it in words."""
    return text.replace(" → ", " to ")


def bar_drawing(layout: BarLayout, *, width: float) -> Drawing:
    """A bar chart drawn with reportlab shapes from the same layout as the page's SVG, scaled
    to ``width`` points (y runs upwards in PDF, downwards in SVG)."""
    top = layout.height
    shapes = Group()
    for bar in layout.bars:
        for i, line in enumerate(bar.lines):
            shapes.add(String(layout.label_width, top - bar.top - 12 - i * LINE,
                              _pdf_text(line), fontName=FONT, fontSize=FONT_SIZE,
                              textAnchor="end", fillColor=_INK))
        # As on the page: a comparison's ("before") bar first, the value beside the second.
        main_y = 18 if bar.compare is not None else 2
        rects = [(main_y, bar.length, _PALE if bar.few else _ACCENT)]
        if bar.compare is not None:
            rects.append((2, bar.compare_length, _GREY))
        for y_top, length, fill in rects:
            if length > 0:
                shapes.add(Rect(layout.bar_x, top - bar.top - y_top - BAR, length, BAR, rx=2,
                                ry=2, fillColor=fill, strokeColor=None))
        shapes.add(String(layout.bar_x + max(bar.length, bar.compare_length) + 6,
                          top - bar.top - main_y - 11, _pdf_text(bar.value_text),
                          fontName=FONT, fontSize=FONT_SIZE, fillColor=_MUTED))
    y = top - (layout.bars[-1].top + layout.bars[-1].height if layout.bars else 4)
    if layout.legend:
        main, other = layout.legend
        x = layout.bar_x
        for name, fill in ((other, _GREY), (main, _ACCENT)):
            shapes.add(Rect(x, y - 12, 12, 10, fillColor=fill, strokeColor=None))
            shapes.add(String(x + 16, y - 11, name, fontName=FONT, fontSize=FONT_SIZE,
                              fillColor=_INK))
            x += 26 + text_width(name)
        y -= 21
    if layout.note:
        shapes.add(String(layout.bar_x, y - 13, layout.note, fontName=FONT, fontSize=11,
                          fillColor=_MUTED))
    scale = width / layout.width
    shapes.scale(scale, scale)
    drawing = Drawing(width, layout.height * scale)
    drawing.add(shapes)
    return drawing


def report_pdf(*, view: ReportView, event_title: str) -> bytes:
    """The learning report on one A4 page, its charts drawn (the same as the page's)."""
    report = view.report
    who = f" — {_text(report.organization)}" if report.organization else ""
    width = A4[0] - 36 * mm
    figures = {"attendees": report.attendees, "reassessed": report.reassessed,
               "moved_up": view.moved_up, "plans": report.plans,
               "followed": report.plans_followed_up}
    story: list[Flowable] = [
        Paragraph(_("Learning report: %(event)s") % {"event": _text(event_title)} + who,
                  _STYLES["Title"]),
        Paragraph(ngettext(
            "%(attendees)s attendees · %(reassessed)s retook the questionnaire since the event "
            "began · %(moved_up)s moved up the ladder · %(plans)s take-home plan, %(followed)s "
            "followed up",
            "%(attendees)s attendees · %(reassessed)s retook the questionnaire since the event "
            "began · %(moved_up)s moved up the ladder · %(plans)s take-home plans, %(followed)s "
            "followed up", report.plans) % figures, _BODY),
    ]
    if not view.begun:
        story.append(Paragraph(_("The event has not begun yet: movement, tools and plans "
                                 "followed up fill in after it."), _BODY))
    story += [
        Paragraph(_("Levels at sign-up and now"), _LABEL),
        Paragraph(_("At sign-up: as the room inventory counts them. Now: each attendee's "
                    "latest questionnaire (at their sign-up level if not retaken)."), _BODY),
        bar_drawing(bar_layout([(label, now) for label, _signup, now in view.levels],
                               title=_("Levels at sign-up and now"),
                               compare=[signup for _label, signup, _now in view.levels],
                               legend=(_("now"), _("at sign-up"))), width=width),
        Paragraph(_("Level movement (the level they came with, then their latest, for those "
                    "who retook the questionnaire)"), _LABEL),
    ]
    story.append(bar_drawing(bar_layout(view.movement, title=_("Level movement")), width=width)
                 if view.movement else Paragraph(_("Nobody retook the questionnaire yet."), _BODY))
    story.append(Paragraph(_("Tools adopted (never or tried before, monthly or more since)"),
                           _LABEL))
    story.append(bar_drawing(bar_layout(view.tools, title=_("Tools adopted")), width=width)
                 if view.tools else Paragraph(_text(view.tools_note), _BODY))
    story.append(Paragraph(_("Plans followed up"), _LABEL))
    story.append(Paragraph(ngettext(
        "%(followed)s of %(plans)s take-home plan had a check-in on their steps after the event.",
        "%(followed)s of %(plans)s take-home plans had a check-in on their steps after the event.",
        report.plans) % figures, _BODY))
    if view.checkins:
        story.append(_table([[_("Steps checked in on"), _("Steps")]]
                            + [[label, str(n)] for label, n in view.checkins]))
    return _one_page(story, _("Report %(event)s") % {"event": report.event})
