"""Alembic environment: use the connection the app passes in, or the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from app.config import Settings


def _run(connection: Connection) -> None:
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or Settings().database_url
    with create_engine(url).connect() as fresh:
        _run(fresh)
        fresh.commit()


if context.is_offline_mode():
    context.configure(url=context.config.get_main_option("sqlalchemy.url") or Settings().database_url,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
