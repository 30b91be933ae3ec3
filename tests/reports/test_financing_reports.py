"""The financing reports and papers on domain.md's worked example, to the rupiah: the
portfolio listing, collectibility, the collection sheet, the akad summary, the
installment card and the portfolio's quality as PDF."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import text

from factories import ACTOR, rp
from financing_books import paid_twice, signed
from kasir.book import seals
from kasir.clock import FixedClock
from kasir.financing import service as financing
from kasir.meetings import service as meetings
from meeting_books import GROUP, MEETING, build_meeting_book
from reports import financing_papers, tabular
from reports.pdf.installment_card import payments_by_installment

MARCH = dt.date(2026, 3, 10)


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def classes(book, day) -> dict[str, str]:  # noqa: ANN001
    return {r.number: k for r, k in financing.portfolio_quality(book, day).contracts}


def test_financing_rows_after_two_installments(members_book):
    n = paid_twice(members_book)
    rows = tabular.financing_rows(financing.contracts(members_book, MARCH),
                                  classes(members_book, MARCH))
    out = tabular.render(rows, tabular.FINANCING_COLUMNS, "tsv").splitlines()
    assert out[0] == ("contract_id\tkind\tmember_id\tdate\tprice\tpaid\toutstanding\t"
                      "deferred_margin\tdays_past_due\tcollectibility")
    assert out[1:] == [f"{n}\tmurabahah\tA-001\t2026-01-05\t5540000\t840000\t4200000\t"
                       "450000\t0\tLancar"]
    data = json.loads(tabular.render(rows, tabular.FINANCING_COLUMNS, "json"))
    assert data == [{"contract_id": n, "kind": "murabahah", "member_id": "A-001",
                     "date": "2026-01-05", "price": "5540000", "paid": "840000",
                     "outstanding": "4200000", "deferred_margin": "450000",
                     "days_past_due": "0", "collectibility": "Lancar"}]


def test_a_settled_contract_leaves_the_listing(members_book):
    n = paid_twice(members_book)
    financing.settle(members_book, ACTOR, n, MARCH)
    assert financing.contracts(members_book, MARCH) == []


def test_collectibility_rows_and_a_late_contract(members_book):
    paid_twice(members_book)
    rows = tabular.collectibility_rows(financing.portfolio_quality(members_book, MARCH))
    assert rows[0] == {"class": "Lancar", "contracts": "1", "outstanding": "3750000",
                       "ppap_rate": "0.50", "ppap_required": "18750"}
    assert [(r["class"], r["contracts"], r["ppap_rate"]) for r in rows[1:]] == [
        ("Kurang Lancar", "0", "10.00"), ("Diragukan", "0", "50.00"),
        ("Macet", "0", "100.00")]
    late = dt.date(2026, 7, 10)  # nothing paid since March: 5 April is 96 days past due
    rows = tabular.collectibility_rows(financing.portfolio_quality(members_book, late))
    assert rows[1] == {"class": "Kurang Lancar", "contracts": "1", "outstanding": "3750000",
                       "ppap_rate": "10.00", "ppap_required": "375000"}


def test_collection_sheet_rows_of_the_meeting(book):
    build_meeting_book(book)
    rows = tabular.collection_sheet_rows([meetings.sheet(book, GROUP, MEETING)])
    by = {r["member_id"]: r for r in rows}
    assert len(rows) == 10 and {r["group_id"] for r in rows} == {GROUP}
    assert by["M-06"] == {"group_id": GROUP, "member_id": "M-06", "name": "Yuyun Wahyuni",
                          "savings_due": "5000", "installment_due": "110000",
                          "arrears": "110000"}
    assert (by["M-02"]["installment_due"], by["M-02"]["arrears"]) == ("160000", "0")
    assert (by["M-09"]["savings_due"], by["M-09"]["installment_due"]) == ("5000", "0")


def test_payments_are_laid_on_the_oldest_installment_first(members_book):
    n = signed(members_book)
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    financing.pay(members_book, ACTOR, n, rp(500_000), dt.date(2026, 3, 9))
    paid = payments_by_installment(financing.contract_page(members_book, n, MARCH))
    assert paid[0].pieces == [(dt.date(2026, 2, 5), rp(420_000))]
    assert paid[1].pieces == [(dt.date(2026, 3, 9), rp(420_000))]
    assert paid[2].pieces == [(dt.date(2026, 3, 9), rp(80_000))]
    assert all(not p.pieces for p in paid[3:])


def test_an_early_settlement_closes_every_installment_left(members_book):
    n = signed(members_book)
    for month in range(2, 8):
        financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, month, 5))
    financing.settle(members_book, ACTOR, n, dt.date(2026, 7, 10))
    paid = payments_by_installment(financing.contract_page(members_book, n))
    assert paid[6].pieces == [(dt.date(2026, 7, 10), rp(2_250_000))]
    assert [p.note for p in paid[6:8]] == ["pelunasan", "dilunasi 10/07/2026"]
    assert {p.note for p in paid[8:]} == {"dilunasi 10/07/2026"}
    assert all(not p.pieces for p in paid[7:])


def test_akad_summary_discloses_cost_rates_and_early_settlement(members_book, tmp_path):
    members_book.run(lambda s: s.execute(text(
        "UPDATE financing_product SET tazir = 1000000 WHERE code = 'MRB'")))  # Rp10.000
    n = signed(members_book)
    out = tmp_path / "akad.pdf"
    financing_papers.write_akad(members_book, financing.contract_page(members_book, n), out)
    got = text_of(out)
    for expected in ("RINGKASAN AKAD MURABAHAH", f"No. akad {n}", "5 Januari 2026",
                     "Siti Aminah (A-001)", "mesin jahit", "Toko Jaya", "Rp5.000.000",
                     "Fatwa DSN-MUI 04/2000", "Rp540.000", "Rp5.540.000", "Rp500.000",
                     "Rp4.500.000", "Rp5.040.000", "Rp420.000", "12 kali bulanan",
                     "12,00% per tahun secara flat", "21,46% per tahun secara efektif",
                     "proporsional", "setelah angsuran ke-6", "Rp2.250.000", "Rp10.000",
                     "untuk dana kebajikan, bukan pendapatan koperasi", "05/01/2027",
                     "Anggota", "Ketua Kelompok", "Ketua", "Bendahara",
                     f"Segel buku {seals.current(members_book)}"):
        assert expected in got, expected
    assert len(PdfReader(out).pages) == 1


def test_akad_summary_under_annuity_settles_at_2_369_516(members_book, tmp_path):
    members_book.run(lambda s: s.execute(text(
        "UPDATE financing_product SET margin_method = 'annuity' WHERE code = 'MRB'")))
    n = signed(members_book)
    out = tmp_path / "akad.pdf"
    financing_papers.write_akad(members_book, financing.contract_page(members_book, n), out)
    got = text_of(out)
    assert "anuitas" in got and "Rp2.369.516" in got and "80.464" in got
    assert "tanpa denda keterlambatan" in got


def test_installment_card_shows_payments_and_what_is_left(members_book, tmp_path):
    n = signed(members_book)
    financing.pay(members_book, ACTOR, n, rp(420_000), dt.date(2026, 2, 5))
    financing.pay(members_book, ACTOR, n, rp(500_000), dt.date(2026, 3, 9))
    day = dt.date(2026, 4, 20)
    out = tmp_path / "kartu.pdf"
    financing_papers.write_card(members_book, financing.contract_page(members_book, n, day),
                                day, out)
    got = text_of(out)
    for expected in ("KARTU ANGSURAN", f"Murabahah No. {n}", "Harga beli", "Rp5.000.000",
                     "Uang muka", "Rp500.000", "09/03/2026", "80.000", "Paraf",
                     "Sisa angsuran", "Rp4.120.000", "Rp920.000", "Rp340.000 (15 hari)",
                     "Keadaan per 20 April 2026", "lunas",
                     f"Segel buku {seals.current(members_book)}"):
        assert expected in got, expected


def test_collection_sheet_pdf_with_tanggung_renteng(book, tmp_path):
    contracts = build_meeting_book(book)
    # at the meeting M-01 pays Yuyun's late installment for her
    financing.pay(book, ACTOR, contracts["M-06"][0], rp(110_000), MEETING, payer="M-01")
    book.clock = FixedClock(MEETING)
    out = tmp_path / "kolektif.pdf"
    financing_papers.write_collection_sheets(book, [meetings.sheet(book, GROUP, MEETING)], out)
    got = text_of(out)
    for expected in ("LEMBAR KOLEKTIF PERTEMUAN KELOMPOK", "Kelompok K07 Kenanga",
                     "Senin, 19 Januari 2026", "Yuyun Wahyuni", "Simpanan wajib",
                     "Yang dibayar", "Paraf", "Tanggung renteng", "Siti Aminah (M-01)",
                     "Rp110.000", "Ketua Kelompok", "Pendamping", "Bendahara / Kasir",
                     "Bu Ratna", f"Segel buku {seals.current(book)}"):
        assert expected in got, expected
    assert len(PdfReader(out).pages) == 1


def test_portfolio_quality_pdf(members_book, tmp_path):
    paid_twice(members_book)
    out = tmp_path / "kolektibilitas.pdf"
    financing_papers.write_portfolio(members_book,
                                     financing.portfolio_quality(members_book, MARCH), out)
    got = text_of(out)
    for expected in ("KUALITAS PEMBIAYAAN", "Per 10 Maret 2026", "Lancar", "0–90",
                     "3.750.000", "0,50%", "18.750", "PAR30", "0,00%", "NPF", "Sehat",
                     "PPAP wajib dibentuk", "Rp18.750", "PPAP telah dibentuk", "Rp0",
                     "Pengawas", f"Segel buku {seals.current(members_book)}"):
        assert expected in got, expected
