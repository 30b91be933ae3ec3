"""Schema versions of a book, through Alembic only.

Alembic is the only way a schema is built (the triggers are invisible to
``create_all``). Upgrading an existing book is preceded by a backup; a book
stamped with a revision this program does not know was written by a newer
Kasir and is refused before anything touches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from kasir.book.revisions import check_not_newer, head_revision, migrations_dir
from kasir.book.revisions import known_revisions as known_revisions  # for the callers
from kasir.db import make_engine
from kasir.errors import N_, DamagedBook
from kasir.sqlite_file import dialect_of

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config  # Alembic (0.1 s to import) only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


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
        from alembic import command

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
