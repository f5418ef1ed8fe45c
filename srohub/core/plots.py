"""Bar charts for pages, drawn by reportlab's charts (already used for PDFs) and inlined as SVG.

A chart is an addition to its table, never a replacement: the page keeps the table for the exact
numbers and for screen readers; the SVG carries a title and a one-line description (role "img"),
and its legend is HTML beside it. Colours keep 3:1 against white (WCAG 1.4.11).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Distinct for the common kinds of colour blindness and 3:1 or more against white.
BLUE, RED, ORANGE = "#1f5fa8", "#b03a2e", "#9a5b00"
WIDTH, HEIGHT = 560, 250
FONT_SIZE = 13  # about 11 px where a chart is drawn half a laptop screen wide
_CHART_NUMBERS = itertools.count(1)  # each chart's element ids differ from every other chart's on a page


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]  # one per category; None is drawn as nothing
    colour: str


@dataclass(frozen=True)
class Chart:
    title: str
    series: tuple[Series, ...]
    svg: SafeString


def bar_chart(*, title: str, categories: list[str], series: list[Series], stacked: bool = False) -> Chart:
    """Vertical bars per category, one per series side by side (or ``stacked``)."""
    from reportlab.graphics import renderSVG  # noqa: PLC0415 - loaded by the pages that plot
    from reportlab.graphics.charts.barcharts import VerticalBarChart  # noqa: PLC0415
    from reportlab.graphics.shapes import Drawing  # noqa: PLC0415
    from reportlab.lib import colors  # noqa: PLC0415

    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 44, 28, WIDTH - 54, HEIGHT - 40
    chart.data = [[value or 0 for value in s.values] for s in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = list(categories)
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = "Helvetica", FONT_SIZE
    if len(categories) > 6:  # months would overlap: slant them, with room below
        chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 30, "ne"
        chart.y, chart.height = 56, HEIGHT - 68
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    for index, s in enumerate(series):
        chart.bars[index].fillColor = colors.HexColor(s.colour)
        chart.bars[index].strokeColor = None
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.add(chart)
    svg = _inline(renderSVG.drawToString(drawing), title, _description(categories, series))
    return Chart(title, tuple(series), svg)


def _description(categories: list[str], series: list[Series]) -> str:
    parts = []
    for position, category in enumerate(categories):
        values = ", ".join(f"{s.label} {_number(s.values[position])}" for s in series)
        parts.append(f"{category}: {values}")
    return "; ".join(parts)


def _number(value) -> str:
    return "–" if value is None else f"{value:g}"


def _inline(document: str, title: str, description: str) -> SafeString:
    """reportlab's SVG document as an element of the page: no XML prolog, a width that follows the
    page (the viewBox keeps the proportions), and the title and description screen readers read."""
    svg = document[document.index("<svg") :]
    labelled = f'<svg width="100%" role="img" aria-label="{escape(title)}"'
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', labelled, svg, count=1)
    svg = svg.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
    svg = svg.replace("<desc>...</desc>", f"<desc>{escape(description)}</desc>", 1)
    number = next(_CHART_NUMBERS)
    svg = re.sub(r'id="(\w+)"', rf'id="\1-{number}"', svg).replace("url(#clip)", f"url(#clip-{number})")
    return mark_safe(svg)  # noqa: S308 - reportlab's markup, every text in it escaped by reportlab or here
