"""The ``kasir`` command: the window with no sub-command, the command line otherwise.

Headless sub-commands never import Qt, so they start fast and run on a
server without a display. Exit status: 0 success, 1 a finding or a refused
operation (with a message saying why), 2 wrong usage. Messages go to standard
error in Indonesian by default (``--lang en`` or ``KASIR_LANG=en``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kasir import i18n
from kasir.i18n import _

EXIT_OK, EXIT_FINDING, EXIT_USAGE = 0, 1, 2
REPORTS = ("trial-balance", "general-ledger", "savings-balances")


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


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kasir", description=_("Bookkeeping for Sharia community cooperatives. "
                                            "Without a command, opens the window."))
    p.add_argument("--book", help=_("the book: a file path or a database URL"))
    p.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of messages"))
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    init = sub.add_parser("init", help=_("create a new book"))
    init.add_argument("--book", default=argparse.SUPPRESS)
    init.add_argument("--name", help=_("the cooperative's name"))
    init.add_argument("--demo", action="store_true", help=_("fill it with a demo cooperative"))

    verify = sub.add_parser("verify", help=_("check the whole book"))
    verify.add_argument("--book", default=argparse.SUPPRESS)

    backup = sub.add_parser("backup", help=_("make a consistent copy of the book"))
    backup.add_argument("--book", default=argparse.SUPPRESS)
    backup.add_argument("--out", required=True, help=_("where to write the copy"))

    restore = sub.add_parser("restore", help=_("restore a backup after checking it"))
    restore.add_argument("file")
    restore.add_argument("--book", default=argparse.SUPPRESS)

    db = sub.add_parser("db", help=_("show or apply the schema version"))
    db.add_argument("action", choices=("current", "upgrade"))
    db.add_argument("--book", default=argparse.SUPPRESS)

    st = sub.add_parser("statement", help=_("member passbooks (buku simpanan) as PDF"))
    who = st.add_mutually_exclusive_group(required=True)
    who.add_argument("member", nargs="?")
    who.add_argument("--all", action="store_true", help=_("every member, one file each"))
    st.add_argument("--book", default=argparse.SUPPRESS)
    st.add_argument("--product", default="sukarela",
                    choices=("pokok", "wajib", "sukarela", "mudharabah"))
    st.add_argument("--size", default="A5", choices=("A5", "A4"))
    st.add_argument("--from", dest="date_from", type=_date)
    st.add_argument("--to", dest="date_to", type=_date)
    st.add_argument("--out", required=True)

    imp = sub.add_parser("import", help=_("import a business-event file (all or nothing)"))
    imp.add_argument("file")
    imp.add_argument("--book", default=argparse.SUPPRESS)

    report = sub.add_parser("report", help=_("print a report"))
    report.add_argument("name", choices=REPORTS)
    report.add_argument("--book", default=argparse.SUPPRESS)
    report.add_argument("--as-of", type=_date)
    report.add_argument("--from", dest="date_from", type=_date)
    report.add_argument("--to", dest="date_to", type=_date)
    report.add_argument("--format", default="tsv", choices=("tsv", "csv", "json", "pdf", "xlsx"))
    report.add_argument("--out")
    report.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    from ledger.errors import LedgerError

    try:
        return COMMANDS[args.command](args)
    except LedgerError as exc:
        print(i18n.message(exc), file=sys.stderr)
        return EXIT_FINDING
    except KeyboardInterrupt:
        print(_("Interrupted; nothing half-done was kept."), file=sys.stderr)
        return EXIT_FINDING
    except OSError as exc:
        print(_("Cannot read or write a file: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_FINDING


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


def _say(text: str) -> None:
    print(text, file=sys.stderr)


# --- commands -------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    from kasir.book import create_book
    from kasir.demo import DEMO_NAME, build_demo

    name = args.name or (DEMO_NAME if args.demo else _("New cooperative"))
    with create_book(args.book, name=name) as book:
        if args.demo:
            build_demo(book)
        _say(_("Book created: {book}").format(book=book.label))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from kasir.book import open_book
    from kasir.verify import verify_book

    with open_book(args.book) as book:
        findings = verify_book(book)
        label = book.label
    for f in findings:
        print(i18n.message(f))
    if findings:
        _say(_("{count} problem(s) found in {book}.").format(count=len(findings), book=label))
        return EXIT_FINDING
    _say(_("The book {book} is sound: every entry balances and is intact.").format(book=label))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from kasir.backup import backup_sqlite
    from kasir.book import open_book

    out = Path(args.out).expanduser().resolve()
    with open_book(args.book) as book:
        if book.path is None:
            return _pg_dump(book.url, out)
        path = book.path
    backup_sqlite(path, out)
    _say(_("Backup written: {path}").format(path=out))
    return EXIT_OK


def _pg_dump(url: str, out: Path) -> int:
    from sqlalchemy.engine import make_url

    tool = shutil.which("pg_dump")
    if tool is None:
        _say(_("pg_dump is needed to back up a PostgreSQL book; install the PostgreSQL client."))
        return EXIT_FINDING
    u = make_url(url)
    env = dict(os.environ, PGPASSWORD=u.password or "")
    cmd = [tool, "--format=custom", f"--file={out}", f"--host={u.host or 'localhost'}",
           f"--port={u.port or 5432}", f"--username={u.username or ''}", u.database or ""]
    if subprocess.run(cmd, env=env).returncode != 0:
        return EXIT_FINDING
    _say(_("Backup written: {path}").format(path=out))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from kasir.backup import automatic_backup, backup_sqlite, restore_sqlite
    from kasir.book import open_book, resolve_location
    from kasir.verify import verify_book

    source = Path(args.file).expanduser().resolve()
    target = resolve_location(args.book)
    if isinstance(target, str):
        _say(_("Restoring into a database server is done with pg_restore."))
        return EXIT_FINDING
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "pulih.kasir"
        shutil.copyfile(source, candidate)
        with open_book(candidate, backup_dir=Path(tmp) / "cadangan") as book:
            findings = verify_book(book)
        if findings:
            for f in findings:
                print(i18n.message(f))
            _say(_("The backup {file} did not pass verification; nothing was restored.")
                 .format(file=source))
            return EXIT_FINDING
        if target.exists():
            with open_book(target):
                pass  # refuses a foreign or damaged target before we touch it
            saved = automatic_backup(target, "sebelum-pemulihan")
            restore_sqlite(candidate, target)
            _say(_("Restored {file} into {book}; the previous content was saved as {saved}.")
                 .format(file=source, book=target, saved=saved))
        else:
            backup_sqlite(candidate, target)
            _say(_("Restored {file} into {book}.").format(file=source, book=target))
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from kasir import migrate
    from kasir.book import inspect_sqlite, open_book, resolve_location

    loc = resolve_location(args.book)
    if args.action == "current":
        if isinstance(loc, str):
            from sqlalchemy import create_engine

            engine = create_engine(loc)
            with engine.connect() as conn:
                revision = migrate.current_revision(conn)
            engine.dispose()
            migrate.check_not_newer(revision, loc)
        else:
            revision = inspect_sqlite(loc).revision
        head = migrate.head_revision()
        print(f"{revision or '-'}\t{head}")
        state = _("up to date") if revision == head else _("needs upgrade")
        _say(_("Schema {revision} (this program: {head}): {state}.")
             .format(revision=revision or "-", head=head, state=state))
        return EXIT_OK
    with open_book(loc) as book:
        from kasir.book import schema_revision

        _say(_("Schema is now {revision}.").format(revision=schema_revision(book)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from kasir.book import open_book
    from reports import ledger_reports, tabular

    if args.format in ("pdf", "xlsx") and not args.out:
        _say(_("The {format} format needs --out FILE.").format(format=args.format))
        return EXIT_USAGE
    with open_book(args.book) as book:
        if args.name == "trial-balance":
            tb = ledger_reports.trial_balance(book, args.as_of or args.date_to)
            rows, columns = tabular.trial_balance_rows(tb), tabular.TRIAL_BALANCE_COLUMNS
        elif args.name == "savings-balances":
            rows = tabular.savings_balance_rows(
                ledger_reports.savings_balances(book, args.as_of or args.date_to))
            columns = tabular.SAVINGS_BALANCE_COLUMNS
        else:
            gl = ledger_reports.general_ledger(book, args.date_from, args.date_to or args.as_of)
            rows, columns = tabular.general_ledger_rows(gl), tabular.GENERAL_LEDGER_COLUMNS
        if args.format in ("pdf", "xlsx"):
            from reports import paper_reports

            paper_reports.write(book, args.name, rows, Path(args.out), args.format,
                                as_of=args.as_of or args.date_to, date_from=args.date_from)
            _say(_("Report written: {path}").format(path=args.out))
            return EXIT_OK
    text = tabular.render(rows, columns, args.format)
    if args.out:
        out = Path(args.out)
        tmp = out.with_name(out.name + ".partial")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, out)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_statement(args: argparse.Namespace) -> int:
    from kasir.book import open_book
    from reports import member_papers

    out = Path(args.out)
    with open_book(args.book) as book:
        numbers = member_papers.member_numbers(book) if args.all else [args.member]
        if args.all:
            out.mkdir(parents=True, exist_ok=True)
        for i, number in enumerate(numbers, start=1):
            target = out / f"{_safe_name(number)}-{args.product}.pdf" if args.all else out
            member_papers.write_passbook(book, number, args.product, target, size=args.size,
                                         date_from=args.date_from, date_to=args.date_to)
            if args.all and sys.stderr.isatty():
                print(f"\r{i}/{len(numbers)}", end="", file=sys.stderr, flush=True)
    if args.all and sys.stderr.isatty():
        print(file=sys.stderr)
    _say(_("Statement written: {path}").format(path=out))
    return EXIT_OK


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def cmd_import(args: argparse.Namespace) -> int:
    import getpass

    from kasir.book import open_book
    from kasir.impor import import_events

    path = Path(args.file)
    if not path.is_file():
        _say(_("There is no file {path}.").format(path=path))
        return EXIT_FINDING
    show = sys.stderr.isatty()
    with open(path, "rb") as fh:
        total = sum(1 for line in fh if line.strip())

    def progress(n: int) -> None:
        if show:
            print("\r" + progress_bar(n, total), end="", file=sys.stderr, flush=True)

    with open_book(args.book) as book:
        result = import_events(book, path, user=getpass.getuser(), progress=progress)
    if show:
        print("\r" + progress_bar(total, total), file=sys.stderr)
    _say(_("{imported} events imported ({entries} entries posted), {skipped} already in the "
           "book and skipped.").format(imported=result.imported, entries=result.entries,
                                       skipped=result.skipped))
    return EXIT_OK


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """``[##########--------------------]  33%  1.000/3.000``"""
    total = max(total, 1)
    filled = min(width, width * done // total)
    return (f"[{'#' * filled}{'-' * (width - filled)}] {100 * done // total:3d}%  "
            f"{done:,}/{total:,}".replace(",", "."))


COMMANDS = {
    "init": cmd_init, "import": cmd_import, "statement": cmd_statement, "verify": cmd_verify,
    "backup": cmd_backup, "restore": cmd_restore, "db": cmd_db, "report": cmd_report,
}

if __name__ == "__main__":
    sys.exit(main())
