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
    "financing": ("Nominatif Pembiayaan", (
        Column("contract_id", "No. Akad", 20), Column("kind", "Jenis", 18),
        Column("member_id", "Anggota", 15), Column("name", "Nama", 42),
        Column("date", "Tgl Akad", 18), Column("price", "Harga/Plafon", 24, amount=True),
        Column("paid", "Dibayar", 22, amount=True),
        Column("outstanding", "Sisa Piutang", 24, amount=True),
        Column("deferred_margin", "MMD", 22, amount=True),
        Column("days_past_due", "Hari", 10), Column("collectibility", "Kolektibilitas", 26))),
    # their papers are their own (reports.pdf.portfolio, reports.pdf.collection_sheet);
    # these are their spreadsheets
    "collectibility": ("Kolektibilitas Pembiayaan", (
        Column("class", "Kelas", 50), Column("contracts", "Jumlah Akad", 20),
        Column("outstanding", "Sisa Pokok", 32, amount=True),
        Column("ppap_rate", "Tarif PPAP (%)", 20),
        Column("ppap_required", "PPAP Wajib", 32, amount=True))),
    "collection-sheet": ("Lembar Kolektif", (
        Column("group_id", "Kelompok", 16), Column("member_id", "No. Anggota", 22),
        Column("name", "Nama", 60), Column("savings_due", "Simpanan Wajib", 28, amount=True),
        Column("installment_due", "Angsuran", 28, amount=True),
        Column("arrears", "Tunggakan", 28, amount=True))),
}
WIDE = ("general-ledger", "financing")
KINDS = {"murabahah": "Murabahah", "qard": "Qard"}


def _short(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


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
    if name == "financing":  # the paper speaks Indonesian: Murabahah, 05/01/2026
        rows = [{**r, "kind": KINDS.get(r["kind"], r["kind"]),
                 "date": _short(r["date"])} for r in rows]
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
                        rows=rows, printed_on=book.clock.today(), wide=name in WIDE,
                        seal=str(seal))
