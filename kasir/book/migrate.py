"""Schema versions of a book, through Alembic only.

Alembic is the only way a schema is built (the triggers are invisible to
``create_all``). Upgrading an existing book is preceded by a backup; a book
stamped with a revision this program does not know was written by a newer
Kasir and is refused before anything touches it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

import kasir
from kasir.db import dialect_of, make_engine
from kasir.errors import N_, BookTooNew, DamagedBook


def migrations_dir() -> Path:
    """Where the migration scripts are: inside the installed package, or the
    source tree's top-level ``alembic/`` folder when run from a checkout."""
    installed = Path(kasir.__file__).parent / "migrations"
    if (installed / "env.py").exists():
        return installed
    return Path(kasir.__file__).resolve().parent.parent / "alembic"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise BookTooNew(
            N_("The book {book} was written by a newer version of Kasir (schema {revision}; "
               "this program knows up to {head}). Please install the newer Kasir; the book "
               "was not changed."),
            book=where, revision=revision, head=head_revision(),
        )


def upgrade(url: str) -> tuple[str | None, str]:
    """Bring the schema to head; returns (before, after). The caller backs up first."""
    engine = migration_engine(url)
    try:
        with engine.connect() as conn:
            before = current_revision(conn)
        check_not_newer(before, url)
        head = head_revision()
        if before == head:
            return before, head
        with engine.begin() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if dialect_of(url) == "sqlite":
                broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise DamagedBook(N_("The upgrade of {book} left broken references; it was "
                                         "rolled back."), book=url)
        return before, head
    finally:
        engine.dispose()


def migration_engine(url: str) -> Engine:
    """Migrations on SQLite run with foreign keys off: batch mode re-creates
    referenced tables, which the FK pragma would refuse mid-way."""
    return make_engine(url, foreign_keys=False)
