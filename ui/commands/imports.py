"""``kasir import FILE``: a business-event file into the book, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kasir.book import open_book
from kasir.i18n import _
from kasir.imports import service as imports
from ui.commands.output import EXIT_FINDING, EXIT_OK, progress, say
from ui.user import current_actor


def cmd_import(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        say(_("There is no file {path}.").format(path=args.file))
        return EXIT_FINDING
    total = imports.event_file(args.file).lines
    show = sys.stderr.isatty()

    def report(n: int) -> None:
        if show:
            print("\r" + progress(n, total), end="", file=sys.stderr, flush=True)

    with open_book(args.book) as book:
        result = imports.import_event_file(book, current_actor(), args.file, report)
    if show:
        print(file=sys.stderr)
    say(_("{imported} events imported ({entries} entries posted), {skipped} already in the "
          "book and skipped.").format(imported=result.imported, entries=result.entries,
                                      skipped=result.skipped))
    return EXIT_OK
