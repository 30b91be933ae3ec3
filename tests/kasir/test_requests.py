"""Maker–checker: an action that needs a second person waits as a request, is carried out
once when another user with the approving role approves it, and never by the one who asked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from factories import ACTOR, rp
from kasir.approvals import service as approvals
from kasir.errors import KasirError
from kasir.journal import service as journal
from kasir.receipts import service as receipts
from kasir.savings import service as savings
from kasir.uow import Book
from kasir.users import requests
from kasir.users import service as users
from kasir.users.permissions import PermissionRefused
from kasir.users.roles import ApprovalRequested
from ledger.schema import JournalEntry

D = dt.date(2026, 11, 20)
PW = "rahasia-sekali"


def team(book: Book) -> dict:
    users.add_user(book, ACTOR, "admin", "admin", PW)
    admin = users.sign_in(book, "admin", PW)
    for name in ("bendahara", "kasir", "ketua", "ketua2"):
        users.add_user(book, admin, name, "ketua" if name == "ketua2" else name, PW)
    return {n: users.sign_in(book, n, PW)
            for n in ("admin", "bendahara", "kasir", "ketua", "ketua2")}


def reversed_by(book: Book, entry_id: int) -> str | None:
    header = journal.entry(book, entry_id)
    return header.reversed_by if header else None


@pytest.fixture
def staffed(members_book):
    people = team(members_book)
    big = savings.deposit(members_book, people["kasir"], "A-001", "sukarela", rp(2_500_000), D)
    small = savings.deposit(members_book, people["kasir"], "A-001", "sukarela", rp(50_000), D)
    return members_book, people, big, small


def test_a_large_reversal_waits_for_approval_and_a_small_one_does_not(staffed):
    book, people, big, small = staffed
    with pytest.raises(ApprovalRequested) as asked:
        journal.reverse_entry(book, people["bendahara"], big.entry_id, reason="salah", day=D)
    request_id = asked.value.params["request"]
    assert reversed_by(book, big.entry_id) is None  # nothing was done
    row = approvals.request_list(book, "pending")[0]
    assert (row.id, row.kind, row.asked_by, row.status) == (request_id, "reverse_entry",
                                                            "bendahara", "pending")
    assert "Rp2.500.000" in row.what and "salah" in row.what
    journal.reverse_entry(book, people["bendahara"], small.entry_id, reason="salah", day=D)
    assert reversed_by(book, small.entry_id) is not None
    # asking again answers with the same request
    with pytest.raises(ApprovalRequested) as again:
        journal.reverse_entry(book, people["bendahara"], big.entry_id, reason="salah", day=D)
    assert again.value.params["request"] == request_id


def test_approving_carries_it_out_once_by_another_with_the_approving_role(staffed):
    book, people, big, _small = staffed
    with pytest.raises(ApprovalRequested) as asked:
        receipts.cancel_receipt(book, people["bendahara"], big.receipt_id, "dobel", D)
    request_id = asked.value.params["request"]
    with pytest.raises(PermissionRefused, match="ketua"):
        approvals.approve(book, people["bendahara"], request_id)
    with pytest.raises(PermissionRefused):
        approvals.approve(book, people["admin"], request_id)
    done = approvals.approve(book, people["ketua"], request_id)
    assert done.kind == "cancel_receipt" and done.result
    assert receipts.receipt(book, big.receipt_id).cancelled
    with book.read_session() as s:
        reversal = s.query(JournalEntry).filter(JournalEntry.reverses_entry_id == big.entry_id).one()
        assert reversal.posted_by == "bendahara"  # she did it; the ketua approved it
    row = approvals.request_list(book)[0]
    assert (row.status, row.decided_by, row.result) == ("approved", "ketua", done.result)
    with pytest.raises(KasirError, match="already approved"):
        approvals.approve(book, people["ketua2"], request_id)


def test_nobody_approves_their_own_request(staffed):
    book, people, _big, _small = staffed
    own = book.run(lambda s: requests.ask(s, people["ketua"], "reopen_month",
                                          {"year": 2026, "month": 10, "reason": "x"}))
    with pytest.raises(KasirError, match="Nobody approves their own request"):
        approvals.approve(book, people["ketua"], own)
    with pytest.raises(KasirError, match="Nobody approves their own request"):
        approvals.reject(book, people["ketua"], own, "tidak")
    with pytest.raises(IntegrityError):  # the database refuses it too
        with book.engine.begin() as conn:
            conn.execute(text("UPDATE request SET status = 'approved', decided_by = asked_by "
                              "WHERE id = :id"), {"id": own})


def test_rejecting_records_the_reason_and_does_nothing(staffed):
    book, people, big, _small = staffed
    with pytest.raises(ApprovalRequested) as asked:
        journal.reverse_entry(book, people["bendahara"], big.entry_id, reason="salah", day=D)
    request_id = asked.value.params["request"]
    with pytest.raises(KasirError, match="reason"):
        approvals.reject(book, people["ketua"], request_id, "  ")
    approvals.reject(book, people["ketua"], request_id, "Setoran itu benar")
    row = approvals.request_list(book)[0]
    assert (row.status, row.decided_by, row.reason) == ("rejected", "ketua",
                                                        "Setoran itu benar")
    assert reversed_by(book, big.entry_id) is None
    with pytest.raises(KasirError, match="already rejected"):
        approvals.approve(book, people["ketua2"], request_id)


def test_an_approval_the_book_refuses_leaves_the_request_waiting(staffed):
    book, people, big, _small = staffed
    with pytest.raises(ApprovalRequested) as asked:
        journal.reverse_entry(book, people["bendahara"], big.entry_id, reason="salah", day=D)
    savings.withdraw(book, people["kasir"], "A-001", "sukarela", rp(2_000_000), D)
    with pytest.raises(KasirError, match="cannot be reversed"):
        approvals.approve(book, people["ketua"], asked.value.params["request"])
    assert approvals.request_list(book)[0].status == "pending"
    # and a reversal the rules refuse is refused at once, never left for the approver
    with pytest.raises(KasirError, match="cannot be reversed"):
        journal.reverse_entry(book, people["bendahara"], big.entry_id, reason="lagi", day=D)


def test_reopening_a_month_and_changing_a_product_wait_for_the_ketua(staffed):
    book, people, _big, _small = staffed
    journal.close_period(book, people["bendahara"], 2026, 10)
    with pytest.raises(ApprovalRequested) as reopen:
        journal.reopen_period(book, people["bendahara"], 2026, 10, reason="lupa setoran")
    assert (2026, 10) in journal.closed_periods(book)
    with pytest.raises(ApprovalRequested) as product:
        savings.update_product(book, people["admin"], "mudharabah", nisbah_bp=10_000)
    assert [p.nisbah_percent for p in savings.products(book) if p.code == "mudharabah"] != ["100"]
    approvals.approve(book, people["ketua"], reopen.value.params["request"])
    assert (2026, 10) not in journal.closed_periods(book)
    approvals.approve(book, people["ketua2"], product.value.params["request"])
    assert [p.nisbah_percent for p in savings.products(book) if p.code == "mudharabah"] == ["100"]


def test_a_book_with_no_users_has_nobody_to_ask(members_book):
    big = savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(5_000_000), D)
    journal.reverse_entry(members_book, ACTOR, big.entry_id, reason="salah", day=D)
    assert reversed_by(members_book, big.entry_id) is not None
    assert approvals.request_list(members_book) == []


def test_the_threshold_is_the_administrators_setting(staffed):
    book, people, _big, small = staffed
    assert users.approval_threshold(book) == rp(1_000_000)
    users.save_approval_threshold(book, people["admin"], rp(10_000))
    with pytest.raises(ApprovalRequested):
        journal.reverse_entry(book, people["bendahara"], small.entry_id, reason="x", day=D)
    with pytest.raises(PermissionRefused):
        users.save_approval_threshold(book, people["bendahara"], rp(0))


def test_a_restore_waits_for_approval_and_the_restored_book_keeps_it(staffed, tmp_path,
                                                                     sqlite_only):
    from kasir.book import open_book
    from kasir.book import service as book_service

    book, people, big, _small = staffed
    copy = book_service.back_up(book.path, tmp_path / "salinan.kasir",
                                actor=people["bendahara"])
    savings.deposit(book, people["kasir"], "A-002", "sukarela", rp(7_000), D)
    with pytest.raises(ApprovalRequested) as asked:
        book_service.restore(copy, book.path, actor=people["admin"])
    assert savings.member_page(book, "A-002", D).account("sukarela").balance == rp(47_000)
    approvals.approve(book, people["ketua"], asked.value.params["request"])
    with open_book(book.path) as restored:
        assert savings.member_page(restored, "A-002", D).account("sukarela").balance \
            == rp(40_000)
        rows = approvals.request_list(restored)
        assert [(r.kind, r.status, r.decided_by, r.result) for r in rows] == [
            ("restore", "approved", "ketua", "restored")]
