"""Seals the program has issued, kept outside the book, and the anchors ``verify`` checks.

Every paper prints the seal of the book as it was printed, every backup carries it, and
this computer keeps a log of the seals it issued (``seals.jsonl`` in the user's data
folder). A book whose history was cut short (a lost ``-wal`` file, an older copy put in
its place, entries deleted with their state rows) holds fewer sealed records (postings
and changes) than a seal this computer issued; one rewritten and re-sealed gives another code at a sealed number.
``kasir verify --anchor SEAL|BACKUP`` checks a seal from a paper, or the head of a backup,
the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.exc import SQLAlchemyError

from kasir import uow
from kasir.errors import N_
from kasir.settings import get_setting
from kasir.uow import Book
from ledger import seal as seals
from ledger.audit import Finding
from ledger.errors import LedgerError
from ledger.seal import Seal

LOG_NAME = "seals.jsonl"
RESTORED = "restore"  # a log line after which earlier seals of the book no longer count
KEEP_CHECKED = 200  # the latest seals of a book checked at each verify


def log_path() -> Path:
    return Path(user_data_dir("Kasir", appauthor=False)) / LOG_NAME


def current(book: Book) -> Seal:
    return book.read(seals.head)


def _identity(book: Book) -> str:
    known = getattr(book, "_seal_identity", None)
    if known is not None:
        return str(known)
    created = book.read(lambda s: get_setting(s, "created_at"))
    identity = f"{book.label}|{created}"
    if created:
        book._seal_identity = identity  # type: ignore[attr-defined]
    return identity


def head_path(book: Book) -> Path:
    """This computer's note of the book's last committed head, one small file per book."""
    name = hashlib.sha256(_identity(book).encode("utf-8")).hexdigest()[:20]
    return log_path().parent / "heads" / f"{name}.json"


def note_head(book: Book, *, force: bool = False) -> None:
    """After every commit: the head the book reached, kept outside it (written whole,
    then renamed into place), so a history later cut short (a lost ``-wal`` file, an
    older copy put in its place) is named by ``verify`` even when no paper was printed.
    Never fails the work, which is already committed. The head is the one the unit of
    work left (``uow.committed_head``) when it sealed something, so a cashier's commit
    needs no read of its own; otherwise it is read from the book."""
    try:
        known = uow.committed_head() if not force else None
        seal = Seal(known[0], seals.code_of(known[1])) if known else current(book)
        if not force and getattr(book, "_noted_seq", None) == seal.seq:
            return
        path = head_path(book)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"book": _identity(book), "seq": seal.seq, "code": seal.code,
                                   "at": dt.datetime.now().isoformat(timespec="seconds")},
                                  ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
        book._noted_seq = seal.seq  # type: ignore[attr-defined]
    except (OSError, LedgerError, SQLAlchemyError):
        pass


def _noted_head(book: Book) -> dict[str, object] | None:
    try:
        item = json.loads(head_path(book).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(item, dict) and item.get("book") == _identity(book) and \
            isinstance(item.get("seq"), int) and isinstance(item.get("code"), str):
        return item
    return None


def mark_restored(book: Book) -> None:
    """A restore puts an older history in place on purpose: the seals issued before it
    are no longer the book's, and the log says so (they stay in it, for the record)."""
    record(book, RESTORED)
    note_head(book, force=True)



def record(book: Book, what: str, seal: Seal | None = None) -> Seal:
    """Note in this computer's log that ``seal`` (by default the book's own, now) was issued
    for ``what`` (a receipt, a backup, a report...). A log that cannot be written never
    stops the work: the seal is still printed."""
    return record_many(book, [what], seal)


def record_many(book: Book, whats: list[str], seal: Seal | None = None) -> Seal:
    """``record`` for many papers printed under one seal (every member's passbook): one
    line each, written and synced once."""
    seal = seal or current(book)
    at = dt.datetime.now().isoformat(timespec="seconds")
    identity = _identity(book)
    text = "".join(json.dumps({"book": identity, "seq": seal.seq, "code": seal.code,
                               "what": what, "at": at}, ensure_ascii=False) + "\n"
                   for what in whats)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        pass
    return seal


def write_beside(backup: Path, seal: Seal) -> Path:
    """The seal of a backup, in a small text file beside it: the copy carries its seal."""
    path = backup.with_name(backup.name + ".seal")
    path.write_text(f"{seal}\n", "utf-8")
    return path


def read_beside(backup: Path) -> str:
    """The seal a backup carries, as printed ("" when its ``.seal`` file is missing)."""
    try:
        text = backup.with_name(backup.name + ".seal").read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    found = seals.parse(text)
    return str(found) if found is not None else ""


def _log_lines(book: Book) -> list[dict[str, object]]:
    """This book's lines of the seal log, oldest first (unreadable lines skipped)."""
    try:
        raw = log_path().read_text("utf-8").splitlines()
    except OSError:
        return []
    me = _identity(book)
    out = []
    for text in raw:
        try:
            item = json.loads(text)
        except ValueError:
            continue
        if isinstance(item, dict) and item.get("book") == me and \
                isinstance(item.get("seq"), int) and isinstance(item.get("code"), str):
            out.append(item)
    return out


def _logged(book: Book) -> list[dict[str, object]]:
    """The seals to check: the latest ones issued since the book's last restore."""
    out: list[dict[str, object]] = []
    for item in _log_lines(book):
        if item.get("what") == RESTORED:
            out = []  # what was sealed before the restore is another history
        else:
            out.append(item)
    return out[-KEEP_CHECKED:]


def check_log(book: Book) -> list[Finding]:
    """The book still holds every history this computer sealed: the seals it printed
    and the last head it committed."""
    findings: list[Finding] = []
    head = current(book)
    logged = _logged(book)
    noted = _noted_head(book)
    if noted is not None and not _restored_after(book, noted):
        logged.append(noted)
    if not logged:
        return findings
    highest = max(logged, key=lambda item: int(item["seq"]))  # type: ignore[call-overload]
    if int(highest["seq"]) > head.seq:  # type: ignore[call-overload]
        findings.append(Finding(N_("The book holds {held} sealed records, but this computer "
                                   "sealed it at record {sealed} on {at} ({seal}): its "
                                   "history was cut short (a lost -wal file, an older copy "
                                   "put in its place, or records deleted)."),
                                {"held": head.seq, "sealed": highest["seq"],
                                 "at": highest["at"], "seal": f"{highest['code']} "
                                 f"/{highest['seq']}"}))
    for item in logged:
        findings.extend(_against(book, Seal(int(item["seq"]), str(item["code"])),  # type: ignore[call-overload]
                                 str(item["at"]), with_missing=False))
    return _unique(findings)


def _restored_after(book: Book, noted: dict[str, object]) -> bool:
    """A head noted before the book's last restore (its note could not be rewritten)."""
    restores = [str(item.get("at", "")) for item in _log_lines(book)
                if item.get("what") == RESTORED]
    return bool(restores) and max(restores) > str(noted.get("at", ""))


def check_anchor(book: Book, anchor: str) -> list[Finding]:
    """A seal from a paper (``K7Q2-9XMD-4T /1234``) or a backup file's head."""
    path = Path(anchor)
    if path.is_file():
        seal = backup_seal(path)
        if seal is None:
            return [Finding(N_("{anchor} is neither a seal nor a Kasir backup."),
                            {"anchor": anchor})]
        return _against(book, seal, path.name, with_missing=True)
    seal = seals.parse(anchor)
    if seal is None:
        return [Finding(N_("{anchor} is neither a seal nor a Kasir backup."),
                        {"anchor": anchor})]
    return _against(book, seal, None, with_missing=True)


def backup_seal(path: Path) -> Seal | None:
    """The head of a backup, read without writing anything beside it."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            row = con.execute("SELECT last_seq, last_hash FROM ledger_state").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if row is None:
        return Seal(0, seals.code_of(""))
    return Seal(int(row[0] or 0), seals.code_of(row[1] or ""))


def _against(book: Book, seal: Seal, source: str | None, *,
             with_missing: bool) -> list[Finding]:
    """``source`` names where the seal came from (a backup, the log's date); a seal typed
    from a paper is its own name (``None``)."""
    found = book.read(lambda s: seals.at(s, seal.seq))
    params: dict[str, object] = {"seq": seal.seq, "seal": str(seal)}
    if source is not None:
        params["source"] = source
    if found is None:
        if not with_missing:
            return []  # the cut-short history is reported once, by the highest seal
        return [Finding(N_("The book no longer holds record {seq} sealed as {seal} "
                           "({source}): its history was cut short.") if source is not None
                        else N_("The book no longer holds record {seq} sealed as {seal}: "
                                "its history was cut short."), params)]
    if found.code != seal.code:
        params["found"] = str(found)
        return [Finding(N_("At record {seq} the book gives {found}, but {seal} was sealed "
                           "({source}): its history was rewritten and sealed again, or an "
                           "older copy was put in its place and worked on.")
                        if source is not None
                        else N_("At record {seq} the book gives {found}, but {seal} was "
                                "sealed: its history was rewritten and sealed again, or an older "
                                "copy was put in its place and worked on."),
                        params)]
    return []


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        key = f.english()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


uow.COMMITTED.append(note_head)
