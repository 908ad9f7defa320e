"""The slide pack as a PowerPoint file: native, editable charts holding the slides' own figures.

Number formats: thousands are separated by a literal no-break space (a conditional format code), so counts read
« 1 514 » whatever the language of the Office that opens the file; decimal marks (M€, %) follow that language
(a comma in a French Office).
"""
from __future__ import annotations

import datetime as dt
import io
import math

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from quartiers.figures.style import MUTED_TEXT, PALETTE, TEXT
from quartiers.formatting import fr_date
from quartiers.model import Chart, Finding, format_value

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
SP = '"\u00a0"'  # a quoted no-break space inside a number format code
NUMBER_FORMATS = {
    "int": f"[>=1000000]#{SP}###{SP}##0;[>=1000]#{SP}##0;0",
    "eur": f'[>=1000000]0.0,,"\u00a0M€";[>=1000]#{SP}##0"\u00a0€";0"\u00a0€"',
    # one unit per label: Md€ from a billion (« 2,3 Md€ », as the slide's title says), else M€ with decimals below 10
    "meur": '[>=1000]0.0,"\u00a0Md€";[>=10]0"\u00a0M€";0.0#"\u00a0M€"',
    "pct": '0"\u00a0%"',  # shares mixing two years: whole per cent (metrics.mixed_share)
}
CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "pie": XL_CHART_TYPE.PIE}
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # layouts of python-pptx's default template


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, left: int, top: int, width: int, height: int, text: str, size: int, colour: str = TEXT,
          bold: bool = False, align=PP_ALIGN.LEFT) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)


TITLE_BOX = (WIDTH - 2 * MARGIN, Inches(1.1))
TITLE_SIZES = (30, 26, 22, 20, 18)  # points, largest first
TAKEAWAY_BOX = (WIDTH - 2 * MARGIN, Inches(0.7))
TAKEAWAY_SIZES = (18, 16, 14, 12)
CHAR_WIDTH = 0.52  # average width of a character in a bold sans-serif, as a share of the font size
LINE_HEIGHT = 1.2  # line height as a multiple of the font size


def lines_needed(text: str, size: int, width: int) -> int:
    """How many lines `text` takes at `size` points in a box `width` EMU wide (estimate, word wrap)."""
    per_line = max(int(width / Pt(size * CHAR_WIDTH)), 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used + need > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def title_size(text: str, box: tuple[int, int] = TITLE_BOX, sizes: tuple[int, ...] = TITLE_SIZES) -> int:
    """The largest size whose wrapped lines fit the box; the smallest size otherwise."""
    width, height = box
    for size in sizes:
        if lines_needed(text, size, width) * Pt(size * LINE_HEIGHT) <= height:
            return size
    return sizes[-1]


def _title(slide, text: str, size: int | None = None) -> None:
    """Into the layout's title placeholder (screen readers and the outline view find it there), at the largest
    size that fits its box."""
    shape = slide.shapes.title
    shape.left, shape.top, (shape.width, shape.height) = MARGIN, Inches(0.3), TITLE_BOX
    size = size or title_size(text)
    frame = shape.text_frame
    frame.text = text
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    para.runs[0].font.size, para.runs[0].font.bold, para.runs[0].font.color.rgb = Pt(size), True, _rgb(TEXT)


def _chart(slide, chart: Chart, top: int, height: int) -> None:
    data = CategoryChartData(number_format=NUMBER_FORMATS[chart.unit])
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], MARGIN, top, WIDTH - 2 * MARGIN, height, data)
    c = frame.chart
    c.has_title = False  # the slide's title states the finding
    c.font.size, c.font.color.rgb = Pt(14), _rgb(TEXT)
    plot = c.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = NUMBER_FORMATS[chart.unit], False
    labels.font.size = Pt(14 if len(chart.categories) <= 10 else 11)
    if chart.kind == "pie":
        labels.show_value = True  # no percentage: the number format would apply to it too
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        for i, (point, value) in enumerate(zip(plot.series[0].points, chart.series[0].values)):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(PALETTE[i % len(PALETTE)])
            # the slide's own words (« 1 Md€ », as its title), where a number format would read « 1,0 Md€ »
            point.data_label.text_frame.text = format_value(value, chart.unit)
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
        c.has_legend, c.legend.position, c.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
        return
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.gap_width = 60 if len(chart.categories) > 3 else 250  # a lone bar stays slim
    for i, series in enumerate(plot.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(PALETTE[i % len(PALETTE)])
        series.invert_if_negative = False
    c.has_legend = len(chart.series) > 1
    if c.has_legend:
        c.legend.position, c.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    c.value_axis.has_major_gridlines, c.value_axis.visible = False, False  # the data labels carry the values
    if chart.kind == "bar":
        c.category_axis.reverse_order = True  # first category (the largest) on top, as on screen
    c.category_axis.tick_labels.font.size = Pt(14 if len(chart.categories) <= 10 else 11)


def _kpis(slide, chart: Chart, top: int, height: int) -> None:
    """Big numbers in boxes, up to three a row, each with its label and source."""
    n = len(chart.categories)
    per_row = min(n, 3)
    rows = math.ceil(n / per_row)
    gap = Inches(0.25)
    width = (WIDTH - 2 * MARGIN - gap * (per_row - 1)) // per_row
    box_h = (height - gap * (rows - 1)) // rows
    for i, (label, text) in enumerate(zip(chart.categories, chart.texts)):
        left = MARGIN + (i % per_row) * (width + gap)
        box_top = top + (i // per_row) * (box_h + gap)
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, box_top, width, box_h)
        box.fill.background()
        box.shadow.inherit = False  # the default shape style casts a shadow, also on the text of an unfilled box
        box.line.color.rgb, box.line.width = _rgb(MUTED_TEXT), Pt(1)
        frame = box.text_frame
        frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
        caption = chart.captions[i] if i < len(chart.captions) else ""
        value_size = 40 if len(text) <= 12 else 28
        for j, (line, size, bold, colour) in enumerate([(label, 16, False, TEXT), (text, value_size, True, PALETTE[0]),
                                                         (caption, 10, False, MUTED_TEXT)]):
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.CENTER
            run = para.add_run()
            run.text = line
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)


def build_pptx(slides: list[Finding], filters_label: str, date: dt.date) -> bytes:
    """A 16:9 deck: a title slide naming the filters and the date, then one slide per Finding (title, finding,
    native chart or big numbers, source line, footer with the filters, the date and the slide number; caveats in
    the speaker notes)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    first = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _title(first, "Quartiers productifs — les chiffres clés", 40)
    first.shapes.title.top = Inches(2.2)
    subtitle = first.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(3.6), WIDTH - 2 * MARGIN, Inches(2)
    subtitle.text_frame.text = f"{filters_label}\n{fr_date(date.isoformat())}"
    for para in subtitle.text_frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT
        for run in para.runs:
            run.font.size, run.font.color.rgb = Pt(24), _rgb(MUTED_TEXT)
    first.notes_slide.notes_text_frame.text = ("Chiffres publics sourcés ; une valeur sans source est indiquée "
                                               "« non disponible ». Source de chaque chiffre en bas de diapositive.")
    body_top, source_top, footer_top = Inches(2.1), HEIGHT - Inches(0.85), HEIGHT - Inches(0.45)
    footer = f"Quartiers productifs — {filters_label} — {fr_date(date.isoformat())}"
    for number, s in enumerate(slides, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        _title(slide, s.title)
        size = title_size(s.takeaway, TAKEAWAY_BOX, TAKEAWAY_SIZES)
        _text(slide, MARGIN, Inches(1.4), *TAKEAWAY_BOX, s.takeaway, size, MUTED_TEXT)
        if s.chart.kind == "kpi":
            _kpis(slide, s.chart, body_top, source_top - body_top - Inches(0.15))
        elif s.chart.categories:
            _chart(slide, s.chart, body_top, source_top - body_top - Inches(0.1))
        else:
            _text(slide, MARGIN, body_top, WIDTH - 2 * MARGIN, Inches(1), "Aucune donnée à représenter.", 20)
        _text(slide, MARGIN, source_top, WIDTH - 2 * MARGIN, Inches(0.4), s.source, 11, MUTED_TEXT)
        _text(slide, MARGIN, footer_top, WIDTH - 2 * MARGIN - Inches(1.2), Inches(0.35), footer, 9, MUTED_TEXT)
        _text(slide, WIDTH - MARGIN - Inches(1.2), footer_top, Inches(1.2), Inches(0.35),
              f"{number} / {len(slides)}", 11, MUTED_TEXT, align=PP_ALIGN.RIGHT)
        slide.notes_slide.notes_text_frame.text = "\n".join(s.caveats)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()

