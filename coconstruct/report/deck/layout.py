"""The deck's slides placed on the reference deck (python-pptx): its layouts, its theme's fonts
and colours, every text in a text frame sized to fit (fit.py), charts as pictures with their
text alternative, the speaker notes."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg
from coconstruct.report.deck.blocks import (
    Block,
    Bullets,
    Cards,
    Cover,
    Deck,
    Grid,
    Picture,
    Slide,
)
from coconstruct.report.deck.fit import Measure, Para, Run, cut, halves, para, shortened

PT = 12700  # EMU in a point
INCH = 72 * PT
GAP = 0.2 * INCH
FOOTER = 0.5 * INCH
INSET = 5 * PT  # a text frame's margins, left and right
INSET_Y = 3 * PT
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
# theme colours: the reference deck's accents colour what the roadmap colours the same way
KIND_COLOURS = {
    "needs": "ACCENT_2",
    "warn": "ACCENT_2",
    "money": "ACCENT_3",
    "good": "ACCENT_5",
    "plan": "ACCENT_5",
    "results": "ACCENT_6",
}


def write(deck: Deck, reference: Path) -> bytes:
    """The deck as a .pptx file, on the layouts and theme of `reference`."""
    prs = _open(reference)
    _drop_slides(prs)
    page = _Page(prs, reference, deck.lang, Measure())
    page.cover(deck.cover)
    for slide in deck.slides:
        page.slide(slide)
    props = prs.core_properties
    props.title, props.subject, props.author = deck.title, deck.territory, deck.author
    props.language = LANGUAGE_TAGS.get(deck.lang, deck.lang)
    props.revision = 1
    props.last_modified_by = ""
    out = BytesIO()
    prs.save(out)
    return out.getvalue()


def _open(reference: Path) -> Any:
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        return Presentation(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CoconstructError(
            msg(
                "{file}: not a PowerPoint presentation (save it again from PowerPoint or "
                "Impress as .pptx)",
                file=reference,
            )
        ) from exc


def _drop_slides(prs: Any) -> None:
    """A reference deck's own slides (a sample, a cover) are not part of the roadmap's deck."""
    from pptx.oxml.ns import qn

    ids = prs.slides.element
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.get(qn("r:id")))
        ids.remove(slide_id)


def _placeholder(layout: Any, *types: Any) -> Any:
    return next((p for p in layout.placeholders if p.placeholder_format.type in types), None)


class _Page:
    """Lays slides out on the reference deck's layouts."""

    def __init__(self, prs: Any, reference: Path, lang: str, measure: Measure) -> None:
        from pptx.enum.lang import MSO_LANGUAGE_ID
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        self.prs, self.body = prs, measure
        tag = LANGUAGE_TAGS.get(lang, lang)
        self.language = next((m for m in MSO_LANGUAGE_ID if m.xml_value == tag), None)
        self.width, self.height = prs.slide_width, prs.slide_height
        layouts = list(prs.slide_layouts)
        with_title = [
            layout for layout in layouts if _placeholder(layout, PH.TITLE, PH.CENTER_TITLE)
        ]
        if not with_title:
            raise CoconstructError(
                msg(
                    "{file}: no slide layout has a title ({layouts})",
                    file=reference,
                    layouts=", ".join(layout.name for layout in layouts),
                ),
                hint=msg("`coconstruct templates export DIR` gives a fresh copy"),
            )
        self.cover_layout = next(
            (layout for layout in with_title if _placeholder(layout, PH.CENTER_TITLE)),
            with_title[0],
        )

        def others(layout: Any) -> int:
            kinds = (PH.BODY, PH.OBJECT, PH.PICTURE, PH.TABLE, PH.CHART, PH.SUBTITLE)
            return sum(p.placeholder_format.type in kinds for p in layout.placeholders)

        self.content_layout = min(
            (layout for layout in with_title if not _placeholder(layout, PH.CENTER_TITLE)),
            key=others,
            default=with_title[0],
        )

    # --- slides -------------------------------------------------------------------------------

    def cover(self, cover: Cover) -> None:
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        slide = self.prs.slides.add_slide(self.cover_layout)
        title = _placeholder(slide, PH.CENTER_TITLE, PH.TITLE)
        subtitle = _placeholder(slide, PH.SUBTITLE, PH.BODY)
        self._clear_placeholders(slide, keep=(title, subtitle))
        self._text(title, [para(cover.title, bold=True)], 40, 18)
        margin = title.left
        below = title.top + title.height
        if cover.kicker or cover.draft:
            top = max(margin // 2, title.top - int(0.9 * INCH))
            box = slide.shapes.add_textbox(title.left, top, title.width, title.top - top)
            words = " · ".join(w for w in (cover.kicker, cover.draft) if w)
            self._text(box, [para(words.upper(), bold=True)], 16, 9, colour="ACCENT_1")
        if cover.subtitle:
            if subtitle is None:
                subtitle = slide.shapes.add_textbox(title.left, below, title.width, int(INCH))
            _, used = self._text(subtitle, [para(cover.subtitle)], 24, 11)
            left, top, width = subtitle.left, subtitle.top, subtitle.width  # from its layout
            subtitle.left, subtitle.top, subtitle.width, subtitle.height = left, top, width, used
            below = top + used
        elif subtitle is not None:
            subtitle.element.getparent().remove(subtitle.element)
        foot_top = self.height - int(FOOTER) - int(0.3 * INCH)
        if cover.lines:
            top = below + int(0.2 * INCH)
            box = slide.shapes.add_textbox(title.left, top, title.width, foot_top - top)
            self._text(box, [para(line, after=0.3) for line in cover.lines], 18, 9)
        box = slide.shapes.add_textbox(title.left, foot_top, title.width, int(FOOTER))
        self._text(box, [para(cover.footer)], 12, 7, colour="TEXT_2")
        self._notes(slide, cover.notes)

    def slide(self, content: Slide) -> None:
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        slide = self.prs.slides.add_slide(self.content_layout)
        title = _placeholder(slide, PH.TITLE, PH.CENTER_TITLE)
        self._clear_placeholders(slide, keep=(title,))
        self._text(title, [para(content.title)], 30, 14)
        left, width = title.left, title.width
        top = title.top + title.height + int(0.1 * INCH)
        bottom = self.height - int(0.4 * INCH)
        if content.footer:
            foot = slide.shapes.add_textbox(left, bottom - int(FOOTER), width, int(FOOTER))
            self._text(foot, [para(content.footer)], 14, 8, colour="TEXT_2")
            bottom -= int(FOOTER)
        box = (left, top, width, bottom - top)
        if content.side is not None:
            share = 0.6 if isinstance(content.main, Picture) else 0.62
            main_width = int((width - GAP) * share)
            self._block(slide, content.main, (left, top, main_width, bottom - top))
            side_left = left + main_width + int(GAP)
            side = (side_left, top, left + width - side_left, bottom - top)
            self._block(slide, content.side, side, beside=True)
        else:
            self._block(slide, content.main, box)
        self._notes(slide, content.notes)

    def _clear_placeholders(self, slide: Any, keep: tuple[Any, ...]) -> None:
        """Placeholders the deck does not fill would show « Click to add text »."""
        kept = {id(p.element) for p in keep if p is not None}
        for placeholder in list(slide.placeholders):
            if id(placeholder.element) not in kept:
                placeholder.element.getparent().remove(placeholder.element)

    def _notes(self, slide: Any, notes: tuple[str, ...]) -> None:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = "\n".join(line for line in notes if line)

    # --- blocks -------------------------------------------------------------------------------

    def _block(
        self, slide: Any, block: Block, box: tuple[int, int, int, int], beside: bool = False
    ) -> None:
        """Place a block in `box`; `beside` a chart or a table, its text is smaller."""
        largest = 16 if beside else 24
        if isinstance(block, Picture):
            self._picture(slide, block, box)
        elif isinstance(block, Cards):
            self._cards(slide, block, box)
        elif isinstance(block, Grid):
            self._grid(slide, block, box)
        elif isinstance(block, Bullets):
            shape = slide.shapes.add_textbox(*box)
            paragraphs = [
                Para((Run("● ", scale=0.8), Run(item.text)), after=0.5) for item in block.items
            ]
            colours = [KIND_COLOURS.get(item.kind, "ACCENT_1") for item in block.items]
            self._text(shape, paragraphs, largest, 10, marks=colours)
        else:
            shape = slide.shapes.add_textbox(*box)
            paragraphs = [
                Para(
                    (Run(f"{line.label}{block.colon} ", bold=True), Run(line.text))
                    if line.label
                    else (Run(line.text),),
                    after=0.45,
                )
                for line in block.lines
            ]
            self._text(shape, paragraphs, largest - 2, 9)

    def _picture(self, slide: Any, picture: Picture, box: tuple[int, int, int, int]) -> None:
        left, top, width, height = box
        pixels_wide, pixels_high = picture.size
        scale = min(width / pixels_wide, height / pixels_high)
        shown_w, shown_h = int(pixels_wide * scale), int(pixels_high * scale)
        shape = slide.shapes.add_picture(
            BytesIO(picture.png),
            left + (width - shown_w) // 2,
            top + (height - shown_h) // 2,
            shown_w,
            shown_h,
        )
        shape.name = picture.name
        from pptx.oxml.ns import qn

        shape.element.find(qn("p:nvPicPr")).find(qn("p:cNvPr")).set("descr", picture.alt)

    def _cards(self, slide: Any, cards: Cards, box: tuple[int, int, int, int]) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        left, top, width, height = box
        count = len(cards.cards)
        columns = count if count <= 3 else (2 if count == 4 else 3)
        rows = -(-count // columns)
        card_w = (width - GAP * (columns - 1)) / columns
        card_h = min((height - GAP * (rows - 1)) / rows, 2.2 * INCH)
        for index, card in enumerate(cards.cards):
            row, column = divmod(index, columns)
            shape = slide.shapes.add_shape(
                MSO_SHAPE.ROUNDED_RECTANGLE,
                int(left + column * (card_w + GAP)),
                int(top + row * (card_h + GAP)),
                int(card_w),
                int(card_h),
            )
            shape.adjustments[0] = 0.08
            colour = KIND_COLOURS.get(card.kind, "ACCENT_1")
            _theme_fill(shape, colour)
            shape.line.fill.background()
            shape.shadow.inherit = False
            self._text(
                shape,
                [Para((Run(card.value, bold=True, scale=2.0),), after=0.2), para(card.label)],
                20,
                8,
                colour="TEXT_1",
                first_colour=colour,
            )

    def _grid(self, slide: Any, grid: Grid, box: tuple[int, int, int, int]) -> None:
        left, top, width, height = box
        header = bool(grid.columns)
        chosen = None
        for shown in range(min(grid.most, len(grid.rows)), 0, -1):
            more = grid.more(len(grid.rows) - shown) if shown < len(grid.rows) else ""
            for size in halves(18, 11 if shown > 1 else 8):
                widths = self._widths(grid, shown, width, size)
                if widths is None:
                    continue
                heights = self._row_heights(grid, shown, widths, size)
                below = self._more_height(more, width, size)
                if sum(heights) + below <= height:
                    chosen = (shown, size, heights, more, widths)
                    break
            if chosen:
                break
        if chosen is None:  # one row, the smallest size, still too tall: cut its longest cell
            widths = [width * share for share in grid.widths]
            chosen = (*self._squeezed(grid, widths, height), widths)
        shown, size, heights, more, widths = chosen
        rows = ([grid.columns] if header else []) + list(grid.rows[:shown])
        shape = slide.shapes.add_table(
            len(rows), len(grid.widths), left, top, int(width), int(sum(heights))
        )
        table = shape.table
        table.first_row = header
        for index, column_width in enumerate(widths):
            table.columns[index].width = int(column_width)
        from pptx.enum.text import PP_ALIGN

        for r, (values, row_height) in enumerate(zip(rows, heights, strict=True)):
            table.rows[r].height = int(row_height)
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = INSET
                cell.margin_top = cell.margin_bottom = INSET_Y
                frame = cell.text_frame
                frame.word_wrap = True
                paragraph = frame.paragraphs[0]
                run = paragraph.add_run()
                run.text = value
                run.font.size = int(size * PT)
                run.font.bold = (header and r == 0) or (c == 0 and not header)
                self._language(run)
                if c in grid.numeric and (r > 0 or not header):
                    paragraph.alignment = PP_ALIGN.RIGHT
        if more:
            top_more = top + int(sum(heights)) + int(0.05 * INCH)
            note = slide.shapes.add_textbox(left, top_more, int(width), top + height - top_more)
            self._text(note, [para(more)], size, 7, colour="TEXT_2", frame_inset=True)

    def _widths(self, grid: Grid, shown: int, width: float, size: float) -> list[float] | None:
        """The columns' widths at `size`: each as wide as its share, or as its longest word
        (no word is broken in a column of figures or labels), the first taking what is left;
        None when the first is left too narrow."""
        rows = ([grid.columns] if grid.columns else []) + list(grid.rows[:shown])
        need = []
        for c in range(len(grid.widths)):
            longest = max(
                (
                    self.body.width(word, size, bold=r == 0 and bool(grid.columns))
                    for r, values in enumerate(rows)
                    for word in values[c].split()
                ),
                default=0.0,
            )
            need.append(longest * PT + 2 * INSET + PT)
        out = [max(width * share, need[c]) for c, share in enumerate(grid.widths)]
        out[0] = width - sum(out[1:])
        if out[0] < max(need[0], width * grid.widths[0] * 0.6):
            return None
        return out

    def _row_heights(self, grid: Grid, shown: int, widths: list[float], size: float) -> list[float]:
        rows = ([grid.columns] if grid.columns else []) + list(grid.rows[:shown])
        out = []
        for r, values in enumerate(rows):
            bold_row = bool(grid.columns) and r == 0
            tallest = max(
                self.body.height(
                    [Para((Run(value, bold=bold_row or (c == 0 and not grid.columns)),))],
                    (widths[c] - 2 * INSET) / PT,
                    size,
                )
                for c, value in enumerate(values)
            )
            out.append(tallest * PT + 2 * INSET_Y + PT)
        return out

    def _more_height(self, more: str, width: float, size: float) -> float:
        if not more:
            return 0.0
        return self.body.height([para(more)], (width - 2 * INSET) / PT, size) * PT + 0.25 * INCH

    def _squeezed(self, grid: Grid, widths: list[float], height: float) -> tuple[Any, ...]:
        """One row whose text is cut (with « … ») until it fits: its whole text is in the
        notes."""
        row = list(grid.rows[0])
        more = grid.more(len(grid.rows) - 1) if len(grid.rows) > 1 else ""
        while True:
            trial = Grid(grid.columns, (tuple(row),), grid.widths, grid.more, grid.numeric)
            heights = self._row_heights(trial, 1, widths, 8)
            if sum(heights) + self._more_height(more, sum(widths), 8) <= height:
                return 1, 8, heights, more
            longest = max(range(len(row)), key=lambda i: len(row[i]))
            if len(row[longest]) <= 2:
                return 1, 8, heights, more
            row[longest] = cut(row[longest])
            grid = trial

    # --- text ---------------------------------------------------------------------------------

    def _text(
        self,
        shape: Any,
        paragraphs: list[Para],
        largest: float,
        smallest: float,
        colour: str | None = None,
        first_colour: str | None = None,
        marks: list[str] | None = None,
        frame_inset: bool = False,
    ) -> tuple[float, int]:
        """Fill a shape's text frame with `paragraphs` at the largest size that fits (cutting
        the longest paragraph, with « … », when even `smallest` does not); return that size and
        the height the text takes, margins included."""
        from pptx.enum.text import MSO_AUTO_SIZE

        measure = self.body
        frame = shape.text_frame
        frame.clear()
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = INSET
        frame.margin_top = frame.margin_bottom = INSET_Y
        width = (shape.width - 2 * INSET) / PT
        height = (shape.height - 2 * INSET_Y) / PT
        size = measure.size(paragraphs, width, height, largest, smallest)
        for _ in range(500):  # a text too long even at `smallest` loses words from its end
            if size is not None:
                break
            paragraphs = shortened(paragraphs)
            size = measure.size(paragraphs, width, height, largest, smallest)
        size = size or smallest
        for index, paragraph in enumerate(paragraphs):
            target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if paragraph.after and index < len(paragraphs) - 1:
                target.space_after = int(paragraph.after * size * PT)
            target.line_spacing = 1.0
            for number, run in enumerate(paragraph.runs):
                written = target.add_run()
                written.text = run.text
                written.font.size = int(size * run.scale * PT)
                written.font.bold = run.bold
                self._language(written)
                chosen = colour
                if first_colour and index == 0:
                    chosen = first_colour
                if marks and number == 0 and len(paragraph.runs) > 1:
                    chosen = marks[index]
                if chosen:
                    _theme_colour(written.font, chosen)
        used = measure.height(paragraphs, width, size) * PT + 2 * INSET_Y
        return size, int(used)

    def _language(self, run: Any) -> None:
        if self.language is not None:
            run.font.language_id = self.language


def _theme_colour(font: Any, name: str) -> None:
    from pptx.enum.dml import MSO_THEME_COLOR

    font.color.theme_color = getattr(MSO_THEME_COLOR, name)


def _theme_fill(shape: Any, name: str) -> None:
    from pptx.enum.dml import MSO_THEME_COLOR

    shape.fill.solid()
    shape.fill.fore_color.theme_color = getattr(MSO_THEME_COLOR, name)
    shape.fill.fore_color.brightness = 0.85
