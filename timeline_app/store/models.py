"""The database schema as SQLAlchemy 2 typed models.

Only portable column types are used (no SQLite-specific affinity tricks, no PostgreSQL
arrays) so the same models serve the embedded SQLite file and a shared PostgreSQL server.
The schema itself is created by the Alembic migrations, never by ``create_all``, so a
user's database is upgraded in place when the app changes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Constraint names are fixed so migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    source_path: Mapped[str | None] = mapped_column(Text)
    dct: Mapped[date] = mapped_column(Date)
    #: The article exactly as read (header included): every offset below indexes it.
    text: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``text``: the same article is recognised however it is named.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)

    events: Mapped[list[Event]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Event.start",
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Mention.start",
    )

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.title!r} {self.dct}>"


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_start", "start"),
        Index("ix_events_end", "end"),
        Index("ix_events_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[datetime] = mapped_column(DateTime)
    end: Mapped[datetime] = mapped_column(DateTime)
    granularity: Mapped[str] = mapped_column(String(20))
    mod: Mapped[str | None] = mapped_column(String(20))
    fuzzy: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_key: Mapped[float] = mapped_column(Float)
    headline: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    expr_start: Mapped[int] = mapped_column(Integer)
    expr_end: Mapped[int] = mapped_column(Integer)
    expr_text: Mapped[str] = mapped_column(Text)
    timex_type: Mapped[str] = mapped_column(String(10))
    timex_value: Mapped[str] = mapped_column(String(100))
    rule: Mapped[str] = mapped_column(String(200), default="")
    anchor: Mapped[str] = mapped_column(String(50), default="")
    edited_by_user: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    document: Mapped[Document] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.start:%Y-%m-%d} {self.expr_text!r}>"


class Mention(Base):
    """A time expression that is not drawn (a SET, an unanchored duration)."""

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_document_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    timex_type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(100))
    mod: Mapped[str | None] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(String(200), default="")

    document: Mapped[Document] = relationship(back_populates="mentions")
