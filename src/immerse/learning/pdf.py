"""One-page PDFs with reportlab: a take-home plan, and an event report."""

from __future__ import annotations

import io
from collections.abc import Sequence

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

from immerse.engine.catalogue import TOOL_BY_KEY
from immerse.learning.models import PlanVersion
from immerse.learning.models.plans import PLAN_FIELDS
from immerse.learning.selectors.reports import EventReport

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontSize=10, leading=13)
_LABEL = ParagraphStyle("label", parent=_BODY, fontName="Helvetica-Bold", spaceBefore=5)


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
        Paragraph(f"Take-home plan — {_text(person_name)}", _STYLES["Title"]),
        Paragraph(f"{_text(event_title)} · version {version.number} · "
                  f"{version.created_at:%d %b %Y}", _BODY),
        Spacer(1, 4 * mm),
    ]
    tools = ", ".join(TOOL_BY_KEY[key].label if key in TOOL_BY_KEY else key
                      for key in version.tools) or "—"
    for name, label in PLAN_FIELDS:
        story.append(Paragraph(label, _LABEL))
        story.append(Paragraph(_text(getattr(version, name)), _BODY))
        if name == "listen_first":
            story += [Paragraph("Tools", _LABEL), Paragraph(_text(tools), _BODY)]
    return _one_page(story, f"Plan: {version.goal[:60]}")


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, hAlign="LEFT", colWidths=[70 * mm, 30 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ]))
    return table


def report_pdf(*, report: EventReport, event_title: str) -> bytes:
    who = f" — {report.organization}" if report.organization else ""
    story: list[Flowable] = [
        Paragraph(f"Learning report: {_text(event_title)}{_text(who)}", _STYLES["Title"]),
        Paragraph(f"Attendees: {report.attendees} · take-home plans: {report.plans}", _BODY),
        Spacer(1, 4 * mm),
        Paragraph("Level movement (before the event → latest assessment)", _LABEL),
        _table([["Movement", "People"]]
               + [[k.replace("->", " → "), str(v)] for k, v in report.level_movement.items()]),
        Spacer(1, 4 * mm),
        Paragraph("Tools adopted (never/tried → monthly or more)", _LABEL),
        _table([["Tool", "People"]]
               + [[TOOL_BY_KEY[k].label if k in TOOL_BY_KEY else k, str(v)]
                  for k, v in report.tools_adopted.items()]),
    ]
    return _one_page(story, f"Report {report.event}")
