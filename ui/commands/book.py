"""``kasir init | verify | seal | backup | restore | db``: the book itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from kasir import i18n
from kasir.book import service
from kasir.i18n import _
from ui.commands.output import EXIT_FINDING, EXIT_OK, say
from ui.user import current_actor


def cmd_init(args: argparse.Namespace) -> int:
    label = service.init(args.book, name=args.name, demo=args.demo,
                         default_name=_("New cooperative"))
    say(_("Book created: {book}").format(book=label))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    result = service.verify(args.book, args.anchor or ())
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
