"""The report names of ``kasir report`` as papers (PDF) and spreadsheets (XLSX)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kasir.book import seals
from kasir.savings import queries as savings
from kasir.uow import Book
from reports.member_papers import cooperative
from reports.pdf.table_report import Column, render_table_report
from reports.xlsx import write_table_xlsx

COLUMNS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "trial-balance": ("Neraca Saldo", (
        Column("code", "Kode", 16), Column("name", "Nama Akun", 90),
        Column("debit", "Debit", 32, amount=True), Column("credit", "Kredit", 32, amount=True))),
    "savings-balances": ("Nominatif Simpanan Anggota", (
        Column("member_id", "No. Anggota", 24), Column("name", "Nama", 62),
        Column("product", "Produk", 46), Column("balance", "Saldo", 30, amount=True))),
    "general-ledger": ("Buku Besar", (
        Column("date", "Tanggal", 20), Column("entry", "No. Jurnal", 24),
        Column("code", "Akun", 12), Column("member_id", "Anggota", 18),
        Column("memo", "Keterangan", 90), Column("debit", "Debit", 28, amount=True),
        Column("credit", "Kredit", 28, amount=True),
        Column("balance", "Saldo", 30, amount=True))),
}


def write(book: Book, name: str, rows: list[dict[str, str]], out: Path, fmt: str, *,
          as_of: dt.date | None = None, date_from: dt.date | None = None) -> None:
    title, columns = COLUMNS[name]
    if fmt == "xlsx":
        write_table_xlsx(out, title=title, columns=columns, rows=rows)
        return
    with book.read_session() as s:
        coop = cooperative(s)
        if name == "savings-balances":
            names = {p.code: p.name_id for p in savings.product_rows(s)}
            rows = [{**r, "product": names.get(r["product"], r["product"])} for r in rows]
    if date_from is not None:
        subtitle = f"{date_from.strftime('%d/%m/%Y')} s.d. " + \
            (as_of.strftime("%d/%m/%Y") if as_of else "sekarang")
    else:
        subtitle = "Per " + (as_of.strftime("%d/%m/%Y") if as_of else "hari ini")
    # the general ledger's sum of balances means nothing: no totals for it
    if name == "general-ledger":
        columns = tuple(Column(c.key, c.label, c.width_mm, c.amount and c.key != "balance")
                        for c in columns)
    seal = seals.record(book, f"laporan {name}")
    render_table_report(out, coop=coop, title=title, subtitle=subtitle, columns=columns,
                        rows=rows, printed_on=book.clock.today(), wide=name == "general-ledger",
                        seal=str(seal))
