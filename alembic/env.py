"""Alembic environment: the only way a Kasir schema is built, tests included.

The program passes its own connection in ``config.attributes["connection"]``
(see ``kasir.book.migrate``); developers running ``alembic`` by hand get one from
``alembic.ini`` or the ``KASIR_BOOK`` URL.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

import kasir.tables  # noqa: F401  (registers the cooperative's tables on the metadata)
from ledger.ddl import KEYS_BY_TRIGGER
from ledger.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    by_trigger = KEYS_BY_TRIGGER.get(connection.dialect.name, frozenset())

    def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
        """Not the foreign keys this backend carries by triggers (``ledger.ddl_references``)."""
        return not (type_ == "foreign_key_constraint" and name in by_trigger)

    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, render_as_batch=True,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = os.environ.get("KASIR_BOOK_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
