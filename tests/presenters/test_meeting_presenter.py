"""The group meeting's rules without Qt: the sheet read, one installment cell spread over
her contracts, tanggung renteng, the cash against the grid, all or nothing."""

from __future__ import annotations

from factories import ACTOR, rp
from kasir.financing import service as financing
from kasir.receipts import service as receipts
from ledger.money import ZERO
from meeting_books import GROUP, MEETING, MEMBERS, build_meeting_book
from ui.presenters.meeting_presenter import (
    INSTALLMENT,
    PAYER,
    SAVINGS,
    MeetingPresenter,
    allocate,
)


def loaded(book) -> tuple[MeetingPresenter, dict[str, list[str]]]:
    contracts = build_meeting_book(book)
    p = MeetingPresenter(book, ACTOR)
    assert p.groups() == [(GROUP, "K07 — Kenanga, Sukamaju")]
    assert p.load(GROUP) is None
    return p, contracts


def test_the_sheet_and_fill_as_expected(book):
    p, _contracts = loaded(book)
    assert p.day == MEETING and [r.sheet.member for r in p.rows] == list(MEMBERS)
    assert p.text(5, "arrears") == "110.000" and p.text(6, "installment_due") == ""
    assert not p.editable(6, INSTALLMENT) and p.editable(6, SAVINGS)
    p.fill_expected()
    assert [p.text(n, SAVINGS) for n in (0, 9)] == ["5.000", "5.000"]
    assert [p.text(n, INSTALLMENT) for n in (1, 5, 6)] == ["160.000", "220.000", ""]
    t = p.totals()
    assert (t.savings, t.installments, t.total, t.expected) == (
        rp(50_000), rp(820_000), rp(870_000), rp(870_000))
    assert p.prepare().kind == "hint"  # the cash handed over is asked for
    p.edit_cash("870.000")
    assert p.totals().difference == ZERO


def test_one_cell_is_spread_over_her_contracts_oldest_first(book):
    p, contracts = loaded(book)
    row = p.rows[1].sheet  # M-02: murabahah 110.000 and qard 50.000 due
    mrb, qrd = contracts["M-02"]
    assert allocate(row, rp(160_000)) == {mrb: rp(110_000), qrd: rp(50_000)}
    assert allocate(row, rp(100_000)) == {mrb: rp(100_000)}
    assert allocate(row, rp(200_000)) == {mrb: rp(150_000), qrd: rp(50_000)}
    assert allocate(row, rp(5_000_000))[mrb] > row.contracts[0].outstanding  # refused later


def test_paid_by_another_member_of_the_group(book):
    p, contracts = loaded(book)
    p.edit(2, INSTALLMENT, "110.000")
    p.edit(2, PAYER, "m-08")
    assert p.text(2, PAYER) == "M-08 Cucu Suryani" and p.problem(2, PAYER) == ""
    p.edit(2, PAYER, "M-03")
    assert "herself" in p.problem(2, PAYER) or "sendiri" in p.problem(2, PAYER)
    p.edit(2, PAYER, "Z-99")
    assert "Z-99" in p.problem(2, PAYER)
    assert p.prepare().kind == "error"
    p.edit(2, PAYER, "Cucu")  # part of her name, when only one matches
    p.edit_cash("110.000")
    outcome = p.post()
    assert outcome.kind == "ok", outcome.text
    page = financing.contract_page(book, contracts["M-03"][0], MEETING)
    assert page.events[-1].payer == "M-08"
    assert p.rows[2].typed[INSTALLMENT] == ""  # read again, nothing typed


def test_a_refusal_posts_nothing_and_keeps_what_was_typed(book):
    p, _contracts = loaded(book)
    p.fill_expected()
    p.edit(0, INSTALLMENT, "5.000.000")  # more than she owes
    p.edit_cash("5.760.000")
    outcome = p.post()
    assert outcome.kind == "error" and "M-01" in outcome.text
    assert receipts.receipts(book, MEETING, MEETING) == []
    assert p.rows[0].typed[INSTALLMENT] == "5.000.000"


def test_wrong_amounts_and_nothing_typed(book):
    p, _contracts = loaded(book)
    assert p.prepare().kind == "hint"  # nothing paid yet
    p.edit(0, SAVINGS, "50,000")
    assert "50.000" in p.problem(0, SAVINGS)
    assert p.prepare().kind == "error"
    p.edit(0, SAVINGS, "")
    p.edit(3, PAYER, "M-01")  # a payer but no installment
    p.edit(3, SAVINGS, "5.000")
    p.edit_cash("5.000")
    assert p.prepare().kind == "error"


def test_the_group_pays_for_her(book):
    p, contracts = loaded(book)
    p.edit(5, INSTALLMENT, "110.000")
    p.edit(5, PAYER, GROUP.lower())
    assert p.problem(5, PAYER) == "" and GROUP in p.text(5, PAYER)
    p.edit_cash("110.000")
    assert p.post().ok
    page = financing.contract_page(book, contracts["M-06"][0], MEETING)
    assert page.events[-1].payer == f"kelompok {GROUP}"
