"""The table from event type to the rules a screen's service uses, one handler a type.

A handler reads its fields (errors name the line and field) and calls the
owning feature's rules: a deposit is ``savings.rules.deposit_draft`` exactly as
at the cashier's desk, a withdrawal ``savings.rules.withdraw`` with its balance
check. Drafts are queued and posted in batches; a handler that reads balances
flushes the queue first.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kasir.closing import rules as closing
from kasir.errors import N_
from kasir.funds import rules as funds
from kasir.imports.importer import Handler, Importer
from kasir.journal import recipes
from kasir.members import rules as members
from kasir.savings import rules as savings
from kasir.settings import set_setting
from ledger.money import ZERO
from ledger.schema import Party

NOT_YET = frozenset({
    "murabahah_contract", "installment", "murabahah_settlement", "murabahah_writeoff",
    "writeoff_recovery", "qard_disbursed", "qard_repayment", "qard_writeoff",
    "year_closed", "shu_distributed", "zakat_accrued"})
PRODUCTS = ("pokok", "wajib", "sukarela", "mudharabah")


def _coop_founded(im: Importer, day: dt.date) -> None:
    name = im.text("name", "")
    if name:
        set_setting(im.s, "name", name)
    grant = im.money("grant", ZERO)
    if grant:
        im.queue(recipes.capital_grant(day, grant, name=name,
                                       deposit_to=im.channel("deposit_to"),
                                       repayable=im.get("repayable", False) is True))


def _group_created(im: Importer, day: dt.date) -> None:
    weekday = im.get("meeting_weekday", None)
    if weekday is not None and (isinstance(weekday, bool) or not isinstance(weekday, int)):
        raise im.fail("meeting_weekday", N_("must be a number from 0 (Monday) to 6"))
    members.add_group(im.s, members.GroupInput(
        code=im.text("group_id"), name=im.text("name", ""), village=im.text("village", ""),
        meeting_weekday=weekday))


def _member_created(im: Importer, day: dt.date) -> None:
    number = im.text("member_id")
    members.add_member(im.s, members.MemberInput(
        number=number, name=im.text("name"), joined=im.date("joined", day.isoformat()),
        group_code=im.text("group_id", "") or None, village=im.text("village", ""),
        wajib_amount=im.money("wajib_weekly", ZERO), wajib_period="weekly"))
    im.ctx.parties[number] = im.s.scalar(select(Party.id).where(Party.code == number))


def _deposit(im: Importer, day: dt.date) -> None:
    number, product = im.text("member_id"), im.choice("product", PRODUCTS)
    if number not in im.members:
        im.members[number] = members.get_member(im.s, number)
    im.queue(savings.deposit_draft(im.s, number, product, im.positive("amount"), day=day,
                                   channel=im.channel("channel", "cash"),
                                   member=im.members[number]))


def _withdrawal(im: Importer, day: dt.date) -> None:
    number = im.text("member_id")
    product = im.choice("product", ("sukarela", "mudharabah"))
    im.flush()  # the balance check reads the journal
    savings.withdraw(im.s, im.actor, number, product, im.positive("amount"), day=day,
                     channel=im.channel("channel", "cash"), receipt=False, ctx=im.ctx)
    im.result.entries += 1
    if im.has("balance_after"):
        expected, actual = im.money("balance_after"), savings.balance(im.s, number, product)
        if expected != actual:
            raise im.fail("balance_after", N_("the file says {expected}, Kasir computes "
                                              "{actual}"), expected=expected, actual=actual)


def _member_exit(im: Importer, day: dt.date) -> None:
    expected = {p: im.money(p, ZERO) for p in PRODUCTS if p != "mudharabah" or im.has(p)}
    im.flush()  # the exit reads every balance
    savings.member_exit(im.s, im.actor, im.text("member_id"), day=day,
                        paid_from=im.channel("paid_from", "cash"), expected=expected,
                        ctx=im.ctx)
    im.result.entries += 1


def _zis_received(im: Importer, day: dt.date) -> None:
    member = im.get("member_id", None)
    im.queue(funds.zis_received(day, im.choice("kind", tuple(funds.ZIS_FUNDS)),
                                im.positive("amount"), channel=im.channel("channel", "cash"),
                                member=str(member) if member else None))


def _zis_distributed(im: Importer, day: dt.date) -> None:
    im.queue(funds.zis_distributed(day, im.choice("kind", tuple(funds.ZIS_FUNDS)),
                                   im.positive("amount"),
                                   paid_from=im.channel("paid_from", "cash"),
                                   programme=str(im.get("program", ""))))


def _kebajikan_disbursed(im: Importer, day: dt.date) -> None:
    im.queue(funds.benevolence_disbursed(day, im.positive("amount"),
                                         paid_from=im.channel("paid_from", "cash"),
                                         purpose=str(im.get("purpose", ""))))


def _fund_used(im: Importer, day: dt.date) -> None:
    fund = im.choice("fund", tuple(closing.SHU_FUNDS))
    im.queue(closing.fund_used(day, fund, im.positive("amount"),
                               paid_from=im.channel("paid_from", "cash")))


def _expense(im: Importer, day: dt.date) -> None:
    category = im.choice("category", tuple(recipes.EXPENSE_ACCOUNTS))
    amount = im.positive("amount")
    im.queue(recipes.expense(day, category, amount, paid_from=im.channel("paid_from", "cash"),
                             memo=str(im.get("memo", "") or "")))


def _bank_profit_share(im: Importer, day: dt.date) -> None:
    im.queue(recipes.bank_profit_share(day, im.positive("amount"),
                                       bank=str(im.get("bank", ""))))


def _non_halal_received(im: Importer, day: dt.date) -> None:
    im.queue(funds.non_halal_received(day, im.positive("amount"),
                                      channel=im.channel("channel", "bank")))


def _cash_transfer(im: Importer, day: dt.date) -> None:
    src, dst = im.channel("from"), im.channel("to")
    if src == dst:
        raise im.fail("to", N_("must differ from {other}"), other="from")
    im.queue(recipes.cash_transfer(day, im.positive("amount"), source=src, to=dst))


def _asset_purchased(im: Importer, day: dt.date) -> None:
    cost = im.positive("cost")
    im.queue(recipes.asset_purchased(day, cost, asset=im.text("asset_id"),
                                     kind=str(im.get("kind", "")),
                                     paid_from=im.channel("paid_from", "cash")))


def _depreciation(im: Importer, day: dt.date) -> None:
    lines = im.get("lines")
    if not isinstance(lines, list) or not lines:
        raise im.fail("lines", N_("must be a list of assets and amounts"))
    total = ZERO
    for item in lines:
        if not isinstance(item, dict):
            raise im.fail("lines", N_("must be a list of assets and amounts"))
        total += im.money("amount", item.get("amount")) if "amount" in item else ZERO
    if im.has("total") and im.money("total") != total:
        raise im.fail("total", N_("the file says {expected}, Kasir computes {actual}"),
                      expected=im.money("total"), actual=total)
    if total:
        im.queue(recipes.depreciation(day, total))


def _asset_disposed(im: Importer, day: dt.date) -> None:
    cost, accumulated = im.positive("cost"), im.money("accumulated")
    if accumulated != cost:
        raise im.fail("accumulated", N_("only a fully depreciated asset can be retired here"))
    im.queue(recipes.asset_disposed(day, cost, asset=im.text("asset_id")))


HANDLERS: dict[str, Handler] = {
    "coop_founded": _coop_founded, "group_created": _group_created,
    "member_created": _member_created, "deposit": _deposit, "withdrawal": _withdrawal,
    "member_exit": _member_exit, "zis_received": _zis_received,
    "zis_distributed": _zis_distributed, "kebajikan_disbursed": _kebajikan_disbursed,
    "fund_used": _fund_used, "expense": _expense, "bank_profit_share": _bank_profit_share,
    "non_halal_received": _non_halal_received, "cash_transfer": _cash_transfer,
    "asset_purchased": _asset_purchased, "depreciation": _depreciation,
    "asset_disposed": _asset_disposed,
}
