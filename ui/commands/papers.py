"""``kasir report`` and ``kasir statement``: what the book says, as text or paper.

Every file named with ``--out`` is checked before anything is written: never the
open book (not even with ``--force``), never an existing file without
``--force``; for ``statement --all`` every member's file is checked before the
first is written, so a refusal leaves the folder as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kasir.book import open_book
from kasir.i18n import _
from reports import ledger_reports, member_papers, paper_reports, tabular
from reports.month_close import write_month_close
from ui.commands import financing
from ui.commands.output import EXIT_OK, EXIT_USAGE, emit, guard_out, say, writing


def cmd_report(args: argparse.Namespace) -> int:
    if args.format in ("pdf", "xlsx") and not args.out:
        say(_("The {format} format needs --out FILE.").format(format=args.format))
        return EXIT_USAGE
    out = Path(args.out) if args.out else None
    as_of = args.as_of or args.date_to
    if args.name == "month-close":
        return _month_close(args, out, as_of)
    if args.name in financing.REPORTS or getattr(args, "group", None):
        return financing.report(args, out, as_of)
    with open_book(args.book) as book:
        if out is not None:
            guard_out(out, book, force=args.force)
        if args.name == "trial-balance":
            rows = tabular.trial_balance_rows(ledger_reports.trial_balance(book, as_of))
            columns = tabular.TRIAL_BALANCE_COLUMNS
        elif args.name == "savings-balances":
            rows = tabular.savings_balance_rows(ledger_reports.savings_balances(book, as_of))
            columns = tabular.SAVINGS_BALANCE_COLUMNS
        else:
            gl = ledger_reports.general_ledger(book, args.date_from, as_of)
            rows, columns = tabular.general_ledger_rows(gl), tabular.GENERAL_LEDGER_COLUMNS
        if out is not None and args.format in ("pdf", "xlsx"):
            with writing(out):
                paper_reports.write(book, args.name, rows, out, args.format,
                                    as_of=as_of, date_from=args.date_from)
            say(_("Report written: {path}").format(path=args.out))
            return EXIT_OK
    emit(tabular.render(rows, columns, args.format), out)
    return EXIT_OK


def _month_close(args: argparse.Namespace, out: Path | None, as_of: dt.date | None) -> int:
    """The month-close sheet of the month of ``--as-of`` (this month without it): a paper."""
    if args.format != "pdf" or out is None:
        say(_("The month-close sheet is a paper: use --format pdf --out FILE."))
        return EXIT_USAGE
    with open_book(args.book) as book:
        day = as_of or book.clock.today()
        guard_out(out, book, force=args.force)
        with writing(out):
            write_month_close(book, day.year, day.month, out)
    say(_("Report written: {path}").format(path=args.out))
    return EXIT_OK


def cmd_statement(args: argparse.Namespace) -> int:
    out = Path(args.out)
    show = args.all and sys.stderr.isatty()
    with open_book(args.book) as book:
        numbers = member_papers.member_numbers(book) if args.all else [args.member]
        if args.all:
            guard_out(out, book, force=True)  # the folder itself: only never the book
            targets = [out / f"{_safe_name(n)}-{args.product}.pdf" for n in numbers]
        else:
            targets = [out]
        for target in targets:
            guard_out(target, book, force=args.force)
        if args.all:
            with writing(out):
                out.mkdir(parents=True, exist_ok=True)
        for i, (number, target) in enumerate(zip(numbers, targets, strict=True), start=1):
            with writing(target):
                member_papers.write_passbook(book, number, args.product, target,
                                             size=args.size, date_from=args.date_from,
                                             date_to=args.date_to)
            if show:
                print(f"\r{i}/{len(numbers)}", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    say(_("Statement written: {path}").format(path=out))
    return EXIT_OK


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
