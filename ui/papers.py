"""The papers the screens print: a receipt, a passbook, the month's cash book, the
month-close sheet.

Each is written as a PDF file the treasurer can find again (Documents/Kasir/
Kuitansi, .../Buku Simpanan, .../Buku Kas unless another folder is set) and is
then opened in the system's PDF viewer to look at and print. The drawing is
``reports.member_papers``; this module only names and places the files, so it
needs no Qt. ``kasir`` cannot hold these: ``reports`` sits above ``kasir``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from kasir.book import Book
from kasir.receipts import service as receipts
from reports.member_papers import write_cash_book, write_passbook, write_receipt
from reports.month_close import write_month_close

RECEIPTS = "Kuitansi"
PASSBOOKS = "Buku Simpanan"
CASH_BOOKS = "Buku Kas"
MONTH_CLOSES = "Tutup Buku"


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


def month_closes_folder(base: Path) -> Path:
    return base / MONTH_CLOSES


def receipts_folder(base: Path) -> Path:
    return base / RECEIPTS


def passbooks_folder(base: Path) -> Path:
    return base / PASSBOOKS


def cash_books_folder(base: Path) -> Path:
    return base / CASH_BOOKS
