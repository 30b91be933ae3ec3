"""``kasir init | verify | seal | backup | restore | db``: the book itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kasir import i18n
from kasir.book import service
from kasir.book.copy import check_places, copy_book
from kasir.i18n import _
from ui.commands.output import EXIT_FINDING, EXIT_OK, progress, say
from ui.commands.signin import sign_in
from ui.user import current_actor


def cmd_init(args: argparse.Namespace) -> int:
    label = service.init(args.book, name=args.name, demo=args.demo,
                         default_name=_("New cooperative"))
    say(_("Book created: {book}").format(book=label))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    result = service.verify(args.book, args.anchor or (), full=args.full)
    for f in result.findings:
        print(i18n.message(f))
    if not result.sound:
        say(_("{count} problem(s) found in {book}.").format(count=len(result.findings),
                                                            book=result.book))
        return EXIT_FINDING
    say(_("The book {book} is sound: every entry balances and is intact.")
        .format(book=result.book))
    if args.anchor:
        say(_("It still holds the history of: {anchors}.").format(
            anchors=", ".join(args.anchor)))
    return EXIT_OK


def cmd_seal(args: argparse.Namespace) -> int:
    book, seal = service.seal(args.book)
    print(seal)
    say(_("The seal of {book} as it stands: {seal} (noted in this computer's seal log).")
        .format(book=book, seal=seal))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    out = service.back_up(args.book, Path(args.out), actor=current_actor())
    say(_("Backup written: {path}").format(path=out))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    result = service.restore(args.file, args.book, actor=current_actor())
    if not result.done:
        for f in result.findings:
            print(i18n.message(f))
        say(_("The backup {file} did not pass verification; nothing was restored.")
            .format(file=result.source))
        return EXIT_FINDING
    if result.saved is not None:
        say(_("Restored {file} into {book}; the previous content was saved as {saved}.")
            .format(file=result.source, book=result.book, saved=result.saved))
    else:
        say(_("Restored {file} into {book}.").format(file=result.source, book=result.book))
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    if args.action == "copy":
        return _db_copy(args)
    if args.action == "current":
        state = service.schema_state(args.book)
        print(f"{state.revision or '-'}\t{state.head}")
        words = _("up to date") if state.current else _("needs upgrade")
        say(_("Schema {revision} (this program: {head}): {state}.")
            .format(revision=state.revision or "-", head=state.head, state=words))
        return EXIT_OK
    revision = service.upgrade(args.book, actor=current_actor())
    say(_("Schema is now {revision}.").format(revision=revision))
    return EXIT_OK


def _db_copy(args: argparse.Namespace) -> int:
    """``kasir db copy FROM TO``: a line per table on a terminal, the figures at the end,
    the seal on standard output (the copy's, the same as the book's)."""
    show = sys.stderr.isatty()

    def report(table: str, done: int, total: int) -> None:
        if show:
            end = "\n" if done >= total else ""
            print(f"\r{table:<20} {progress(done, total)}", end=end, file=sys.stderr,
                  flush=True)

    check_places(args.source, args.target)  # before signing in: opening would upgrade it
    sign_in(args.source, getattr(args, "user", None))
    result = copy_book(args.source, args.target, actor=current_actor(), progress=report)
    figures = result.figures
    if not result.done:
        for f in result.findings:
            print(i18n.message(f))
        if result.kept:
            say(_("The copy in {target} does not match {source} ({count} difference(s)); "
                  "the database was left as it is for inspection: empty it before copying "
                  "again.").format(target=result.target, source=result.source,
                                   count=len(result.findings)))
        else:
            say(_("The copy {target} does not match {source} ({count} difference(s)); it "
                  "was removed.").format(target=result.target, source=result.source,
                                         count=len(result.findings)))
        return EXIT_FINDING
    print(figures.seal)
    say(_("Copied {source} into {target}: {tables} tables, {rows} rows, {entries} posted "
          "entries, in {seconds} s.").format(
        source=result.source, target=result.target, tables=len(figures.rows),
        rows=figures.total_rows, entries=figures.entries, seconds=f"{result.seconds:.1f}"))
    say(_("The copy passed verification with the same trial balance, rows and audit chain; "
          "its seal is the book's: {seal}.").format(seal=figures.seal))
    return EXIT_OK
