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
import json
import os
import sqlite3
from pathlib import Path

from platformdirs import user_data_dir

from kasir.errors import N_
from kasir.settings import get_setting
from kasir.uow import Book
from ledger import seal as seals
from ledger.audit import Finding
from ledger.seal import Seal

LOG_NAME = "seals.jsonl"
KEEP_CHECKED = 200  # the latest seals of a book checked at each verify


def log_path() -> Path:
    return Path(user_data_dir("Kasir", appauthor=False)) / LOG_NAME


def current(book: Book) -> Seal:
    return book.read(seals.head)


def _identity(book: Book) -> str:
    created = book.read(lambda s: get_setting(s, "created_at"))
    return f"{book.label}|{created}"


def record(book: Book, what: str, seal: Seal | None = None) -> Seal:
    """Note in this computer's log that ``seal`` (by default the book's own, now) was issued
    for ``what`` (a receipt, a backup, a report...). A log that cannot be written never
    stops the work: the seal is still printed."""
    seal = seal or current(book)
    line = {"book": _identity(book), "seq": seal.seq, "code": seal.code, "what": what,
            "at": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
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


def _logged(book: Book) -> list[dict[str, object]]:
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
        if isinstance(item, dict) and item.get("book") == me:
            out.append(item)
    return out[-KEEP_CHECKED:]


def check_log(book: Book) -> list[Finding]:
    """The book still holds every history this computer sealed."""
    findings: list[Finding] = []
    head = current(book)
    logged = _logged(book)
    if not logged:
        return findings
    highest = max(logged, key=lambda item: int(item["seq"]))  # type: ignore[call-overload]
    if int(highest["seq"]) > head.seq:  # type: ignore[call-overload]
        findings.append(Finding(N_("The book holds {held} sealed records, but this computer "
                                   "sealed it at record {sealed} on {at} ({seal}): its "
                                   "history was "
                                   "cut short (a lost -wal file, an older copy put in its "
                                   "place, or records deleted)."),
                                {"held": head.seq, "sealed": highest["seq"],
                                 "at": highest["at"], "seal": f"{highest['code']} "
                                 f"/{highest['seq']}"}))
    for item in logged:
        findings.extend(_against(book, Seal(int(item["seq"]), str(item["code"])),  # type: ignore[call-overload]
                                 str(item["at"]), with_missing=False))
    return _unique(findings)


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
                           "({source}): its history was rewritten and sealed again.")
                        if source is not None
                        else N_("At record {seq} the book gives {found}, but {seal} was "
                                "sealed: its history was rewritten and sealed again."),
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
