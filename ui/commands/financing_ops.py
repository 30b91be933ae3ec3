"""``kasir financing apply | down-payment | purchase | goods-received | sign | disburse |
pay | settle | reschedule | write-off | recover | cancel | allowance``: the treasurer's
and the cashier's financing steps from the command line, through the same service as
the window, so every rule and role holds alike. Each prints what it posted (entry and
receipt numbers) on standard output, and a sentence on standard error."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kasir.book import open_book
from kasir.financing import service as financing
from kasir.financing.products import parse_fee
from kasir.financing.service import PostResult
from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.uow import Book
from ledger.money import ZERO
from ui.commands import financing_args
from ui.commands.output import EXIT_OK, say
from ui.user import current_actor

OPERATIONS = ("apply", "down-payment", "purchase", "goods-received", "sign", "disburse",
              "pay", "settle", "reschedule", "write-off", "recover", "cancel", "allowance",
              "product", "classes")


def _posted(result: PostResult) -> int:
    if not result.entry:
        say(_("Recorded; nothing was posted."))
        return EXIT_OK
    print(result.entry if not result.receipt else f"{result.entry}\t{result.receipt}")
    if result.receipt:
        say(_("Posted: entry {entry}, receipt {receipt}.").format(entry=result.entry,
                                                                    receipt=result.receipt))
    else:
        say(_("Posted: entry {entry}.").format(entry=result.entry))
    return EXIT_OK


def _apply(book: Book, a: argparse.Namespace) -> int:
    fee = parse_fee(a.admin_fee) if a.admin_fee is not None else None
    terms = financing.Terms(
        member=a.member, kind=a.kind, cost=a.cost, margin=a.margin or ZERO, tenor=a.tenor,
        first_due=a.first_due, product=a.product, goods=a.goods or "",
        supplier=a.supplier or "", down_payment=a.down_payment or ZERO,
        frequency=a.frequency, admin_fee=fee, fund=a.fund,
        purchase_mode="wakalah" if a.wakalah else "direct")
    applied = financing.apply(book, current_actor(), terms, a.date or book.clock.today())
    print(applied.contract)
    if applied.approved:
        say(_("Application {contract} recorded and approved.").format(
            contract=applied.contract))
    else:
        say(_("Application {contract} recorded; request {request} waits for approval by "
              "ketua.").format(contract=applied.contract, request=applied.request))
    return EXIT_OK


def _step(book: Book, a: argparse.Namespace) -> int:
    actor, day = current_actor(), a.date or book.clock.today()
    n = a.contract
    steps: dict[str, Callable[[], PostResult]] = {
        "down-payment": lambda: financing.down_payment(book, actor, n, a.amount, day,
                                                       a.channel),
        "purchase": lambda: financing.purchase(book, actor, n, day, a.channel),
        "goods-received": lambda: financing.goods_received(book, actor, n, day),
        "sign": lambda: financing.akad(book, actor, n, day, a.channel),
        "disburse": lambda: financing.disburse_qard(book, actor, n, day, a.channel),
        "pay": lambda: financing.pay(book, actor, n, a.amount, day, channel=a.channel,
                                     tazir=a.tazir or ZERO, payer=a.paid_by or ""),
        "settle": lambda: financing.settle(book, actor, n, day, a.channel),
        "recover": lambda: financing.recover(book, actor, n, a.amount, day, a.channel),
        "cancel": lambda: financing.cancel(book, actor, n, day, a.reason,
                                           a.actual_cost or ZERO, a.channel),
    }
    return _posted(steps[a.action]())


def _reschedule(book: Book, a: argparse.Namespace) -> int:
    financing.reschedule(book, current_actor(), a.contract, a.date or book.clock.today(),
                         a.tenor, a.first_due, a.reason)
    say(_("Contract {contract} rescheduled over {tenor} installments; no margin was "
          "added.").format(contract=a.contract, tenor=a.tenor))
    return EXIT_OK


def _write_off(book: Book, a: argparse.Namespace) -> int:
    entry = financing.write_off(book, current_actor(), a.contract,
                                a.date or book.clock.today(), charged_to=a.charged_to)
    print(entry)
    say(_("Contract {contract} written off: entry {entry}.").format(contract=a.contract,
                                                                   entry=entry))
    return EXIT_OK


def _allowance(book: Book, a: argparse.Namespace) -> int:
    day = a.as_of or book.clock.today()
    entry = financing.post_allowance(book, current_actor(), day)
    quality = financing.portfolio_quality(book, day)
    if entry:
        print(entry)
        say(_("Allowance (PPAP) brought to {required}: entry {entry}.").format(
            required=format_rupiah(quality.required), entry=entry))
    else:
        say(_("The allowance (PPAP) already holds the {required} required.").format(
            required=format_rupiah(quality.required)))
    return EXIT_OK


def _product(book: Book, a: argparse.Namespace) -> int:
    """Change a product's settings: on a book with users, a request for a ketua."""
    changes: dict[str, object] = {
        "name_id": a.name, "frequency": a.frequency, "margin_method": a.method,
        "fine_account": a.fine_account,
        "rounding": a.rounding.sen if a.rounding is not None else None,
        "admin_fee": parse_fee(a.admin_fee).sen if a.admin_fee is not None else None,
        "tazir": parse_fee(a.tazir).sen if a.tazir is not None else None}
    changes = {k: v for k, v in changes.items() if v is not None}
    if a.method == "annuity":
        say(_("Warning: under the annuity method more margin is recognised early, so a "
              "member who settles early pays more than under the proportional method; "
              "the cooperative's accountant should approve this policy."))
    financing.update_product(book, current_actor(), a.code, changes)
    say(_("Product {code} changed.").format(code=a.code))
    return EXIT_OK


def _classes(book: Book, a: argparse.Namespace) -> int:
    financing.set_collectibility(book, current_actor(), a.preset)
    say(_("Collectibility now follows preset {preset}.").format(preset=a.preset))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        if args.action == "product":
            return _product(book, args)
        if args.action == "classes":
            return _classes(book, args)
        if args.action == "apply":
            return _apply(book, args)
        if args.action == "reschedule":
            return _reschedule(book, args)
        if args.action == "write-off":
            return _write_off(book, args)
        if args.action == "allowance":
            return _allowance(book, args)
        return _step(book, args)


add_parsers = financing_args.add_parsers  # the operations' arguments
