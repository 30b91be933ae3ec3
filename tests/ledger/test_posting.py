"""Posting, numbering, refusals and reversal through the one write path."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from factories import rp, simple_entry
from ledger import periods, posting, queries
from ledger.entry import EntryDraft, LineDraft
from ledger.errors import InvalidDraft, LedgerError
from ledger.schema import JournalEntry, JournalLine

D = dt.date(2026, 11, 2)


def counts(book):
    with book.read_session() as s:
        return (s.scalar(select(func.count()).select_from(JournalEntry)),
                s.scalar(select(func.count()).select_from(JournalLine)))


def test_numbers_are_gap_free_per_fiscal_year(book):
    with book.transaction() as s:
        refs = posting.post_many(s, [
            simple_entry(dt.date(2025, 12, 30), "1101", "4201", 100),
            simple_entry(dt.date(2026, 1, 2), "1101", "4201", 200),
            simple_entry(dt.date(2025, 12, 31), "1101", "4201", 300),
            simple_entry(dt.date(2026, 1, 3), "1101", "4201", 400),
        ])
    assert [r.label for r in refs] == ["2025/000001", "2026/000001", "2025/000002",
                                       "2026/000002"]
    # one sequence with the audit trail's records: consecutive, after the book's own records
    seqs = [r.posted_seq for r in refs]
    assert seqs == list(range(seqs[0], seqs[0] + 4))


@pytest.mark.parametrize("draft, needle", [
    (EntryDraft(D, "x", (LineDraft("1101", debit=rp(10)),)), "at least two lines"),
    (EntryDraft(D, "x", (LineDraft("1101", debit=rp(10)), LineDraft("4201", credit=rp(9)))),
     "differ by"),
    (EntryDraft(D, "x", (LineDraft("11", debit=rp(10)), LineDraft("4201", credit=rp(10)))),
     "heading"),
    (EntryDraft(D, "x", (LineDraft("9999", debit=rp(10)), LineDraft("4201", credit=rp(10)))),
     "no account 9999"),
    (EntryDraft(D, "x", (LineDraft("1101", debit=rp(-10)), LineDraft("4201", credit=rp(-10)))),
     "negative"),
    (EntryDraft(D, "x", (LineDraft("1101", debit=rp(10), credit=rp(10)),
                         LineDraft("4201", credit=rp(0)))), "not both"),
    (EntryDraft(D, "x", (LineDraft("1101", debit=rp(10), party_code="NOPE"),
                         LineDraft("4201", credit=rp(10)))), "no member NOPE"),
])
def test_refused_drafts_change_nothing(book, draft, needle):
    before = counts(book)
    with pytest.raises(InvalidDraft) as err, book.transaction() as s:
        posting.post(s, draft)
    assert needle in err.value.english()
    assert counts(book) == before


def test_closed_period_refuses_posting_and_reopen_needs_reason(book):
    with book.transaction() as s:
        periods.close_period(s, 2026, 11, user="bendahara")
    with pytest.raises(InvalidDraft, match="closed"), book.transaction() as s:
        posting.post(s, simple_entry(D, "1101", "4201", 100))
    with pytest.raises(LedgerError, match="needs a reason"), book.transaction() as s:
        periods.reopen_period(s, 2026, 11, reason="  ")
    with book.transaction() as s:
        periods.reopen_period(s, 2026, 11, reason="Koreksi setoran tertinggal", user="ketua")
        posting.post(s, simple_entry(D, "1101", "4201", 100))
    with book.read_session() as s:
        log = periods.period_log(s)
    assert [(r.action, r.reason) for r in log] == [
        ("close", ""), ("reopen", "Koreksi setoran tertinggal")]


def test_same_key_posts_once(book):
    with book.transaction() as s:
        first = posting.post(s, simple_entry(D, "1101", "4201", 100, key="k-1"))
    with book.transaction() as s:
        second = posting.post(s, simple_entry(D, "1101", "4201", 100, key="k-1"))
    assert second.id == first.id and second.duplicate
    assert counts(book) == (1, 2)


def test_reversal_links_to_original_and_nets_to_zero(book):
    with book.transaction() as s:
        ref = posting.post(s, simple_entry(D, "6203", "1101", 75_000))
    with book.transaction() as s:
        rev = posting.reverse(s, ref.id, reason="salah akun", day=dt.date(2026, 11, 3))
    with book.read_session() as s:
        assert queries.balance(s, "6203") == rp(0)
        assert queries.balance(s, "6203", as_of=D) == rp(75_000)
        rows = {r.id: r for r in queries.journal(s)}
    assert rows[ref.id].reversed_by == rev.label
    assert rows[rev.id].reverses == ref.label
    with pytest.raises(LedgerError, match="already been reversed"), book.transaction() as s:
        posting.reverse(s, ref.id, reason="lagi", day=D)
    with pytest.raises(LedgerError, match="itself a reversal"), book.transaction() as s:
        posting.reverse(s, rev.id, reason="lagi", day=D)


def test_reversal_needs_a_reason(book):
    with book.transaction() as s:
        ref = posting.post(s, simple_entry(D, "6203", "1101", 75_000))
    with pytest.raises(InvalidDraft, match="needs a reason"), book.transaction() as s:
        posting.reverse(s, ref.id, reason=" ", day=D)


def test_balances_per_member_and_as_of(book):
    from ledger.schema import Party

    with book.transaction() as s:
        s.add_all([Party(code="A-001", name="Siti Aminah"), Party(code="A-002",
                                                               name="Nur Hasanah")])
    with book.transaction() as s:
        posting.post_many(s, [
            simple_entry(dt.date(2026, 1, 5), "1101", "2101", 50_000, party="A-001"),
            simple_entry(dt.date(2026, 2, 5), "1101", "2101", 20_000, party="A-002"),
            simple_entry(dt.date(2026, 3, 5), "2101", "1101", 10_000, party="A-001"),
        ])
    with book.read_session() as s:
        assert queries.normal_balance(s, "2101") == rp(60_000)
        assert queries.normal_balance(s, "2101", party_code="A-001") == rp(40_000)
        assert queries.normal_balance(s, "2101", as_of=dt.date(2026, 2, 28),
                                      party_code="A-001") == rp(50_000)
        assert queries.party_balances(s, "2101") == {"A-001": rp(-40_000),
                                                     "A-002": rp(-20_000)}


def test_general_ledger_running_balance_and_opening(book):
    with book.transaction() as s:
        posting.post_many(s, [
            simple_entry(dt.date(2026, 1, 5), "1101", "4201", 1_000),
            simple_entry(dt.date(2026, 2, 5), "6203", "1101", 300),
            simple_entry(dt.date(2026, 3, 5), "6202", "1101", 200),
        ])
        gl = queries.general_ledger(s, dt.date(2026, 2, 1), dt.date(2026, 12, 31), ["1101"])
    (cash,) = gl
    assert cash.opening == rp(1_000)
    assert [ln.balance for ln in cash.lines] == [rp(700), rp(500)]
    assert cash.closing == rp(500)


def test_trial_balance_demo_book_balances(demo_book):
    with demo_book.read_session() as s:
        tb = queries.trial_balance(s)
    assert tb.balanced
    assert tb.total_debit == rp(53_372_000)
    by_code = {r.code: r for r in tb.rows}
    # five murabahah sales still owed (one settled early) and a qard half repaid
    assert by_code["1301"].debit == rp(2_376_000 + 1_072_500 + 1_980_000 + 1_980_000 + 858_000)
    assert by_code["1311"].debit == rp(200_000)
    assert by_code["4101"].credit == rp(500_000)  # 10 members x Rp50.000 pokok
    assert "6204" not in by_code  # the mistaken RAT expense was reversed
    assert by_code["6203"].debit == rp(825_000)


def test_closed_period_row_cannot_be_deleted_behind_the_back(book):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with book.transaction() as s:
        periods.close_period(s, 2026, 3)
    with pytest.raises(IntegrityError, match="kasir:"), book.engine.begin() as conn:
        conn.execute(text("DELETE FROM fiscal_period WHERE year = 2026 AND month = 3"))
    with book.read_session() as s:
        assert periods.is_closed(s, 2026, 3)


@pytest.mark.parametrize("draft", [
    EntryDraft(D, "rusak \ud800", (LineDraft("1101", debit=rp(1)), LineDraft("4201", credit=rp(1)))),
    EntryDraft(D, "x", (LineDraft("1101", debit=rp(1)), LineDraft("4201", credit=rp(1))),
               uuid="kunci\ud800"),
    EntryDraft(D, "x", (LineDraft("1101", debit=rp(1)), LineDraft("4201", credit=rp(1))),
               uuid="k" * 65),
])
def test_text_that_cannot_be_stored_is_refused_clearly(book, draft):
    with pytest.raises(InvalidDraft), book.transaction() as s:
        posting.post(s, draft)
    assert counts(book) == (0, 0)


def test_an_amount_beyond_the_largest_a_line_may_carry_is_refused(book):
    from ledger.entry import EntryDraft, LineDraft
    from ledger.money import MAX_AMOUNT_SEN, Money

    too_much = Money(MAX_AMOUNT_SEN + 1)
    draft = EntryDraft(D, "terlalu besar", (LineDraft("1101", debit=too_much),
                                             LineDraft("4201", credit=too_much)))
    with pytest.raises(InvalidDraft, match="beyond Rp1.000.000.000.000.000"), \
            book.transaction() as s:
        posting.post(s, draft)
    most = Money(MAX_AMOUNT_SEN)
    with book.transaction() as s:
        posting.post(s, EntryDraft(D, "paling besar", (LineDraft("1101", debit=most),
                                                       LineDraft("4201", credit=most))))
