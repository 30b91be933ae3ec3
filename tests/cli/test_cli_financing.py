"""``kasir report financing | collectibility | collection-sheet`` and ``kasir financing
list | show | card | akad`` on a real book file: the figures, the papers, and every
refusal with its exit status and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from financing_books import paid_twice
from meeting_books import GROUP, build_meeting_book
from tests.cli.running import run

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def path(members_book, book_location) -> Path:  # noqa: ANN001
    """The worked example with February's and March's installments paid."""
    paid_twice(members_book)
    return Path(book_location)


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_report_financing_tsv_csv_json(path, capsys):
    code, out, _err = run(capsys, "report", "financing", "--book", str(path),
                          "--as-of", "2026-03-10")
    assert code == 0
    assert out.splitlines() == [
        "contract_id\tkind\tmember_id\tdate\tprice\tpaid\toutstanding\tdeferred_margin\t"
        "days_past_due\tcollectibility",
        "MRB000001\tmurabahah\tA-001\t2026-01-05\t5540000\t840000\t4200000\t450000\t0\tLancar"]
    code, out, _err = run(capsys, "report", "financing", "--book", str(path), "--as-of",
                          "2026-07-10", "--format", "csv")
    assert code == 0
    assert out.splitlines()[1] == ("MRB000001,murabahah,A-001,2026-01-05,5540000,840000,"
                                   "4200000,450000,96,Kurang Lancar")
    code, out, _err = run(capsys, "report", "financing", "--book", str(path), "--as-of",
                          "2026-03-10", "--format", "json")
    assert json.loads(out)[0]["deferred_margin"] == "450000"


def test_report_collectibility(path, capsys):
    code, out, _err = run(capsys, "report", "collectibility", "--book", str(path),
                          "--as-of", "2026-03-10")
    assert code == 0
    assert out.splitlines()[:2] == [
        "class\tcontracts\toutstanding\tppap_rate\tppap_required",
        "Lancar\t1\t3750000\t0.50\t18750"]


def test_report_pdfs_and_their_guards(path, tmp_path, capsys):
    for name, expected in (("collectibility", "KUALITAS PEMBIAYAAN"),
                           ("financing", "Nominatif Pembiayaan"),
                           ("collection-sheet", "LEMBAR KOLEKTIF")):
        out = tmp_path / f"{name}.pdf"
        code, _out, err = run(capsys, "report", name, "--book", str(path), "--as-of",
                              "2026-03-10", "--format", "pdf", "--out", str(out))
        assert code == 0, err
        assert expected in text_of(out)
        code, _out, err = run(capsys, "report", name, "--book", str(path), "--format", "pdf",
                              "--out", str(out))
        assert code == 1 and "already exists" in err
        code, _out, err = run(capsys, "report", name, "--book", str(path), "--format", "pdf",
                              "--out", str(path), "--force")
        assert code == 1 and path.stat().st_size > 0
    code, _out, err = run(capsys, "report", "collectibility", "--book", str(path),
                          "--format", "pdf")
    assert code == 2 and "--out" in err
    xlsx = tmp_path / "nominatif.xlsx"
    code, _out, err = run(capsys, "report", "financing", "--book", str(path), "--format",
                          "xlsx", "--out", str(xlsx))
    assert code == 0 and xlsx.stat().st_size > 0


def test_report_collection_sheet_per_group(book, book_location, tmp_path, capsys):
    build_meeting_book(book)
    code, out, _err = run(capsys, "report", "collection-sheet", "--book", str(book_location),
                          "--as-of", "2026-01-19", "--group", GROUP)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "group_id\tmember_id\tname\tsavings_due\tinstallment_due\tarrears"
    assert "K07\tM-06\tYuyun Wahyuni\t5000\t110000\t110000" in lines
    assert len(lines) == 11
    code, _out, err = run(capsys, "report", "collection-sheet", "--book", str(book_location),
                          "--as-of", "2026-01-19", "--group", "K99")
    assert code == 1 and "K99" in err
    code, _out, err = run(capsys, "report", "trial-balance", "--book", str(book_location),
                          "--group", GROUP)
    assert code == 2 and "--group" in err
    pdf = tmp_path / "k07.pdf"
    code, _out, err = run(capsys, "report", "collection-sheet", "--book", str(book_location),
                          "--as-of", "2026-01-19", "--group", GROUP, "--format", "pdf",
                          "--out", str(pdf))
    assert code == 0, err
    assert "Senin, 19 Januari 2026" in text_of(pdf)


def test_financing_list_and_show(path, capsys):
    code, out, _err = run(capsys, "financing", "list", "--book", str(path), "--as-of",
                          "2026-03-10")
    assert code == 0
    header, row = out.splitlines()
    assert header.split("\t")[:4] == ["contract_id", "kind", "member_id", "name"]
    assert row.split("\t")[:8] == ["MRB000001", "murabahah", "A-001", "Siti Aminah", "K01",
                                   "active", "2026-01-05", "5540000"]
    code, out, _err = run(capsys, "financing", "show", "MRB000001", "--book", str(path),
                          "--as-of", "2026-03-10", "--format", "json")
    assert code == 0
    page = json.loads(out)
    assert (page["cost"], page["margin"], page["flat_rate_year"],
            page["effective_rate_year"], page["settle_pays"]) == (
        "5000000", "540000", "12.00", "21.46", "3750000")
    assert [s["state"] for s in page["schedule"][:3]] == ["paid", "paid", "due"]
    code, out, _err = run(capsys, "financing", "show", "MRB000001", "--book", str(path))
    assert code == 0 and "seq\tdue_date\tamount" in out
    code, _out, err = run(capsys, "financing", "show", "MRB999999", "--book", str(path))
    assert code == 1 and "MRB999999" in err


def test_financing_card_and_akad(path, tmp_path, capsys):
    card, akad = tmp_path / "kartu.pdf", tmp_path / "akad.pdf"
    code, _out, err = run(capsys, "financing", "card", "MRB000001", "--book", str(path),
                          "--as-of", "2026-03-10", "--out", str(card))
    assert code == 0, err
    assert "KARTU ANGSURAN" in text_of(card) and "Rp840.000" in text_of(card)
    code, _out, err = run(capsys, "financing", "akad", "MRB000001", "--book", str(path),
                          "--out", str(akad))
    assert code == 0, err
    assert "21,46% per tahun secara efektif" in text_of(akad)
    before = akad.read_bytes()
    code, _out, err = run(capsys, "financing", "akad", "MRB000001", "--book", str(path),
                          "--out", str(akad))
    assert code == 1 and "already exists" in err and akad.read_bytes() == before
    code, _out, err = run(capsys, "financing", "akad", "MRB000001", "--book", str(path),
                          "--out", str(path), "--force")
    assert code == 1 and "book" in err
    code, _out, err = run(capsys, "financing", "card", "MRB000404", "--book", str(path),
                          "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "MRB000404" in err and not (tmp_path / "x.pdf").exists()
    code, _out, err = run(capsys, "financing", "card", "MRB000001", "--book", str(path))
    assert code == 2
