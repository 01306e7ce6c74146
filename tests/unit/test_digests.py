"""The laptop's digests (verify) hash every row exactly as the server does from the row's wire form.

The laptop reads its rows straight from SQLite for speed (store/remote._hashed_rows); the server
hashes the canonical JSON of what the laptop sent (row_payload). A column whose stored form is not
its wire form (a JSON column is stored as text) once made every hours certificate differ at every
verify. And the fast canonical encoder (orjson) must write the standard library's text exactly.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fieldapp.demo import DEMO_ACTOR, build_demo
from fieldapp.store import remote
from fieldapp.store.models import MODEL_BY_TABLE, HoursCertificate, Person
from fieldapp.store.unit_of_work import row_payload
from fieldapp.sync.digest import bucket_of, canonical, data_of, encode_simple, encode_sorted, row_hash

STANDARD = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def test_every_synced_row_hashes_on_the_laptop_as_the_server_hashes_its_wire_form(store):
    build_demo(store, DEMO_ACTOR)
    with store.session("t") as s:
        person = s.scalars(select(Person)).first()
        s.add(
            HoursCertificate(
                serial="H-1",
                person_id=person.id,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 6, 30),
                hours=12.5,
                lines=[["2026-01-02", "تنظيف الشاطئ", 2.5], ["2026-02-03", "Cleanup", 10.0]],
                issued_at=dt.datetime.now(dt.UTC),
                key_id="k1",
                payload="signed",
            )
        )
    tables_seen = 0
    with store.reader() as s, store.engine.connect() as connection:
        for table, model in MODEL_BY_TABLE.items():
            rows = s.scalars(select(model)).all()
            if not rows:
                continue
            tables_seen += 1
            expected = {row.id: row_hash(table, row.id, data_of(row_payload(row))) for row in rows}
            laptop = {}
            for bucket in {bucket_of(row_id) for row_id in expected}:
                laptop.update(remote.row_hashes(connection, table, bucket))
            assert laptop == expected, table
    assert tables_seen >= 10  # the demo fills most tables; hours_certificate was added above


_scalars = (
    st.text() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans() | st.none()
)
_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
)


@given(st.dictionaries(st.text(max_size=8), _values, max_size=8))
def test_the_fast_canonical_text_is_the_standard_librarys(data):
    try:
        expected = STANDARD(
            {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in data.items()}
        )
    except UnicodeEncodeError:
        return
    assert canonical(data) == expected


@given(
    st.dictionaries(
        st.text(max_size=8), st.text() | st.integers(-(2**63), 2**63 - 1) | st.booleans() | st.none()
    )
)
def test_simple_rows_encode_alike_both_ways(data):
    assert encode_simple(data) == encode_sorted(data) == STANDARD(data)
