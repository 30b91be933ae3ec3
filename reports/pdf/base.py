"""What every printed paper shares: fonts, styles, page numbers, the
cooperative's header, the place-date line, signature blocks, safe writing.

Determinism: every document is made with ``invariant=1`` (fixed creation
date and file ID) and fixed metadata, so the same data gives the same bytes.
Fonts: DejaVu Sans, shipped in ``resources/fonts`` and embedded (subset) in
every PDF; the canvas starts in DejaVu too, so no base-14 Helvetica appears.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kasir.numbers import format_amount, format_date_long
from ledger.money import Money
from reports.papers import Cooperative

# --- fonts -----------------------------------------------------------------

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_COND = "DejaVuSansCondensed"
FONT_COND_BOLD = "DejaVuSansCondensed-Bold"

_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_COND: "DejaVuSansCondensed.ttf",
    FONT_COND_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_fonts_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register the shipped DejaVu fonts with ReportLab (once per process)."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        folder = files("resources") / "fonts"
        for name, filename in _FONT_FILES.items():
            with as_file(folder / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD,
                                      italic=FONT, boldItalic=FONT_BOLD)
        pdfmetrics.registerFontFamily(FONT_COND, normal=FONT_COND, bold=FONT_COND_BOLD,
                                      italic=FONT_COND, boldItalic=FONT_COND_BOLD)
        _fonts_ready = True


# --- colours (light enough for a cheap printer, dark enough to read) --------

INK = colors.black
GREY_TEXT = colors.Color(0.30, 0.30, 0.30)
RULE = colors.Color(0.45, 0.45, 0.45)
SHADE = colors.Color(0.90, 0.90, 0.90)
SHADE_LIGHT = colors.Color(0.955, 0.955, 0.955)
WATERMARK = colors.Color(0.86, 0.86, 0.86)

PRODUCER = "Kasir"


# --- text helpers ------------------------------------------------------------

def esc(text: str) -> str:
    """User text made safe for a ``Paragraph`` (names may hold ``&`` or ``<``)."""
    return escape(text or "")


def amount_cell(amount: Money) -> str:
    """A table figure; zero is left blank so the eye finds the real amounts."""
    return format_amount(amount) if amount else ""


def place_date(coop: Cooperative, day: dt.date) -> str:
    """``Lebak, 28 November 2026`` (just the date when the town is unknown)."""
    date_text = format_date_long(day)
    return f"{coop.place.strip()}, {date_text}" if coop.place.strip() else date_text


def fit_font_size(texts: Iterable[str], font: str, width: float,
                  sizes: Sequence[float]) -> float:
    """The largest of ``sizes`` at which every text fits in ``width`` points."""
    widest = max((pdfmetrics.stringWidth(t, font, 1) for t in texts), default=0.0)
    for size in sizes:
        if widest * size <= width:
            return size
    return sizes[-1]


def fit_columns(columns: Iterable[tuple[Iterable[str], float]], font: str,
                sizes: Sequence[float]) -> float:
    """The largest of ``sizes`` at which each column's texts fit its width."""
    return min((fit_font_size(texts, font, width, sizes) for texts, width in columns),
               default=sizes[0])


def style(name: str, size: float, *, font: str = FONT, leading: float | None = None,
          align: int = TA_LEFT, color: colors.Color = INK, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size,
                          leading=leading if leading is not None else round(size * 1.25, 2),
                          alignment=align, textColor=color, **kw)


# --- tables ---------------------------------------------------------------------------

class Grid(Table):
    """A ``Table`` whose cells default to DejaVu, not ReportLab's Helvetica
    (which would be listed, unembedded, even for an empty cell).

    The pieces of a table split across pages are made by calling the class
    again with the cell styles already set; those are kept as they are."""

    def __init__(self, data: object, *args: object, **kwargs: object) -> None:
        inherited = kwargs.get("cellStyles") is not None
        super().__init__(data, *args, **kwargs)
        if not inherited:
            self.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9)]))


# --- the cooperative's header ---------------------------------------------------

def coop_header(coop: Cooperative, width: float, *, scale: float = 1.0,
                right: Flowable | None = None, right_width: float = 0.0) -> Table:
    """Name (bold), badan hukum number and address, with an optional block at
    the right (copy label, title); a rule underneath."""
    name_style = style("coop-name", 13 * scale, font=FONT_BOLD)
    line_style = style("coop-line", 8.5 * scale, color=GREY_TEXT)
    left: list[Flowable] = [Paragraph(esc(coop.name), name_style)]
    if coop.legal_number.strip():
        left.append(Paragraph("Badan Hukum No. " + esc(coop.legal_number), line_style))
    if coop.address.strip():
        left.append(Paragraph(esc(coop.address), line_style))
    if right is not None:
        rows = [[left, right]]
        widths = [width - right_width, right_width]
    else:
        rows = [[left]]
        widths = [width]
    table = Grid(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * scale),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        *([("RIGHTPADDING", (0, 0), (0, 0), 4 * mm)] if right is not None else []),
    ]))
    return table


# --- signature blocks -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Signer:
    """One column of a signature block: ``caption`` (``Mengetahui,``) and
    ``title`` above the space, the name in parentheses below it."""

    title: str
    name: str = ""
    caption: str = ""
    meterai: bool = False


class MeteraiBox(Flowable):
    """Where the Rp10.000 meterai is stuck and signed across: a dashed box,
    set a little left of centre so the signature runs onto the paper."""

    def __init__(self, width: float, height: float, *, box_w: float = 30 * mm,
                 box_h: float = 20 * mm, scale: float = 1.0) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.box_w, self.box_h, self.scale = box_w * scale, box_h * scale, scale

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x = max(0.0, self.width / 2 - self.box_w * 0.85)
        y = (self.height - self.box_h) / 2
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8)
        c.setDash(3, 2)
        c.rect(x, y, self.box_w, self.box_h)
        c.setFillColor(GREY_TEXT)
        c.setFont(FONT, 7.5 * self.scale)
        cx = x + self.box_w / 2
        c.drawCentredString(cx, y + self.box_h / 2 + 1.5 * self.scale, "Meterai")
        c.drawCentredString(cx, y + self.box_h / 2 - 8 * self.scale, "Rp10.000")
        c.restoreState()


def signature_block(signers: Sequence[Signer], width: float, *, scale: float = 1.0,
                    space: float = 20 * mm, col_widths: Sequence[float] | None = None) -> Table:
    """Columns left to right: caption and title above, space to sign, ``( name )``."""
    caption_style = style("sig-caption", 9.5 * scale, align=TA_CENTER)
    title_style = style("sig-title", 9.5 * scale, font=FONT_BOLD, align=TA_CENTER)
    name_style = style("sig-name", 9.5 * scale, align=TA_CENTER)
    widths = list(col_widths) if col_widths else [width / len(signers)] * len(signers)
    captions = [Paragraph(esc(s.caption) or "&nbsp;", caption_style) for s in signers]
    titles = [Paragraph("<br/>".join(esc(part) for part in s.title.split("\n")), title_style)
              for s in signers]
    spaces = [MeteraiBox(w - 4, space * scale, scale=scale) if s.meterai else ""
              for s, w in zip(signers, widths, strict=True)]
    names = [Paragraph("(&nbsp;" + (esc(s.name) if s.name.strip() else "." * 32) + "&nbsp;)",
                       name_style) for s in signers]
    rows = [captions, titles, spaces, names]
    if not any(s.caption for s in signers):
        rows = rows[1:]
    table = Grid(rows, colWidths=widths,
                  rowHeights=[None] * (len(rows) - 2) + [space * scale, None])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


# --- running header of later pages ---------------------------------------------------

def _clip(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def draw_running_header(c: rl_canvas.Canvas, left: str, right: str, x0: float, x1: float,
                        y: float) -> None:
    """``left`` in bold and ``right`` in grey on one line, with a rule below;
    the right text is shortened with … rather than run into the left one."""
    c.saveState()
    left = _clip(left, FONT_BOLD, 9, (x1 - x0) * 0.6)
    c.setFont(FONT_BOLD, 9)
    c.setFillColor(INK)
    c.drawString(x0, y, left)
    room = x1 - x0 - pdfmetrics.stringWidth(left, FONT_BOLD, 9) - 6 * mm
    c.setFont(FONT, 8)
    c.setFillColor(GREY_TEXT)
    c.drawRightString(x1, y, _clip(right, FONT, 8, room))
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(x0, y - 2.5 * mm, x1, y - 2.5 * mm)
    c.restoreState()


# --- page numbers ---------------------------------------------------------------------

class NumberedCanvas(rl_canvas.Canvas):
    """Defers each page so the footer can say ``Halaman x dari y``."""

    footer_left = ""
    footer_margin = 12 * mm

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initialFontName", FONT)
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(GREY_TEXT)
        for i, text in enumerate(self.footer_left.split("\n") if self.footer_left else []):
            self.drawString(self.footer_margin, (8 - 3.5 * i) * mm, text)  # lines go down
        self.drawRightString(width - self.footer_margin, 8 * mm,
                             f"Halaman {self._pageNumber} dari {total}")
        self.restoreState()


def sealed_footer(first: str, printed_on: dt.date, seal: str) -> str:
    """The footer of a paper: what it is, then ``Dicetak 20/04/2026 · Segel buku …``."""
    second = f"Dicetak {printed_on.strftime('%d/%m/%Y')}"
    return f"{first}\n{second}" + (f" · Segel buku {seal}" if seal else "")


def numbered_canvas(footer_left: str = "", margin: float = 12 * mm) -> type[NumberedCanvas]:
    """A ``canvasmaker`` with the given text at the left of every footer."""
    return type("PaperCanvas", (NumberedCanvas,),
                {"footer_left": footer_left, "footer_margin": margin})


def plain_canvas(target: BinaryIO, pagesize: tuple[float, float], *, title: str,
                 author: str, subject: str = "") -> rl_canvas.Canvas:
    """A bare canvas for fixed forms, deterministic and starting in DejaVu."""
    register_fonts()
    c = rl_canvas.Canvas(target, pagesize=pagesize, invariant=1, initialFontName=FONT)
    set_metadata(c, title=title, author=author, subject=subject)
    return c


def set_metadata(c: rl_canvas.Canvas, *, title: str, author: str, subject: str = "") -> None:
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(PRODUCER)
    c.setProducer(PRODUCER)


def doc_metadata(*, title: str, author: str, subject: str = "") -> dict[str, object]:
    """Keyword arguments for a ``DocTemplate``: fixed metadata, ``invariant=1``."""
    return {"title": title, "author": author, "subject": subject, "creator": PRODUCER,
            "producer": PRODUCER, "invariant": 1, "initialFontName": FONT, "lang": "id-ID"}


def write_flowing(out: Path | str | BinaryIO, story: list[Flowable], *,
                  pagesize: tuple[float, float], margin: float, top: float, bottom: float,
                  title: str, author: str, footer: str) -> None:
    """A paper that flows over as many pages as it needs: ``story`` on ``pagesize`` with
    ``margin`` left and right, ``footer`` and "Halaman i dari n" at the foot of every page
    (aligned with the text), fixed metadata, written safely (``write_pdf``)."""
    from reportlab.platypus import SimpleDocTemplate

    def produce(target: BinaryIO) -> None:
        doc = SimpleDocTemplate(target, pagesize=pagesize, leftMargin=margin,
                                rightMargin=margin, topMargin=top, bottomMargin=bottom,
                                **doc_metadata(title=title, author=author))
        doc.build(story, canvasmaker=numbered_canvas(footer, margin=margin))

    write_pdf(out, produce)


# --- writing safely -----------------------------------------------------------------------

def write_pdf(out: Path | str | BinaryIO, produce: Callable[[BinaryIO], None]) -> None:
    """Run ``produce`` into memory, then put the finished bytes in place.

    For a path: write a temporary file beside the target and ``os.replace`` it
    into place, so a failure never leaves an empty or half-written PDF (nor
    spoils an older one). For a binary file object: write the finished bytes
    into it once they are complete.
    """
    buffer = io.BytesIO()
    produce(buffer)
    data = buffer.getvalue()
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        return
    target = Path(out)  # type: ignore[arg-type]
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with suppress(OSError):
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


__all__ = [
    "FONT", "FONT_BOLD", "FONT_COND", "FONT_COND_BOLD", "Grid", "INK", "GREY_TEXT", "RULE", "SHADE",
    "SHADE_LIGHT", "WATERMARK", "TA_CENTER", "TA_LEFT", "TA_RIGHT", "MeteraiBox",
    "NumberedCanvas", "Signer", "amount_cell", "coop_header", "doc_metadata",
    "draw_running_header", "esc",
    "fit_columns", "fit_font_size", "numbered_canvas", "sealed_footer", "place_date", "plain_canvas", "register_fonts",
    "set_metadata", "signature_block", "style", "write_pdf",
]
