"""The per-field merge of a record: last writer by HLC wins, the loser is kept (pure, no database).

The server runs it for every pushed record op; the model test (tests/sync/test_merge_model.py)
runs it against a fake network. A field's value carries the HLC of its last change and the
organisation version at which the server took it. An incoming write is CONCURRENT with the stored
value when the writer had not seen that value: the HLC of the value its edit replaced (its
`base_hlc`, when it names one) is older than the stored value's, or is the writer's own and not
the stored one (its own stamp may be a fast clock's, which the server brought back to its own: a
time comparison would take any value stored since as seen), or else its base version (the
row version the laptop held when it edited) is older than the field's version, or it has none (a
re-sent whole row); and
the value was written by another laptop (a laptop always saw its own writes; an HLC names its
device). Only a
concurrent write whose value differs makes a conflict; an edit made after seeing the other value
simply replaces it. Equal HLCs are the same write delivered twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.sync.hlc import Timestamp

# Record columns that are not merged per field (they are the row's sync bookkeeping).
SYSTEM_COLUMNS = frozenset({"id", "device_id", "created_hlc", "updated_hlc", "server_version", "field_hlc"})
MAX_AHEAD_MS = 60_000  # an HLC later than the server's clock by more than this is brought back to it


@dataclass
class FieldState:
    """A record as the merge sees it: field values, and each field's HLC and version (sparse maps:
    a field missing from them dates from the row's creation)."""

    data: dict[str, Any]
    field_hlc: dict[str, str]
    field_version: dict[str, int]
    created_hlc: str
    created_version: int
    # Per field, the stamp of the value the current value's writer had seen (sparse: unknown).
    field_seen: dict[str, str] = field(default_factory=dict)

    def hlc_of(self, name: str) -> str:
        return self.field_hlc.get(name) or self.created_hlc

    def version_of(self, name: str) -> int:
        return self.field_version.get(name, self.created_version)


@dataclass(frozen=True)
class LostValue:
    """A losing value of one field: what a coordinator reviews."""

    field: str
    kept_value: Any
    lost_value: Any
    kept_hlc: str
    lost_hlc: str


@dataclass
class MergeOutcome:
    changed: list[str] = field(default_factory=list)  # fields whose stored value or HLC moved
    lost: list[LostValue] = field(default_factory=list)


def merge_fields(
    stored: FieldState,
    fields: dict[str, Any],
    hlcs: dict[str, str],
    base_version: int | None,
    new_version: int,
    resent: bool = False,
    fresh: frozenset[str] = frozenset(),
    base_hlcs: dict[str, str] | None = None,
) -> MergeOutcome:
    """Merge an incoming write of `fields` (each stamped `hlcs[f]`) into `stored`, in place.

    resent=True: a whole row a laptop sends again (after a restore): its later values replace
    older ones without a conflict (the laptop held them after syncing; a value it replaced
    unseen was recorded then, and its conflicts are sent again too), except the `fresh` fields:
    edits still waiting to go up when the laptop re-based, merged as any edit is.
    """
    outcome = MergeOutcome()
    for name, value in fields.items():
        if name in SYSTEM_COLUMNS:
            continue
        incoming_hlc, stored_hlc = hlcs[name], stored.hlc_of(name)
        if incoming_hlc == stored_hlc:
            continue  # the same write again
        current = stored.data.get(name)
        seen = (base_hlcs or {}).get(name)
        if seen is not None:  # the writer named the value it replaced: was it this one?
            unseen = stored_hlc > seen or (_device(seen) == _device(incoming_hlc) and stored_hlc != seen)
        else:
            unseen = base_version is None or base_version < stored.version_of(name)
        concurrent = unseen and _device(incoming_hlc) != _device(stored_hlc)
        # A value a laptop held after a sync, sent again whole (a re-baseline), was settled then:
        # except one older than the value now whose writer had not seen it (a value a server
        # restore lost, come back from another laptop after someone wrote over it unseen).
        settled = resent and name not in fresh
        recorded = not settled
        if incoming_hlc > stored_hlc:
            if concurrent and value != current and recorded:
                outcome.lost.append(LostValue(name, value, current, incoming_hlc, stored_hlc))
            stored.data[name] = value
            stored.field_hlc[name] = incoming_hlc
            stored.field_version[name] = new_version
            stored.field_seen[name] = (
                seen if seen is not None else ("" if unseen and not settled else stored_hlc)
            )
            outcome.changed.append(name)
            continue
        if settled:
            recorded = stored.field_seen.get(name, stored_hlc) < incoming_hlc
        if value != current and recorded:
            # An older write lost: a conflict even when not concurrent (a clock set back), so
            # nothing anyone typed disappears unseen.
            outcome.lost.append(LostValue(name, current, value, stored_hlc, incoming_hlc))
    return outcome


def _device(hlc: str) -> str:
    return hlc.split(".", 2)[-1]


def clamp_hlc(hlc: str, now_ms: int, max_ahead_ms: int = MAX_AHEAD_MS) -> str:
    """An HLC stamped far in the future (a laptop clock set ahead) is brought back to the server's
    clock, so it cannot beat every later edit for days (server.push.Batch.clamp also keeps the
    order of one batch's clamped stamps)."""
    stamp = Timestamp.parse(hlc)
    if stamp.physical_ms <= now_ms + max_ahead_ms:
        return hlc
    return str(Timestamp(now_ms, stamp.counter, stamp.device_id))
