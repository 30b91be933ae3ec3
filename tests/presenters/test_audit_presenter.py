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


