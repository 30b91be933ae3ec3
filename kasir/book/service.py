"""The book's use cases for both faces: create (with the demo), verify, back up, restore,
and the schema version. The command line prints what these return; the window's
start dialog and backup actions call the same functions."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from kasir.actor import Actor
from kasir.book import backup, migrate, seals
from kasir.book.demo import DEMO_NAME, build_demo
from kasir.book.opening import (
    create_book,
    inspect_sqlite,
    open_book,
    resolve_location,
    schema_revision,
)
from kasir.book.verify import verify_book
from kasir.db import make_engine, safe_url
from kasir.errors import N_, OUT_IS_BOOK, KasirError, OutputRefused
from kasir.uow import Book
from kasir.users import requests
from kasir.users.permissions import Permission, require
from kasir.users.requests import Approval
from ledger.audit import Finding
from ledger.seal import Seal


def init(location: str | Path | None, *, name: str | None = None, demo: bool = False,
         default_name: str = "") -> str:
    """Create a book (never over an existing one), with the demo cooperative if asked;
    returns where it is."""
    with create_book(location, name=name or (DEMO_NAME if demo else default_name)) as book:
        if demo:
            build_demo(book)
        return book.label


@dataclass(frozen=True, slots=True)
class Verification:
    book: str
    findings: list[Finding]

    @property
    def sound(self) -> bool:
        return not self.findings


def verify(location: str | Path | None, anchors: Sequence[str] = (), *,
           full: bool = False) -> Verification:
    """The whole book checked; ``anchors`` are seals from papers (``K7Q2-9XMD-4T /1234``)
    or backup files whose history the book must still hold. The file is checked by
    ``verify_book`` itself, so opening skips its own quick check; ``full``: SQLite's
    ``integrity_check`` too (see ``verify_book``)."""
    with open_book(location, full_check=False) as book:
        return Verification(book.label, verify_book(book, anchors, full=full))


def seal(location: str | Path | None) -> tuple[str, Seal]:
    """The book's seal as it stands, noted in this computer's seal log (someone may
    write it down: a history later cut short below it is then named by ``verify``)."""
    with open_book(location) as book:
        return book.label, seals.record(book, "kasir seal")


def back_up(location: str | Path | None, out: Path, *, actor: Actor | None = None) -> Path:
    """A consistent copy of the book: SQLite's online backup, or pg_dump for a server.
    A book with users asks who makes it (``actor``: the treasurer's work)."""
    out = Path(out).expanduser().resolve()
    with open_book(location) as book:
        require(book, actor, Permission.BACKUP)
        if book.is_its_file(out):
            raise OutputRefused(OUT_IS_BOOK, path=str(out))
        if book.path is None:
            _pg_dump(book.url, out)
            return out
        path = book.path
    backup.backup_sqlite(path, out)
    return out


def _pg_dump(url: str, out: Path) -> None:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise KasirError(N_("pg_dump is needed to back up a PostgreSQL book; install the "
                            "PostgreSQL client."))
    u = make_url(url)
    env = dict(os.environ, PGPASSWORD=u.password or "")
    cmd = [tool, "--format=custom", f"--file={out}", f"--host={u.host or 'localhost'}",
           f"--port={u.port or 5432}", f"--username={u.username or ''}", u.database or ""]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise KasirError(N_("pg_dump could not back up the book: {reason}"),
                         reason=(done.stderr or "").strip())


@dataclass(frozen=True, slots=True)
class Restored:
    source: Path
    book: Path
    saved: Path | None  # the automatic backup of what the book held before
    findings: list[Finding]  # the backup's own problems: nothing was restored

    @property
    def done(self) -> bool:
        return not self.findings


def restore(source: Path | str, location: str | Path | None, *,
            actor: Actor | None = None, approval: Approval | None = None) -> Restored:
    """Restore a backup into the book only after it passes ``verify``; what the book held
    is backed up first. A foreign or damaged target is refused before it is touched, and
    a target with users only to its administrator (``actor``), after the approver's yes
    (``approval``): until then the restore is a request (``ApprovalRequested``)."""
    source = Path(source).expanduser().resolve()
    target = resolve_location(location)
    if isinstance(target, str):
        raise KasirError(N_("Restoring into a database server is done with pg_restore."))
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "pulih.kasir"
        shutil.copyfile(source, candidate)
        with open_book(candidate, backup_dir=Path(tmp) / "cadangan") as book:
            findings = verify_book(book, full=True)
        if findings:
            return Restored(source, target, None, findings)
        if target.exists():
            with open_book(target) as current:  # refuses a foreign or damaged target
                require(current, actor, Permission.RESTORE)
                decided = _restore_gate(current, actor, approval, source)
            saved = backup.automatic_backup(target, "sebelum-pemulihan")
            backup.restore_sqlite(candidate, target)
            with open_book(target) as restored:
                seals.mark_restored(restored)  # the older history is now the book's, on purpose
                if decided is not None:  # the restored book keeps the decision that restored it
                    restored.run(lambda s: requests.record_decided(s, decided))
            return Restored(source, target, saved, [])
        backup.backup_sqlite(candidate, target)
        return Restored(source, target, None, [])


def _restore_gate(current: Book, actor: Actor | None, approval: Approval | None,
                  source: Path) -> dict[str, object] | None:
    """On a book with users a restore waits for the approver; the request names the
    backup by its path and its SHA-256, so the file approved is the file restored."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    payload: dict[str, object] = {"source": str(source), "sha256": digest}
    if approval is not None:
        return current.run(lambda s: requests.decided_fields(
            requests.settle(s, approval, "restore", payload)), actor=approval.approver)
    if actor is not None and current.read(requests.needed):
        request_id = current.run(lambda s: requests.ask(s, actor, "restore", payload),
                                 actor=actor)
        raise requests.requested(request_id, "restore", payload)
    return None


@dataclass(frozen=True, slots=True)
class SchemaState:
    revision: str | None
    head: str

    @property
    def current(self) -> bool:
        return self.revision == self.head


def schema_state(location: str | Path | None) -> SchemaState:
    """The book's schema version and this program's, read without changing anything."""
    loc = resolve_location(location)
    if isinstance(loc, str):
        engine = make_engine(loc)  # its hook words a server that is down
        try:
            with engine.connect() as conn:
                revision = migrate.current_revision(conn)
        finally:
            engine.dispose()
        migrate.check_not_newer(revision, safe_url(loc))
    else:
        revision = inspect_sqlite(loc).revision
    return SchemaState(revision, migrate.head_revision())


def upgrade(location: str | Path | None, *, actor: Actor | None = None) -> str | None:
    """Open the book (which upgrades it, after a backup) and say its schema now; a book
    with users asks for its administrator."""
    with open_book(location) as book:
        require(book, actor, Permission.UPGRADE)
        return schema_revision(book)
