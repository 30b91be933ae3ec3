"""``ledger.entry.validate`` takes a one-pass road for a sound draft; for any draft at all it
says exactly what the road through every rule (``problems_of``) says."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.entry import (
    MAX_DATE,
    MIN_DATE,
    AccountInfo,
    EntryDraft,
    LineDraft,
    PostingContext,
    problems_of,
    validate,
)
from ledger.errors import Problem
from ledger.money import MAX_AMOUNT_SEN, Money


def _account(code: str, *, header: bool = False, active: bool = True,
             owner: str = "journal") -> AccountInfo:
    return AccountInfo(id=int(code), code=code, name_id=code, name_en=code,
                       account_class="asset", normal_side="D", is_contra=False,
                       is_header=header, active=active, owner=owner)


CTX = PostingContext(
    accounts={a.code: a for a in (
        _account("1101"), _account("1102"), _account("2101", owner="savings"),
        _account("1300", header=True), _account("6999", active=False))},
    parties={"M1": 1, "M2": 2},
    closed_periods=frozenset({(2026, 1)}),
    permits=frozenset({("deposit", "savings")}))

sen = st.one_of(st.sampled_from([0, 1, 150_000, MAX_AMOUNT_SEN, MAX_AMOUNT_SEN + 1, -5]),
                st.integers(-10, 10**7))
texts = st.one_of(st.sampled_from(["", "Setoran", "Siti Aminah", "x" * 301, "nul\x00",
                                   "lone \ud800", "é ok"]), st.text(max_size=20))
lines = st.builds(
    LineDraft, account_code=st.sampled_from(["1101", "1102", "2101", "1300", "6999", "9"]),
    debit=st.builds(Money, sen), credit=st.builds(Money, sen),
    party_code=st.sampled_from([None, "M1", "M2", "M9"]), memo=st.one_of(st.none(), texts))
days = st.one_of(st.dates(dt.date(1989, 12, 1), dt.date(2100, 1, 31)),
                 st.sampled_from([MIN_DATE, MAX_DATE, dt.date(2026, 1, 15)]),
                 st.just(dt.datetime(2026, 3, 1, 9, 0)))


@st.composite
def drafts(draw: st.DrawFn) -> EntryDraft:
    chosen = draw(st.lists(lines, max_size=4))
    if draw(st.booleans()) and chosen:  # most real drafts balance: make this one balance
        gap = sum(ln.debit.sen - ln.credit.sen for ln in chosen)
        if gap:
            chosen.append(LineDraft("1102", credit=Money(gap)) if gap > 0
                          else LineDraft("1102", debit=Money(-gap)))
    reverses = draw(st.sampled_from([None, None, 7]))
    return EntryDraft(
        draw(days), draw(texts), tuple(chosen),
        operation=draw(st.sampled_from(["deposit:wajib", "manual", "", "o" * 61,
                                        "transfer\x00"])),
        uuid=draw(st.sampled_from([None, "abc-123", "", "k" * 65, "kunci é", "tab\t"])),
        reverses_entry_id=reverses,
        reversal_reason=draw(st.sampled_from([None, "", "salah ketik"])) if reverses else None)


@st.composite
def nearly_sound(draw: st.DrawFn) -> EntryDraft:
    """A sound draft (a deposit), then at most one thing made wrong."""
    amount = draw(st.integers(1, MAX_AMOUNT_SEN))
    party = draw(st.sampled_from([None, "M1", "M2"]))
    memo = draw(st.sampled_from([None, "catatan", "é"]))
    cash = LineDraft("1101", debit=Money(amount), party_code=party, memo=memo)
    into = LineDraft(draw(st.sampled_from(["2101", "1102"])), credit=Money(amount),
                     party_code=party)
    draft = EntryDraft(draw(st.dates(dt.date(2026, 2, 1), MAX_DATE)),
                       draw(st.sampled_from(["Setoran", "Setoran Siti Aminah", "Ani é"])),
                       (cash, into), operation="deposit:sukarela", uuid="k-1")
    wrong = draw(st.sampled_from([None, "date", "memo", "operation", "uuid", "line",
                                  "balance", "reverses", "huge"]))
    if wrong == "date":
        return replace(draft, date=draw(days))
    if wrong == "memo":
        return replace(draft, memo=draw(texts))
    if wrong == "operation":
        return replace(draft, operation=draw(st.sampled_from(
            ["manual", "", "o" * 61, "deposit\x00", "transfer"])))
    if wrong == "uuid":
        return replace(draft, uuid=draw(st.sampled_from([None, "", "k" * 65, "é", "\t"])))
    if wrong == "line":
        return replace(draft, lines=(cash, draw(lines)))
    if wrong == "balance":
        return replace(draft, lines=(cash, replace(into, credit=Money(amount - 1))))
    if wrong == "huge":  # balanced, each line beyond the most one line may carry
        big = Money(MAX_AMOUNT_SEN + draw(st.integers(1, 10)))
        return replace(draft, lines=(replace(cash, debit=big), replace(into, credit=big)))
    if wrong == "reverses":
        return replace(draft, reverses_entry_id=7,
                       reversal_reason=draw(st.sampled_from([None, "", "salah"])))
    return draft


def said(problems: list[Problem]) -> list[tuple[str, dict]]:
    return [(p.template, p.params) for p in problems]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(drafts(), nearly_sound()))
def test_validate_says_what_every_rule_says(draft: EntryDraft) -> None:
    assert said(validate(draft, CTX)) == said(problems_of(draft, CTX))


def test_a_sound_draft_passes_both_roads() -> None:
    draft = EntryDraft(dt.date(2026, 2, 2), "Setoran wajib Siti", (
        LineDraft("1101", debit=Money(500_000), party_code="M1"),
        LineDraft("2101", credit=Money(500_000), party_code="M1", memo="é")),
        operation="deposit:wajib", uuid="k-1")
    assert validate(draft, CTX) == [] == problems_of(draft, CTX)
