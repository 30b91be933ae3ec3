"""The papers the screens print: a receipt, a passbook, the month's cash book, the
month-close sheet, and the financing papers (a contract's akad summary and installment
card, a group's collection sheet for its meeting, the portfolio's quality).

Each is written as a PDF file the treasurer can find again (Documents/Kasir/
Kuitansi, .../Buku Simpanan, .../Buku Kas, .../Pembiayaan unless another folder is
set) and is then opened in the system's PDF viewer to look at and print. The drawing
is ``reports.member_papers`` and ``reports.financing_papers``; this module only names
and places the files, so it needs no Qt. ``kasir`` cannot hold these: ``reports``
sits above ``kasir``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from kasir.book import Book
from kasir.financing import service as financing
from kasir.meetings import service as meetings
from kasir.receipts import service as receipts
from reports import financing_papers
from reports.member_papers import write_cash_book, write_passbook, write_receipt
from reports.month_close import write_month_close

RECEIPTS = "Kuitansi"
PASSBOOKS = "Buku Simpanan"
CASH_BOOKS = "Buku Kas"
MONTH_CLOSES = "Tutup Buku"
FINANCING = "Pembiayaan"
COLLECTION_SHEETS = "Lembar Kolektif"


def _safe(name: str) -> str:
    """A file name that every system accepts (no slashes, colons...)."""
    return re.sub(r"[^0-9A-Za-z._ -]+", "-", name).strip(" .-") or "kertas"


def _write(path: Path, draw: Callable[[Path], None]) -> Path:
    """Draw to ``path``; when it is open in a viewer that locks it (Windows), use
    "name (2).pdf" and so on instead of failing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, 50):
        target = path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")
        try:
            draw(target)
            return target
        except PermissionError:
            continue
    raise PermissionError(str(path))


def receipt_pdf(book: Book, receipt_id: int, folder: Path) -> Path:
    """The receipt as ``folder/Kuitansi 0001-KW-XI-2026.pdf``."""
    label = receipts.receipt_label(book, receipt_id)
    path = folder / f"Kuitansi {_safe(label.replace('/', '-'))}.pdf"
    return _write(path, lambda p: write_receipt(book, receipt_id, p))


def passbook_pdf(book: Book, number: str, product: str, folder: Path,
                 size: str = "A5") -> Path:
    """The member's passbook of one product, A5 (passbook) or A4."""
    path = folder / f"Buku simpanan {_safe(number)} {_safe(product)} {size}.pdf"
    return _write(path, lambda p: write_passbook(book, number, product, p, size=size))


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def cash_book_pdf(book: Book, day: dt.date, folder: Path) -> Path:
    """The cash book (buku kas harian) of the month of ``day``."""
    first, last = month_bounds(day)
    path = folder / f"Buku kas {first:%Y-%m}.pdf"
    return _write(path, lambda p: write_cash_book(book, first, last, p))


def month_close_pdf(book: Book, year: int, month: int, folder: Path) -> Path:
    """The month-close sheet (berita acara tutup buku) of one month."""
    path = folder / f"Tutup buku {year}-{month:02d}.pdf"
    return _write(path, lambda p: write_month_close(book, year, month, p))


def akad_pdf(book: Book, number: str, folder: Path) -> Path:
    """The akad summary (ringkasan akad) of one contract, as it stands today."""
    page = financing.contract_page(book, number, book.clock.today())
    path = folder / f"Ringkasan akad {_safe(number)}.pdf"
    return _write(path, lambda p: financing_papers.write_akad(book, page, p))


def card_pdf(book: Book, number: str, day: dt.date, folder: Path) -> Path:
    """The installment card (kartu angsuran) of one contract, paid up to ``day``."""
    page = financing.contract_page(book, number, day)
    path = folder / f"Kartu angsuran {_safe(number)} {day:%Y-%m-%d}.pdf"
    return _write(path, lambda p: financing_papers.write_card(book, page, day, p))


def collection_sheet_pdf(book: Book, group: str, day: dt.date, folder: Path) -> Path:
    """The blank collection sheet (lembar kolektif) of a group for its meeting on ``day``,
    printed before the meeting and filled in by hand during it."""
    sheet = meetings.sheet(book, group, day)
    path = folder / f"Lembar kolektif {_safe(group)} {day:%Y-%m-%d}.pdf"
    return _write(path, lambda p: financing_papers.write_collection_sheets(book, [sheet], p))


def portfolio_pdf(book: Book, day: dt.date, folder: Path) -> Path:
    """The portfolio's quality on ``day``: collectibility, PPAP, PAR30 and NPF."""
    quality = financing.portfolio_quality(book, day)
    path = folder / f"Kualitas pembiayaan {day:%Y-%m-%d}.pdf"
    return _write(path, lambda p: financing_papers.write_portfolio(book, quality, p))


def financing_folder(base: Path) -> Path:
    return base / FINANCING


def collection_sheets_folder(base: Path) -> Path:
    return base / COLLECTION_SHEETS


def month_closes_folder(base: Path) -> Path:
    return base / MONTH_CLOSES


def receipts_folder(base: Path) -> Path:
    return base / RECEIPTS


def passbooks_folder(base: Path) -> Path:
    return base / PASSBOOKS


def cash_books_folder(base: Path) -> Path:
    return base / CASH_BOOKS
