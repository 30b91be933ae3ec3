"""The printed papers as PDF: kuitansi, buku simpanan, buku kas harian.

Each renderer takes the plain data of :mod:`reports.papers` and a target (a
path or a binary file object). The PDFs embed DejaVu Sans, so they print the
same on every printer, and are byte-identical for the same data.
"""

from reports.pdf.cashbook import render_cash_book
from reports.pdf.passbook import render_passbook
from reports.pdf.receipt import render_receipt

__all__ = ["render_cash_book", "render_passbook", "render_receipt"]
