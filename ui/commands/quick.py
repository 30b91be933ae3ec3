"""The command line's quick answers: a question answered from the book's file with the
database driver alone, before SQLAlchemy is loaded (``kasir.book.quick_read``).

Only ``kasir report trial-balance`` in TSV, CSV or JSON is answered here, and only on
an ordinary book: anything else (a paper, a server's book, a book whose people sign in,
an output file that would be refused) goes on to the full command, which says what it
has to say in its own words. Both print the same rows (``reports.tabular``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kasir.book import quick_read
from kasir.book.files import resolve_location
from kasir.errors import OutputRefused
from reports import tabular
from ui.commands.output import EXIT_OK, emit, guard_out_beside


def answer(args: argparse.Namespace) -> int | None:
    """The exit status once answered here, or None when the full command must answer."""
    if (args.command != "report" or args.name != "trial-balance"
            or args.format not in tabular.TEXT_FORMATS or getattr(args, "group", None)):
        return None
    out = Path(args.out) if args.out else None
    if out is not None:
        book = resolve_location(args.book)
        try:
            guard_out_beside(out, book if isinstance(book, Path) else None, force=args.force)
        except OutputRefused:
            return None  # the full command refuses it, in words
    balance = quick_read.trial_balance(args.book, args.as_of or args.date_to)
    if balance is None:
        return None
    emit(tabular.render(tabular.trial_balance_rows(balance), tabular.TRIAL_BALANCE_COLUMNS,
                        args.format), out)
    return EXIT_OK

