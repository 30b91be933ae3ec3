"""``kasir financing list | show | card | akad`` and the financing reports of ``kasir report``
(``financing``, ``collectibility``, ``collection-sheet``): the same services the window's
financing and meeting pages call.

Every file named with ``--out`` is checked before anything is read or written, as for
every other report (``ui.commands.output.guard_out``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kasir.book import open_book
from kasir.financing import service as financing
from kasir.i18n import _
from kasir.meetings import service as meetings
from kasir.members import service as members
from kasir.uow import Book
from reports import financing_papers, paper_reports, tabular
from ui.commands import financing_ops
from ui.commands.output import EXIT_OK, EXIT_USAGE, emit, guard_out, say, writing
from ui.commands.papers import FINANCING_REPORTS

REPORTS = FINANCING_REPORTS  # what `kasir report` hands to this module


def _classes(book: Book, day: dt.date) -> dict[str, str]:
    return {row.number: klass for row, klass in financing.portfolio_quality(book, day).contracts}


def _groups(book: Book, group: str | None) -> list[str]:
    if group:
        return [group]
    return [g.code for g in members.groups(book) if g.active]


def report(args: argparse.Namespace, out: Path | None, as_of: dt.date | None) -> int:
    """One of ``REPORTS`` as text, a spreadsheet or its paper."""
    group = getattr(args, "group", None)
    if group and args.name != "collection-sheet":
        say(_("--group is for the collection sheet only."))
        return EXIT_USAGE
    with open_book(args.book) as book:
        if out is not None:
            guard_out(out, book, force=args.force)
        day = as_of or book.clock.today()
        paper = args.format == "pdf"
        if args.name == "financing":
            rows = tabular.financing_rows(financing.contracts(book, day), _classes(book, day))
            columns = tabular.FINANCING_COLUMNS
            paper = False  # its paper is the table: the nominatif pembiayaan
        elif args.name == "collectibility":
            quality = financing.portfolio_quality(book, day)
            if paper and out is not None:
                with writing(out):
                    financing_papers.write_portfolio(book, quality, out)
            rows, columns = tabular.collectibility_rows(quality), tabular.COLLECTIBILITY_COLUMNS
        else:
            sheets = [meetings.sheet(book, code, day) for code in _groups(book, group)]
            if paper and out is not None:
                with writing(out):
                    financing_papers.write_collection_sheets(book, sheets, out)
            rows = tabular.collection_sheet_rows(sheets)
            columns = tabular.COLLECTION_SHEET_COLUMNS
        if out is not None and args.format in ("pdf", "xlsx"):
            if not paper:
                with writing(out):
                    paper_reports.write(book, args.name, rows, out, args.format, as_of=day)
            say(_("Report written: {path}").format(path=args.out))
            return EXIT_OK
    emit(tabular.render(rows, columns, args.format), out)
    return EXIT_OK


def cmd_financing(args: argparse.Namespace) -> int:
    if args.action in financing_ops.OPERATIONS:
        return financing_ops.run(args)
    return {"list": _list, "show": _show, "card": _paper, "akad": _paper}[args.action](args)


def _list(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        rows = financing.contracts(book, args.as_of, open_only=not args.all,
                                   member=args.member)
    emit(tabular.render(tabular.contract_list_rows(rows), tabular.CONTRACT_LIST_COLUMNS,
                        args.format))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        page = financing.contract_page(book, args.contract, args.as_of)
    emit(tabular.render_contract(page, args.format))
    return EXIT_OK


def _paper(args: argparse.Namespace) -> int:
    """The akad summary or the installment card of one contract, as PDF."""
    out = Path(args.out)
    with open_book(args.book) as book:
        guard_out(out, book, force=args.force)
        day = getattr(args, "as_of", None) or book.clock.today()
        page = financing.contract_page(book, args.contract, day)
        with writing(out):
            if args.action == "akad":
                financing_papers.write_akad(book, page, out)
            else:
                financing_papers.write_card(book, page, day, out)
    say(_("Paper written: {path}").format(path=args.out))
    return EXIT_OK
