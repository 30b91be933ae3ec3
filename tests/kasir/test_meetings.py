"""The group meeting: the collection sheet says what each member is expected to pay, and
posting the meeting takes every savings deposit and installment at once, or none."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp
from kasir.errors import KasirError
from kasir.financing import service as financing
from kasir.meetings import service as meetings
from kasir.meetings.service import MeetingLine
from ledger import queries
from ledger.money import ZERO
from test_financing import JAN, capital, siti_terms


def weekly(book, member: str) -> str:
    """A weekly murabahah of 1.000.000 + 100.000 margin over 10 weeks from 12 January."""
    n = financing.apply(book, ACTOR, siti_terms(
        member=member, cost=rp(1_000_000), margin=rp(100_000), tenor=10,
        frequency="weekly", first_due=dt.date(2026, 1, 12), down_payment=ZERO), JAN).contract
    financing.purchase(book, ACTOR, n, JAN)
    financing.akad(book, ACTOR, n, JAN)
    return n


def test_sheet_and_posting_of_a_meeting(members_book):
    capital(members_book)
    siti, nur = weekly(members_book, "A-001"), weekly(members_book, "A-002")
    monday = dt.date(2026, 1, 19)  # second installment due; nothing paid yet
    sheet = meetings.sheet(members_book, "K01", monday)
    rows = {r.member: r for r in sheet.rows}
    assert (rows["A-001"].savings_due, rows["A-001"].installment_due,
            rows["A-001"].arrears) == (rp(5_000), rp(110_000), rp(110_000))
    paid = meetings.post_meeting(members_book, ACTOR, "K01", monday, [
        MeetingLine("A-001", {"wajib": rp(5_000)}, {siti: rp(220_000)}),
        MeetingLine("A-002", {"wajib": rp(5_000)}, {nur: rp(110_000)}),
        MeetingLine("A-002", {}, {nur: rp(110_000)}, paid_by="A-001"),  # tanggung renteng
    ], cash_handed=rp(450_000), key="rapat-1")
    assert paid.total == rp(450_000) and len(paid.results) == 5
    assert all(r.receipt for r in paid.results)
    sheet = meetings.sheet(members_book, "K01", monday)
    rows = {r.member: r for r in sheet.rows}
    assert rows["A-001"].arrears == ZERO and rows["A-002"].arrears == ZERO
    assert rows["A-001"].savings_due == ZERO  # paid at this meeting: not asked twice
    again = meetings.post_meeting(members_book, ACTOR, "K01", monday, [
        MeetingLine("A-001", {"wajib": rp(5_000)}, {siti: rp(220_000)})], key="rapat-1")
    assert again.duplicate and [r.receipt for r in again.results] == \
        [r.receipt for r in paid.results]
    assert [(o.member, o.payer, o.amount) for o in sheet.owed] == [("A-002", "A-001",
                                                                     rp(110_000))]
    assert financing.contract_page(members_book, nur, monday).row.paid == rp(220_000)


def test_a_meeting_posts_all_or_nothing(members_book):
    capital(members_book)
    siti = weekly(members_book, "A-001")
    monday = dt.date(2026, 1, 19)
    with pytest.raises(KasirError, match="differs from the"):
        meetings.post_meeting(members_book, ACTOR, "K01", monday, [
            MeetingLine("A-001", {"wajib": rp(5_000)}, {siti: rp(110_000)})],
            cash_handed=rp(100_000))
    with pytest.raises(KasirError, match="A-001"):
        meetings.post_meeting(members_book, ACTOR, "K01", monday, [
            MeetingLine("A-002", {"wajib": rp(5_000)}),
            MeetingLine("A-001", {}, {siti: rp(5_000_000)})])  # more than she owes
    with members_book.read_session() as s:
        assert queries.balance(s, "4102", None, "A-002") == ZERO  # nothing was posted
