"""Savings are checked on their own date and every later date, whatever the path: a
back-dated withdrawal, a reversal dated before a later withdrawal, an exit dated before
her last movement. Each of these overdrew a member when measured."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ACTOR, rp
from kasir.errors import KasirError
from kasir.journal import service as journal
from kasir.savings import service as savings


def day(d: int, month: int = 11) -> dt.date:
    return dt.date(2026, month, d)


def sukarela(book, on: dt.date | None = None):  # noqa: ANN001, ANN201
    return savings.member_page(book, "A-001", on or day(30)).account("sukarela").balance


def test_a_back_dated_withdrawal_cannot_overdraw_a_later_day(members_book):
    """Measured: −1.000.000 (checked against today's balance, not its own date's)."""
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(1_000_000), day(1))
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(1_000_000), day(20))
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(1_000_000), day(25))
    with pytest.raises(KasirError, match="would overdraw a later day") as err:
        savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(1_000_000), day(10))
    assert err.value.params["balance"] == rp(0)
    assert sukarela(members_book) == rp(1_000_000)
    assert sukarela(members_book, day(20)) == rp(0)  # never below zero on any day
    # on the 25th or later the money is there
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(1_000_000), day(26))
    assert sukarela(members_book) == rp(0)


def test_a_transfer_is_checked_on_every_later_day_too(members_book):
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(500_000), day(1))
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(400_000), day(20))
    with pytest.raises(KasirError, match="overdraw a later day"):
        savings.transfer(members_book, ACTOR, "A-001", "sukarela", "mudharabah", rp(200_000),
                         day(5))
    savings.transfer(members_book, ACTOR, "A-001", "sukarela", "mudharabah", rp(100_000), day(5))


def test_a_reversal_dated_before_a_later_withdrawal_is_refused(members_book):
    """Measured: −300.000 through the journal page's reversal."""
    first = savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(300_000), day(1))
    savings.withdraw(members_book, ACTOR, "A-001", "sukarela", rp(300_000), day(15))
    savings.deposit(members_book, ACTOR, "A-001", "sukarela", rp(300_000), day(25))
    with pytest.raises(KasirError, match="cannot be reversed"):
        journal.reverse_entry(members_book, ACTOR, first.entry_id, reason="salah", day=day(10))
    assert sukarela(members_book, day(15)) == rp(0)
    # dated after the money came back, the reversal takes nothing that is not there
    journal.reverse_entry(members_book, ACTOR, first.entry_id, reason="salah", day=day(26))
    assert sukarela(members_book) == rp(0)


def test_an_exit_dated_before_her_last_movement_is_refused(members_book):
    savings.deposit(members_book, ACTOR, "A-002", "sukarela", rp(10_000), day(20))
    with pytest.raises(KasirError, match="movements after 10/11/2026"):
        savings.exit_member(members_book, ACTOR, "A-002", day(10))
    out = savings.exit_member(members_book, ACTOR, "A-002", day(20))
    assert out.receipt and savings.member_page(members_book, "A-002", day(30)).total == rp(0)
