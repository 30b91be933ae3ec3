"""The table from event type to the rules a screen's service uses, one handler a type.

A handler reads its fields (errors name the line and field), checks first what
a rule would refuse without naming a field (the member exists, the month is
open), then calls the owning feature's rules inside ``im.about(field)``, so
that what they still refuse names the field it is about. A deposit is
``savings.rules.deposit_draft`` exactly as at the cashier's desk, a withdrawal
``savings.rules.withdraw`` with its balance check (about ``amount``). Drafts
are queued and posted in batches; a handler that reads balances flushes the
queue first.
"""

from __future__ import annotations

import datetime as dt

from kasir.closing import rules as closing
from kasir.errors import N_
from kasir.funds import rules as funds
from kasir.imports import financing
from kasir.imports.balances import RunningBalances
from kasir.imports.importer import Handler, Importer
from kasir.journal import recipes
from kasir.members import rules as members
from kasir.savings import rules as savings
from kasir.settings import set_setting
from ledger.errors import LedgerError
from ledger.money import MAX_AMOUNT_SEN, ZERO, Money

NOT_YET = frozenset({"year_closed", "shu_distributed", "zakat_accrued"})
PRODUCTS = ("pokok", "wajib", "sukarela", "mudharabah")
NAME_LIMIT = 120  # a group's name and village, an asset's kind (the register's columns)
MEMO_LIMIT = 500  # an entry's description
INFO_COUNT = 100_000  # weeks, months or members an information field may count


def _coop_founded(im: Importer, day: dt.date) -> None:
    name = im.text("name", "")
    im.whole("members_planned", 0, INFO_COUNT, 0)
    grant = im.money("grant", ZERO)
    repayable = im.flag("repayable", False)
    if name:
        set_setting(im.s, "name", name)
    if grant:
        im.queue(recipes.capital_grant(day, grant, name=name,
                                       deposit_to=im.channel("deposit_to"),
                                       repayable=repayable))


def _group_created(im: Importer, day: dt.date) -> None:
    code = im.ident("group_id")
    weekday = im.get("meeting_weekday", None)
    if weekday is not None and (isinstance(weekday, bool) or not isinstance(weekday, int)
                                or not 0 <= weekday <= 6):
        raise im.fail("meeting_weekday", N_("must be a number from 0 (Monday) to 6"))
    group = members.GroupInput(code=code or "", name=im.text("name", "", limit=NAME_LIMIT),
                               village=im.text("village", "", limit=NAME_LIMIT),
                               meeting_weekday=weekday)
    with im.about("group_id"):  # a group of that number already exists
        added = members.new_group(group, im.groups.__contains__)
    im.groups[added.code] = im.hold(added)


def _member_created(im: Importer, day: dt.date) -> None:
    number = im.ident("member_id") or ""
    name = im.text("name")
    if not name.strip():
        raise im.fail("name", N_("must not be blank"))
    member = members.MemberInput(
        number=number, name=name, joined=im.date("joined", day.isoformat()),
        group_code=im.group("group_id", None), village=im.text("village", "", limit=NAME_LIMIT),
        wajib_amount=im.money("wajib_weekly", ZERO), wajib_period="weekly")
    with im.about("member_id"):  # that number is already in use
        added = members.new_member(member, im.party_codes.__contains__,
                                   lambda code: im.groups[code] if code else None)
    party = added.party
    added.party_id = im.hold(party)
    im.hold(added)
    im.party_codes.add(party.code)
    im.members[number] = added
    im.ctx.parties[party.code] = party.id


def _deposit(im: Importer, day: dt.date) -> None:
    member, product = im.member("member_id"), im.choice("product", PRODUCTS)
    amount, channel = im.positive("amount"), im.channel("channel", "cash")
    im.whole("weeks", 0, INFO_COUNT, 0)
    assert member is not None
    with im.about("product"):  # a book without that savings product
        draft = savings.deposit_draft(im.s, member.number, product, amount, day=day,
                                      channel=channel, member=member,
                                      held=im.cache["savings"].get(product))
    im.queue(draft)


def _withdrawal(im: Importer, day: dt.date) -> None:
    member = im.member("member_id")
    product = im.choice("product", ("sukarela", "mudharabah"))
    amount, channel = im.positive("amount"), im.channel("channel", "cash")
    assert member is not None
    im.open_month(day)
    with im.about("product"):  # a book without that savings product
        prod = savings.product(im.s, product)
    held = im.balances
    if held is not None and held.fast(prod.account_code, day):
        available = Money(-held.balance(prod.account_code, member.number))
        if amount > available:
            with im.about("amount"):
                raise savings.overdraft(prod, member.number, amount, available)
        with im.about("amount"):
            im.queue(savings.withdrawal_draft(member, prod, amount, day=day, channel=channel))
        actual = Money(-held.balance(prod.account_code, member.number))
    else:
        im.flush()  # the balance check reads the journal
        with im.about("amount"):  # more than her balance
            savings.withdraw(im.s, im.actor, member.number, product, amount, day=day,
                             channel=channel, receipt=False, ctx=im.ctx)
        im.result.entries += 1
        if held is not None:
            held.forget(member.number)
        actual = savings.balance(im.s, member.number, product)
    im.check("balance_after", actual)


def _member_exit(im: Importer, day: dt.date) -> None:
    member = im.member("member_id")
    expected = {p: im.money(p, ZERO) for p in PRODUCTS if p != "mudharabah" or im.has(p)}
    paid_from = im.channel("paid_from", "cash")
    assert member is not None
    im.open_month(day)
    im.flush()  # the exit reads every balance
    try:
        savings.member_exit(im.s, im.actor, member.number, day=day, paid_from=paid_from,
                            expected=expected, ctx=im.ctx)
    except LedgerError as exc:  # an amount that is not her balance names its product
        product = exc.params.get("product")
        raise im.fail(product if product in PRODUCTS else "member_id", exc.template,
                      **exc.params) from None
    im.result.entries += 1
    if im.balances is not None:
        im.balances.forget(member.number)


def _zis_received(im: Importer, day: dt.date) -> None:
    kind, amount = im.choice("kind", tuple(funds.ZIS_FUNDS)), im.positive("amount")
    channel = im.channel("channel", "cash")
    member = im.member("member_id", active=False, default=None)  # a giver who has left too
    im.group("group_id", None)
    im.text("source", "")
    im.queue(funds.zis_received(day, kind, amount, channel=channel,
                                member=member.number if member else None))


def _zis_distributed(im: Importer, day: dt.date) -> None:
    im.queue(funds.zis_distributed(day, im.choice("kind", tuple(funds.ZIS_FUNDS)),
                                   im.positive("amount"),
                                   paid_from=im.channel("paid_from", "cash"),
                                   programme=im.text("program", "")))


def _kebajikan_disbursed(im: Importer, day: dt.date) -> None:
    im.queue(funds.benevolence_disbursed(day, im.positive("amount"),
                                         paid_from=im.channel("paid_from", "cash"),
                                         purpose=im.text("purpose", "")))


def _fund_used(im: Importer, day: dt.date) -> None:
    fund = im.choice("fund", tuple(closing.SHU_FUNDS))
    im.queue(closing.fund_used(day, fund, im.positive("amount"),
                               paid_from=im.channel("paid_from", "cash")))


def _expense(im: Importer, day: dt.date) -> None:
    category = im.choice("category", tuple(recipes.EXPENSE_ACCOUNTS))
    amount = im.positive("amount")
    im.queue(recipes.expense(day, category, amount, paid_from=im.channel("paid_from", "cash"),
                             memo=im.text("memo", "", limit=MEMO_LIMIT)))


def _bank_profit_share(im: Importer, day: dt.date) -> None:
    im.queue(recipes.bank_profit_share(day, im.positive("amount"), bank=im.text("bank", "")))


def _non_halal_received(im: Importer, day: dt.date) -> None:
    im.text("source", "")
    im.queue(funds.non_halal_received(day, im.positive("amount"),
                                      channel=im.channel("channel", "bank")))


def _cash_transfer(im: Importer, day: dt.date) -> None:
    src, dst = im.channel("from"), im.channel("to")
    if src == dst:
        raise im.fail("to", N_("must differ from {other}"), other="from")
    im.queue(recipes.cash_transfer(day, im.positive("amount"), source=src, to=dst))


def _asset_purchased(im: Importer, day: dt.date) -> None:
    cost, asset = im.positive("cost"), im.ident("asset_id") or ""
    im.whole("life_months", 0, INFO_COUNT, 0)
    im.queue(recipes.asset_purchased(day, cost, asset=asset,
                                     kind=im.text("kind", "", limit=NAME_LIMIT),
                                     paid_from=im.channel("paid_from", "cash")))


def _depreciation(im: Importer, day: dt.date) -> None:
    lines = im.get("lines")
    if not isinstance(lines, list) or not lines:
        raise im.fail("lines", N_("must be a list of assets and amounts"))
    total = 0
    for n, item in enumerate(lines, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("asset_id", ""), str):
            raise im.fail(f"lines[{n}]", N_("must be a list of assets and amounts"))
        if "amount" not in item:
            raise im.fail(f"lines[{n}].amount", N_("this field is required"))
        total += im.amount(f"lines[{n}].amount", item["amount"]).sen
    if total > MAX_AMOUNT_SEN:  # each line may be the most, never their sum
        raise im.fail("lines", N_("add up to more than {most}, the most one amount may be"),
                      most=Money(MAX_AMOUNT_SEN))
    im.check("total", Money(total))
    if total:
        im.queue(recipes.depreciation(day, Money(total)))


def _asset_disposed(im: Importer, day: dt.date) -> None:
    cost, accumulated = im.positive("cost"), im.money("accumulated")
    if accumulated != cost:
        raise im.fail("accumulated", N_("only a fully depreciated asset can be retired here"))
    im.queue(recipes.asset_disposed(day, cost, asset=im.ident("asset_id") or ""))


def hold_products(im: Importer) -> None:
    """Keep the products in memory for the whole import (the session's identity map holds
    only what something references, and a product read again for every deposit was a
    quarter of an import), the members' savings balances as they move, and the
    allowances write-offs draw on."""
    held = savings.products(im.s)
    lent = financing.products_held(im.s)
    im.cache["savings"] = held
    im.cache["products"] = [*held.values(), *lent]
    im.balances = RunningBalances(im.s, [p.account_code for p in held.values()],
                                  whole=[p.allowance_account for p in lent
                                         if p.allowance_account])


HANDLERS: dict[str, Handler] = {
    "coop_founded": _coop_founded, "group_created": _group_created,
    "member_created": _member_created, "deposit": _deposit, "withdrawal": _withdrawal,
    "member_exit": _member_exit, "zis_received": _zis_received,
    "zis_distributed": _zis_distributed, "kebajikan_disbursed": _kebajikan_disbursed,
    "fund_used": _fund_used, "expense": _expense, "bank_profit_share": _bank_profit_share,
    "non_halal_received": _non_halal_received, "cash_transfer": _cash_transfer,
    "asset_purchased": _asset_purchased, "depreciation": _depreciation,
    "asset_disposed": _asset_disposed,
    **financing.HANDLERS,
}
