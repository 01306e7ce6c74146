"""Duplicate people on the server (SYNC.md "Beyond the protocol"): one person after sync.

The push calls these hooks inside its transaction. This first version detects nothing and
rewrites nothing; the duplicate-person merge builds here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.server.models import SyncRow
    from fieldapp.server.push import Batch


def on_person_write(batch: Batch, row_id: str, data: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    """The data of a person insert or update as it should be stored."""
    return data


def follow_survivors(batch: Batch, table: str, data: dict[str, Any]) -> dict[str, Any]:
    """A row that points at a merged-away person points at its survivor instead."""
    return data


def after_person_insert(batch: Batch, row: SyncRow) -> None:
    """After a person row was written: find and merge its duplicates."""
