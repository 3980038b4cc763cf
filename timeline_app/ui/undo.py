"""Curation as undoable commands, each written to the database the moment it happens.

A command's first application happens *before* it is pushed (``apply()``), so a failing
database write never leaves a command on the stack that did nothing; ``push`` then skips
the redo it would otherwise run. Later undo/redo failures are reported through the
``on_error`` callback rather than raised into Qt's event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoCommand

from timeline_app.store import (
    Event,
    add_event,
    delete_event,
    restore_event,
    set_hidden,
    update_event,
)

OnChange = Callable[[int], None]
OnError = Callable[[str, Exception], None]

EDITABLE_FIELDS = ("headline", "start", "end", "granularity")


class _StoreCommand(QUndoCommand):
    def __init__(self, text: str, store, on_change: OnChange, on_error: OnError) -> None:
        super().__init__(text)
        self._store = store
        self._on_change = on_change
        self._on_error = on_error
        self._pushed = False

    def apply(self) -> None:
        """First application; raises on failure so the caller can refuse to push."""
        event_id = self._do()
        self._on_change(event_id)

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo() once; apply() already ran
            self._pushed = True
            return
        self._guarded(self._do)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], int]) -> None:
        try:
            event_id = action()
        except Exception as exc:  # the database may be gone or locked
            self._on_error(self.text(), exc)
            self.setObsolete(True)
            return
        self._on_change(event_id)

    def _do(self) -> int:
        raise NotImplementedError

    def _undo(self) -> int:
        raise NotImplementedError


class EditEventCommand(_StoreCommand):
    """Change headline, interval or granularity; undo restores them and the edited flag."""

    def __init__(self, store, event_id: int, new: dict[str, Any], on_change: OnChange,
                 on_error: OnError) -> None:
        super().__init__("Edit event", store, on_change, on_error)
        self.event_id = event_id
        self._new = {k: v for k, v in new.items() if k in EDITABLE_FIELDS}
        self._old: dict[str, Any] | None = None
        self._old_edited = False

    def _do(self) -> int:
        with self._store.session() as session:
            event = session.get(Event, self.event_id)
            if event is None:
                raise LookupError(f"event {self.event_id} no longer exists")
            if self._old is None:
                self._old = {k: getattr(event, k) for k in self._new}
                self._old_edited = bool(event.edited_by_user)
            update_event(session, self.event_id, **self._new)
        return self.event_id

    def _undo(self) -> int:
        assert self._old is not None
        with self._store.session() as session:
            event = update_event(session, self.event_id, **self._old)
            event.edited_by_user = self._old_edited
        return self.event_id


class HideEventCommand(_StoreCommand):
    def __init__(self, store, event_id: int, hidden: bool, on_change: OnChange,
                 on_error: OnError) -> None:
        super().__init__("Hide event" if hidden else "Show event", store, on_change, on_error)
        self.event_id = event_id
        self._hidden = hidden

    def _do(self) -> int:
        with self._store.session() as session:
            set_hidden(session, self.event_id, self._hidden)
        return self.event_id

    def _undo(self) -> int:
        with self._store.session() as session:
            set_hidden(session, self.event_id, not self._hidden)
        return self.event_id


class DeleteEventCommand(_StoreCommand):
    """Delete; undo re-inserts the snapshot under the same id so links stay valid."""

    def __init__(self, store, event_id: int, on_change: OnChange, on_error: OnError) -> None:
        super().__init__("Delete event", store, on_change, on_error)
        self.event_id = event_id
        self._snapshot: dict | None = None

    def _do(self) -> int:
        with self._store.session() as session:
            self._snapshot = delete_event(session, self.event_id)
        return self.event_id

    def _undo(self) -> int:
        assert self._snapshot is not None
        with self._store.session() as session:
            restore_event(session, self._snapshot)
        return self.event_id


class AddEventCommand(_StoreCommand):
    """Add an event from a text selection; redo after undo restores the very same row."""

    def __init__(self, store, document_id: int, *, expr_start: int, expr_end: int,
                 start: datetime, end: datetime, granularity: str, headline: str,
                 mod: str | None, on_change: OnChange, on_error: OnError) -> None:
        super().__init__("Add event", store, on_change, on_error)
        self.document_id = document_id
        self.event_id: int | None = None
        self._fields = dict(expr_start=expr_start, expr_end=expr_end, start=start, end=end,
                            granularity=granularity, headline=headline, mod=mod)
        self._snapshot: dict | None = None

    def _do(self) -> int:
        with self._store.session() as session:
            if self._snapshot is None:
                event = add_event(session, self.document_id, **self._fields)
                session.flush()
                self.event_id = event.id
            else:
                restore_event(session, self._snapshot)
        assert self.event_id is not None
        return self.event_id

    def _undo(self) -> int:
        assert self.event_id is not None
        with self._store.session() as session:
            self._snapshot = delete_event(session, self.event_id)
        return self.event_id
