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
from kasir.uow import Book
from reports import ledger_reports, tabular
from ui.commands.output import EXIT_OK, EXIT_USAGE, emit, guard_out, say, text_out, writing

FINANCING_REPORTS = ("financing", "collectibility", "collection-sheet")  # ui.commands.financing


def cmd_report(args: argparse.Namespace) -> int:
    if args.format in ("pdf", "xlsx") and not args.out:
        say(_("The {format} format needs --out FILE.").format(format=args.format))
        return EXIT_USAGE
    out = Path(args.out) if args.out else None
    as_of = args.as_of or args.date_to
    if args.name == "month-close":
        return _month_close(args, out, as_of)
    if args.name in FINANCING_REPORTS or getattr(args, "group", None):
        from ui.commands import financing

        return financing.report(args, out, as_of)
    with open_book(args.book) as book:
        if out is not None:
            guard_out(out, book, force=args.force)
        if args.name == "general-ledger":
            with ledger_reports.general_ledger_stream(book, args.date_from, as_of) as stream:
                if args.format not in ("pdf", "xlsx"):
                    with text_out(out) as fh:
                        tabular.write_table(stream, tabular.GENERAL_LEDGER_COLUMNS,
                                            args.format, fh)
                    return EXIT_OK
                lines = list(stream)  # a paper needs all its rows (its pages, its totals)
            return _paper(args, book, lines, out, as_of)
        if args.name == "trial-balance":
            rows = tabular.trial_balance_rows(ledger_reports.trial_balance(book, as_of))
            columns = tabular.TRIAL_BALANCE_COLUMNS
        else:
            rows = tabular.savings_balance_rows(ledger_reports.savings_balances(book, as_of))
            columns = tabular.SAVINGS_BALANCE_COLUMNS
        if args.format in ("pdf", "xlsx"):
            return _paper(args, book, rows, out, as_of)
    emit(tabular.render(rows, columns, args.format), out)
    return EXIT_OK


def _paper(args: argparse.Namespace, book: Book, rows: list[tabular.Row], out: Path | None,
           as_of: dt.date | None) -> int:
    from reports import paper_reports  # papers and spreadsheets only when one is asked for

    assert out is not None  # cmd_report asked for --out
    with writing(out):
        paper_reports.write(book, args.name, rows, out, args.format,
                            as_of=as_of, date_from=args.date_from)
    say(_("Report written: {path}").format(path=args.out))
    return EXIT_OK


def _month_close(args: argparse.Namespace, out: Path | None, as_of: dt.date | None) -> int:
    """The month-close sheet of the month of ``--as-of`` (this month without it): a paper."""
    if args.format != "pdf" or out is None:
        say(_("The month-close sheet is a paper: use --format pdf --out FILE."))
        return EXIT_USAGE
    from reports.month_close import write_month_close

    with open_book(args.book) as book:
        day = as_of or book.clock.today()
        guard_out(out, book, force=args.force)
        with writing(out):
            write_month_close(book, day.year, day.month, out)
    say(_("Report written: {path}").format(path=args.out))
    return EXIT_OK


def cmd_statement(args: argparse.Namespace) -> int:
    from reports import member_papers, passbooks

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
                # on every core, each file whole under its name (reports.passbooks)
                passbooks.write_passbooks(
                    book, numbers, args.product, targets, size=args.size,
                    date_from=args.date_from, date_to=args.date_to,
                    progress=(lambda i, n: print(f"\r{i}/{n}", end="", file=sys.stderr,
                                                 flush=True)) if show else None)
        else:
            with writing(out):
                member_papers.write_passbook(book, args.member, args.product, out,
                                             size=args.size, date_from=args.date_from,
                                             date_to=args.date_to)
    if show:
        print(file=sys.stderr)
    say(_("Statement written: {path}").format(path=out))
    return EXIT_OK


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
