"""The ``kasir`` command: the window with no sub-command, the command line otherwise.

This module only parses: each sub-command is a function of ``ui.commands`` that
calls one service and prints. Headless sub-commands never import Qt, so they
start fast and run on a server without a display. Exit status: 0 success, 1 a
finding or a refused operation (with a message saying why), 2 wrong usage.
Messages go to standard error in Indonesian by default (``--lang en`` or
``KASIR_LANG=en``).

Never a traceback: a refusal (``LedgerError``, which includes what ``kasir``
words for a full disk, a locked book, a server that is down, an unknown driver)
and a file the system would not read or write end in one sentence and status 1;
anything else is caught last, told in one sentence naming the log file that
holds its traceback (``ui.crashlog``), and also ends with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence

from kasir import i18n
from kasir.errors import file_error
from kasir.i18n import _
from kasir.numbers import AmountError, parse_amount
from kasir.users.roles import ROLE_NAMES, ApprovalRequested
from ledger.errors import LedgerError
from ledger.money import Money
from ui.commands import financing_args, quick
from ui.commands.lock import holding_lock
from ui.commands.output import EXIT_FINDING, EXIT_OK, EXIT_USAGE, say
from ui.crashlog import sentence, write_log

REPORTS = ("trial-balance", "general-ledger", "savings-balances", "month-close", "financing",
           "collectibility", "collection-sheet")
PRODUCTS = ("pokok", "wajib", "sukarela", "mudharabah")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date; write it as YYYY-MM-DD.").format(value=text)) from exc


def _month(text: str) -> tuple[int, int]:
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("{value} is not a month; write it as YYYY-MM.").format(value=text)) from exc
    return day.year, day.month


def _amount(text: str) -> Money:
    try:
        return parse_amount(text, allow_zero=True)
    except AmountError as exc:
        raise argparse.ArgumentTypeError(i18n.message(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kasir", description=_("Bookkeeping for Sharia community cooperatives. "
                                            "Without a command, opens the window."))
    p.add_argument("--book", help=_("the book: a file path or a database URL"))
    p.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of messages"))
    p.add_argument("--user", help=_("who signs in (or KASIR_USER); the password is asked, "
                                    "or read from KASIR_PASSWORD"))
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def book_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--book", default=argparse.SUPPRESS)
        parser.add_argument("--user", default=argparse.SUPPRESS)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=help_text)
        book_options(parser)
        return parser

    init = command("init", _("create a new book"))
    init.add_argument("--name", help=_("the cooperative's name"))
    init.add_argument("--demo", action="store_true", help=_("fill it with a demo cooperative"))

    verify = command("verify", _("check the whole book"))
    verify.add_argument(
        "--anchor", action="append", metavar="SEAL|BACKUP",
        help=_("a seal from a paper or a backup file whose history the book must still "
               "hold (may be repeated)"))
    verify.add_argument("--full", action="store_true",
                        help=_("also check that every index of the database file matches "
                               "its table (SQLite's integrity_check; slower)"))
    command("seal", _("print the book's current seal"))
    command("backup", _("make a consistent copy of the book")).add_argument(
        "--out", required=True, help=_("where to write the copy"))
    command("restore", _("restore a backup after checking it")).add_argument("file")
    _db_commands(sub, book_options)
    command("unlock", _("release the lock a Kasir that is no longer running left on the "
                        "book")).add_argument("--yes", action="store_true",
                                              help=_("do not ask for confirmation"))

    st = command("statement", _("member passbooks (buku simpanan) as PDF"))
    who = st.add_mutually_exclusive_group(required=True)
    who.add_argument("member", nargs="?")
    who.add_argument("--all", action="store_true", help=_("every member, one file each"))
    st.add_argument("--product", default="sukarela", choices=PRODUCTS)
    st.add_argument("--size", default="A5", choices=("A5", "A4"))
    st.add_argument("--from", dest="date_from", type=_date)
    st.add_argument("--to", dest="date_to", type=_date)
    st.add_argument("--out", required=True)
    st.add_argument("--force", action="store_true",
                    help=_("write over an existing file of that name"))

    command("import", _("import a business-event file (all or nothing)")).add_argument("file")

    report = command("report", _("print a report"))
    report.add_argument("name", choices=REPORTS)
    report.add_argument("--as-of", type=_date)
    report.add_argument("--from", dest="date_from", type=_date)
    report.add_argument("--to", dest="date_to", type=_date)
    report.add_argument("--format", default="tsv", choices=("tsv", "csv", "json", "pdf", "xlsx"))
    report.add_argument("--out")
    report.add_argument("--force", action="store_true",
                        help=_("write over an existing file of that name"))
    report.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS)
    report.add_argument("--group", help=_("collection-sheet: one group only (its code)"))

    entry = sub.add_parser("entry", help=_("general-journal entries: post, reverse, show"))
    verbs = entry.add_subparsers(dest="action", parser_class=_Parser, required=True)
    post = verbs.add_parser("post", help=_("post one entry read from a JSON file"))
    post.add_argument("file")
    reverse = verbs.add_parser("reverse", help=_("reverse a posted entry, with a reason"))
    reverse.add_argument("number", help=_("the entry's number, like 2026/000123"))
    reverse.add_argument("--reason", required=True)
    reverse.add_argument("--date", type=_date, help=_("the reversal's date (default: today)"))
    show = verbs.add_parser("show", help=_("one entry with its lines"))
    show.add_argument("number")
    show.add_argument("--format", default="tsv", choices=("tsv", "json"))
    for verb in (post, reverse, show):
        book_options(verb)

    share = command("profit-share", _("mudharabah profit sharing of a month"))
    share.add_argument("month", type=_month, help=_("the month, like 2026-10"))
    share.add_argument("--income", type=_amount, required=True,
                       help=_("the month's gross income to share, like 180.000"))
    share.add_argument("--post", action="store_true", help=_("post it (once)"))
    share.add_argument("--format", default="tsv", choices=("tsv", "json"))
    _people_commands(sub, book_options)
    _financing_commands(sub, book_options)
    return p


def _db_commands(sub: argparse._SubParsersAction,  # type: ignore[type-arg]
                 book_options: Callable[[argparse.ArgumentParser], None]) -> None:
    db = sub.add_parser("db", help=_("show or apply the schema version, or copy the book "
                                     "into another database"))
    book_options(db)
    verbs = db.add_subparsers(dest="action", parser_class=_Parser, required=True)
    book_options(verbs.add_parser("current", help=_("show the book's schema version")))
    book_options(verbs.add_parser("upgrade", help=_("bring the book to this program's "
                                                    "schema (after a backup)")))
    copy = verbs.add_parser("copy", help=_("copy the whole book into a new file or an empty "
                                           "PostgreSQL database, and check the copy"))
    copy.add_argument("source", metavar="FROM",
                      help=_("the book to copy: a file path or a database URL"))
    copy.add_argument("target", metavar="TO",
                      help=_("where the copy goes: a new file or an empty database URL"))
    copy.add_argument("--user", default=argparse.SUPPRESS)


def _financing_commands(sub: argparse._SubParsersAction,  # type: ignore[type-arg]
                        book_options: Callable[[argparse.ArgumentParser], None]) -> None:
    fin = sub.add_parser("financing", help=_("murabahah and qard contracts: list, show, "
                                             "print, and every step from application to "
                                             "settlement"))
    verbs = fin.add_subparsers(dest="action", parser_class=_Parser, required=True)
    listing = verbs.add_parser("list", help=_("the contracts and where each stands"))
    listing.add_argument("--all", action="store_true",
                         help=_("also those settled, written off or not yet signed"))
    listing.add_argument("--member")
    listing.add_argument("--format", default="tsv", choices=("tsv", "csv", "json"))
    show = verbs.add_parser("show", help=_("one contract with its schedule and events"))
    show.add_argument("--format", default="tsv", choices=("tsv", "json"))
    card = verbs.add_parser("card", help=_("the installment card (kartu angsuran) as PDF"))
    akad = verbs.add_parser("akad", help=_("the akad summary (ringkasan akad) as PDF"))
    for verb in (show, card, akad):
        verb.add_argument("contract", help=_("the contract's number, like MRB000001"))
    for verb in (listing, show, card):
        verb.add_argument("--as-of", type=_date)
    for verb in (card, akad):
        verb.add_argument("--out", required=True)
        verb.add_argument("--force", action="store_true",
                          help=_("write over an existing file of that name"))
    for verb in (listing, show, card, akad):
        book_options(verb)
    financing_args.add_parsers(verbs, book_options, _amount, _date)


def _people_commands(sub: argparse._SubParsersAction,  # type: ignore[type-arg]
                   book_options: Callable[[argparse.ArgumentParser], None]) -> None:
    people = sub.add_parser("user", help=_("the people who keep the book"))
    acts = people.add_subparsers(dest="action", parser_class=_Parser, required=True)
    add = acts.add_parser("add", help=_("add a user (the first one is the administrator)"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLE_NAMES)
    add.add_argument("--full-name", dest="full_name")
    listing = acts.add_parser("list", help=_("the users and their roles"))
    passwd = acts.add_parser("passwd", help=_("give a user a new password"))
    disable = acts.add_parser("disable", help=_("stop a user from signing in"))
    recover = acts.add_parser("recover", help=_("a new password for an administrator who "
                                                "forgot hers (on the computer holding the "
                                                "book; recorded in it)"))
    log = acts.add_parser("log", help=_("what was done to the users' accounts"))
    log.add_argument("name", nargs="?")
    for verb in (passwd, disable, recover):
        verb.add_argument("name")
    for verb in (add, listing, passwd, disable, recover, log):
        book_options(verb)

    request = sub.add_parser("request", help=_("maker-checker requests waiting for a second "
                                               "person"))
    verbs = request.add_subparsers(dest="action", parser_class=_Parser, required=True)
    listing = verbs.add_parser("list", help=_("the requests, newest first"))
    listing.add_argument("--status", choices=("pending", "approved", "rejected"))
    listing.add_argument("--format", default="tsv", choices=("tsv", "csv", "json"))
    book_options(listing)
    approve = sub.add_parser("approve", help=_("approve a request and carry it out"))
    reject = sub.add_parser("reject", help=_("reject a request, with a reason"))
    reject.add_argument("--reason", required=True)
    for verb in (approve, reject):
        verb.add_argument("id", type=int)
        book_options(verb)


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The command ``name`` of ``ui.commands.<module>``, imported only when it runs: a
    command loads what it needs (a trial balance in TSV no paper, spreadsheet or
    financing service), so it starts in a fraction of the time."""
    def command(args: argparse.Namespace) -> int:
        import importlib

        run: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(f"ui.commands.{module}"), name)
        return run(args)

    command.__name__ = command.__qualname__ = name
    return command


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": _lazy("book", "cmd_init"), "import": _lazy("imports", "cmd_import"),
    "statement": _lazy("papers", "cmd_statement"), "verify": _lazy("book", "cmd_verify"),
    "backup": _lazy("book", "cmd_backup"), "restore": _lazy("book", "cmd_restore"),
    "db": _lazy("book", "cmd_db"), "report": _lazy("papers", "cmd_report"),
    "entry": _lazy("journal", "cmd_entry"), "profit-share": _lazy("journal", "cmd_profit_share"),
    "unlock": _lazy("lock", "cmd_unlock"), "seal": _lazy("book", "cmd_seal"),
    "financing": _lazy("financing", "cmd_financing"), "user": _lazy("users", "cmd_user"),
    "request": _lazy("requests", "cmd_request"), "approve": _lazy("requests", "cmd_approve"),
    "reject": _lazy("requests", "cmd_reject"),
}


def needs_sign_in(args: argparse.Namespace) -> bool:
    """Every command that opens a book signs in first (a book with no users lets anyone):
    not ``init`` (no book yet), ``db current`` (reads the version without opening the
    book), ``unlock`` (a file beside the book) nor ``user recover`` (the way back in for
    a forgotten administrator password); ``db copy`` signs in to its FROM itself, once
    it knows that opening it will not upgrade it."""
    if args.command in ("init", "unlock"):
        return False
    if args.command == "db" and args.action in ("current", "copy"):
        return False
    return not (args.command == "user" and args.action == "recover")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the window); the exit status, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not logging.getLogger().handlers:
        # a library's warning (psycopg's "error ignored ...") is not for the terminal:
        # without this, logging's last-resort handler prints it beside our sentence
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        return _run(args)
    except KeyboardInterrupt:
        say(_("Interrupted; nothing half-done was kept."))
        return EXIT_FINDING
    except BrokenPipeError:
        _quiet_stdout()  # the reader (``| head``) left; nothing to tell anyone
        return EXIT_FINDING
    except Exception as exc:  # noqa: BLE001 (the last resort: a sentence, not a traceback)
        say(sentence(exc, write_log(exc, " ".join(["kasir", *args]))))
        return EXIT_FINDING


def _run(argv: list[str]) -> int:
    _early_language(argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(_("kasir: {problem}\nSee: kasir --help").format(problem=exc), file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "lang", None):
        i18n.set_language(args.lang)
    if args.command is None:
        from ui.app import main as window_main  # Qt only for the window

        return window_main(sys.argv[:1], book_location=args.book, lang=args.lang)
    try:
        with holding_lock(args):  # one program at a time on a SQLite book
            answered = quick.answer(args)  # an ordinary question, without SQLAlchemy
            if answered is not None:
                return answered
            if needs_sign_in(args):
                from ui.commands.signin import sign_in

                sign_in(args.book, args.user)
            return COMMANDS[args.command](args)
    except ApprovalRequested as exc:  # done once a second person approves: not a failure
        print(exc.params["request"])
        say(i18n.message(exc))
        return EXIT_OK
    except LedgerError as exc:
        say(i18n.message(exc))
        return EXIT_FINDING
    except BrokenPipeError:
        raise
    except OSError as exc:
        say(i18n.message(file_error(exc)))
        return EXIT_FINDING


def _quiet_stdout() -> None:
    """Point standard output at nothing, so Python's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _early_language(argv: list[str]) -> None:
    """Pick the language before the parser words its own messages."""
    lang = os.environ.get("KASIR_LANG")
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


if __name__ == "__main__":
    sys.exit(main())
