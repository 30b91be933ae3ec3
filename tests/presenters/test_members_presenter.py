"""The member register's and her page's calls, without Qt: finding, adding, changing her
details, reading her page and writing her passbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from factories import ACTOR, rp
from kasir.members import service as members
from kasir.savings import service as savings
from kasir.uow import Book
from ui.presenters.members_presenter import (
    MemberPagePresenter,
    MembersPresenter,
    read_wajib,
    status_choices,
)
from ui.presenters.outcome import Outcome

from .conftest import TODAY


def numbers(register: MembersPresenter) -> list[str]:
    return [r.number for r in register.rows]


def test_the_search_narrows_by_text_group_and_status(today_book: Book):
    register = MembersPresenter(today_book, ACTOR)
    assert register.group_choices() == [("semua", None), ("K01 Mawar", "K01"),
                                        ("K02 Melati", "K02")]
    assert status_choices() == [("semua", None), ("Aktif", "active"), ("Keluar", "exited")]
    register.search("", None, "active")
    assert numbers(register) == ["A-001", "A-002", "A-010", "A-011"]
    assert register.count_text() == "4 anggota"
    assert [r.number for r in register.search("siti")] == ["A-001", "A-010"]
    assert [r.number for r in register.search("", "K02")] == ["A-010", "A-011"]
    savings.exit_member(today_book, ACTOR, "A-010", TODAY)  # no savings: nothing paid out
    assert [r.number for r in register.search("", "K02", "active")] == ["A-011"]
    assert [r.number for r in register.search("", None, "exited")] == ["A-010"]
    assert register.count_text() == "1 anggota"


def test_more_rows_than_shown_are_said(today_book: Book, monkeypatch: pytest.MonkeyPatch):
    """One row more than the page shows is read, to say that typing more narrows."""
    register = MembersPresenter(today_book, ACTOR)
    monkeypatch.setattr("ui.presenters.members_presenter.LIMIT", 3)
    assert len(register.search()) == 3 and register.more
    assert register.count_text() == ("Ditampilkan 3 anggota pertama; ketik lebih banyak dari "
                                     "nama atau nomor untuk mempersempit.")
    assert len(register.search("A-01")) == 2 and not register.more


def test_a_new_member_with_the_suggested_number_is_saved_and_found(today_book: Book):
    register = MembersPresenter(today_book, ACTOR)
    suggested = register.suggestion()
    assert (suggested.number, suggested.joined) == ("A-012", TODAY)  # the book's day
    euis = replace(suggested, name="  Euis   Komariah ", group_code="K02",
                   nik="3602011234567890", gender="P", wajib_amount=rp(5_000))
    assert register.create(euis) == Outcome("Euis Komariah (A-012) sudah ditambahkan.", "ok")
    assert numbers(register) == [] and [r.number for r in register.search("A-012")] == \
        ["A-012"]
    d = savings.member_page(today_book, "A-012").detail
    assert (d.name, d.group_code, d.nik, d.joined, d.wajib_amount) == (
        "Euis Komariah", "K02", "3602011234567890", TODAY, rp(5_000))
    assert register.suggestion().number == "A-013"


def test_a_number_already_used_is_refused_in_indonesian_and_nothing_is_saved(
        today_book: Book):
    register = MembersPresenter(today_book, ACTOR)
    taken = replace(register.suggestion(), number="A-001", name="Euis Komariah")
    assert register.create(taken) == Outcome("Nomor anggota A-001 sudah dipakai.", "error")
    assert members.find_members(today_book, "Euis") == []
    assert register.create(replace(taken, number="A-020", nik="123")) == Outcome(
        "NIK harus 16 angka.", "error")
    assert members.find_members(today_book, "Euis") == []


def test_the_typed_wajib_is_read_or_the_reason_given():
    assert read_wajib("  ") == rp(0)
    assert read_wajib("5.000") == rp(5_000)
    refused = read_wajib("5,5,5")
    assert isinstance(refused, Outcome) and refused.kind == "error"
    assert "bukan jumlah uang" in refused.text


def test_her_page_shows_her_balances_and_wajib_arrears(today_book: Book):
    page = MemberPagePresenter(today_book, ACTOR)
    assert page.load("A-002") is None
    assert page.page is not None and page.page.as_of == TODAY
    balances = {a.product: a.balance for a in page.page.accounts}
    assert balances == {"pokok": rp(50_000), "wajib": rp(0), "sukarela": rp(40_000),
                        "mudharabah": rp(0)}
    assert page.account_row(None) == 0  # pokok: the account she holds most in
    assert page.account_row("sukarela") == 2
    details = page.details()
    # weekly Rp5.000 since 5 October: seven weeks to 20 November, nothing paid
    assert details["due"] == "7 periode: wajib Rp35.000, dibayar Rp0, tunggakan Rp35.000"
    assert details["wajib"] == "Rp5.000 per minggu"
    assert (details["joined"], details["address"], details["nik"]) == (
        "05/10/2026", "Sukamaju", "—")
    assert page.load_history("sukarela") is None
    assert page.history is not None and [r.code for r in page.history.rows] == ["SS"]
    sukarela = page.page.account("sukarela")
    assert sukarela is not None
    assert page.history_title(sukarela) == ("Riwayat Simpanan Sukarela (Wadiah): 1 transaksi, "
                                            "saldo Rp40.000")


def test_an_unknown_number_is_refused_and_her_page_stays(today_book: Book):
    page = MemberPagePresenter(today_book, ACTOR)
    page.load("A-002")
    assert page.load("A-999") == Outcome("Tidak ada anggota A-999.", "error")
    assert page.page is not None and page.page.number == "A-002"


def test_her_passbook_is_written_or_the_reason_said(today_book: Book, tmp_path: Path):
    page = MemberPagePresenter(today_book, ACTOR)
    page.load("A-002")
    path = page.passbook("sukarela", tmp_path, "A4")
    assert path == tmp_path / "Buku Simpanan" / "Buku simpanan A-002 sukarela A4.pdf"
    assert isinstance(path, Path) and path.read_bytes().startswith(b"%PDF")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    outcome = page.passbook("sukarela", blocked)
    assert isinstance(outcome, Outcome) and outcome.kind == "error"


def test_changing_her_details_keeps_her_number(today_book: Book):
    page = MemberPagePresenter(today_book, ACTOR)
    page.load("A-001")
    initial = page.edit_initial()
    assert initial is not None and (initial.number, initial.name) == ("A-001", "Siti Aminah")
    changed = replace(initial, phone="081234567890", group_code="K02")
    assert page.update(changed) == Outcome("Data Siti Aminah sudah disimpan.", "ok")
    assert page.reload() is None and page.page is not None
    d = page.page.detail
    assert (d.number, d.phone, d.group_code, d.joined) == (
        "A-001", "081234567890", "K02", dt.date(2026, 10, 5))
    assert page.details()["phone"] == "081234567890"
    refused = page.update(replace(changed, nik="12"))
    assert refused == Outcome("NIK harus 16 angka.", "error")
    assert savings.member_page(today_book, "A-001").detail.nik is None
