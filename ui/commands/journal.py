"""``kasir entry post | reverse | show`` and ``kasir profit-share``: the same services the
window's journal and profit-sharing pages call."""

from __future__ import annotations

import argparse
from pathlib import Path

from kasir.book import open_book
from kasir.i18n import _
from kasir.journal import service as journal
from kasir.journal.entry_file import post_entry_file
from kasir.numbers import format_rupiah
from kasir.profit_share import service as profit_share
from reports import tabular
from ui.commands.output import EXIT_OK, emit, say
from ui.user import current_actor


def cmd_entry(args: argparse.Namespace) -> int:
    return {"post": _post, "reverse": _reverse, "show": _show}[args.action](args)


def _post(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        ref = post_entry_file(book, current_actor(), Path(args.file))
    print(ref.label)
    if ref.duplicate:
        say(_("This entry was posted before with the same key, as {entry}; nothing was "
              "posted again.").format(entry=ref.label))
    else:
        say(_("Posted: entry {entry}.").format(entry=ref.label))
    return EXIT_OK


def _reverse(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        ref = journal.reverse_by_number(book, current_actor(), args.number, reason=args.reason,
                                        day=args.date or book.clock.today())
    print(ref.label)
    say(_("Entry {entry} reversed by entry {reversal}.").format(entry=args.number,
                                                                reversal=ref.label))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        detail = journal.entry_by_number(book, args.number)
    emit(tabular.render_entry(detail, args.format))
    return EXIT_OK


def cmd_profit_share(args: argparse.Namespace) -> int:
    year, month = args.month
    with open_book(args.book) as book:
        plan = profit_share.plan(book, year, month, income=args.income)
        entry = None
        if args.post:
            entry = profit_share.post(book, current_actor(), year, month, income=args.income,
                                      expected=plan).label
        else:
            entry = profit_share.posted_entry(book, year, month)
    emit(tabular.render_profit_share(plan, args.format, entry))
    period = f"{month:02d}/{year}"
    if args.post:
        say(_("Profit sharing of {period} posted: entry {entry}, pool {pool}.")
            .format(period=period, entry=entry, pool=format_rupiah(plan.pool)))
    elif entry:
        say(_("Profit sharing of {period} was posted as entry {entry}.")
            .format(period=period, entry=entry))
    else:
        say(_("Profit sharing of {period}: pool {pool}; nothing was posted (add --post).")
            .format(period=period, pool=format_rupiah(plan.pool)))
    return EXIT_OK
