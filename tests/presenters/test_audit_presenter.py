"""The auditor's screen without Qt: every change, filtered by person, record and words."""

from __future__ import annotations

import datetime as dt

from kasir.actor import Actor
from kasir.members import service as members
from kasir.members.service import MemberInput
from ui.presenters.audit_presenter import AuditPresenter, action_text, change_text

SITI = Actor("siti", "bendahara", "LAPTOP-KANTOR")


def test_the_trail_filtered_by_person_record_and_words(today_book):
    members.update_member(today_book, SITI, MemberInput(
        "A-001", "Siti Aminah Binti Ali", dt.date(2026, 10, 5), "K01"))
    page = AuditPresenter(today_book)
    users, tables = page.choices()
    assert "siti" in users and "anggota" in {value for _text, value in tables}
    assert page.load(user="siti") == "1 perubahan"
    row = page.rows[0]
    assert (row.user, row.computer, row.table, row.key) == ("siti", "LAPTOP-KANTOR", "anggota",
                                                           "A-001")
    assert action_text(row) == "diubah"
    assert "name: Siti Aminah Binti Ali" in change_text(row)
    page.load(words="binti ali")
    assert [r.key for r in page.rows] == ["A-001"]
    page.load(table="kelompok")
    assert {r.key for r in page.rows} == {"K01", "K02"}  # the groups added by the fixture




def test_a_refusal_is_worded_in_the_readers_language(today_book):
    from factories import rp
    from kasir import i18n
    from kasir.savings import service as savings
    from kasir.users import service as users
    from kasir.users.permissions import PermissionRefused
    from ui.presenters.audit_presenter import reason_text

    users.add_user(today_book, SITI, "admin", "admin", "rahasia-123")
    admin = users.sign_in(today_book, "admin", "rahasia-123")
    users.add_user(today_book, admin, "pak-audit", "pengawas", "rahasia-123")
    auditor = users.sign_in(today_book, "pak-audit", "rahasia-123")
    try:
        savings.deposit(today_book, auditor, "A-001", "sukarela", rp(5_000), today_book.clock.today())
    except PermissionRefused:
        pass
    page = AuditPresenter(today_book)
    page.load(user="pak-audit")
    refused = next(r for r in page.rows if r.action == "refused")
    assert reason_text(refused).startswith("Hanya bendahara/kasir yang boleh melakukan ini (")
    assert "pak-audit masuk sebagai pengawas" in reason_text(refused)
    assert change_text(refused) == ""
    i18n.set_language("en")
    try:
        assert reason_text(refused).startswith("Only bendahara/kasir may do this (cashier ")
    finally:
        i18n.set_language("id")


def test_a_receipt_shows_its_amount_in_rupiah_and_no_row_number(today_book):
    from factories import rp
    from kasir.savings import service as savings

    savings.deposit(today_book, SITI, "A-001", "sukarela", rp(250_000), today_book.clock.today())
    page = AuditPresenter(today_book)
    page.load(table="kuitansi")
    shown = change_text(page.rows[0], 2000)
    assert "amount: Rp250.000" in shown and "id: " not in shown.replace("_id: ", "")
