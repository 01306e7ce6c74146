"""Forgiving roster search for the check-in desk: names, national IDs, mobiles, badge codes.

Ranking (best first): an exact badge code, national ID or mobile number; then people whose name
tokens contain every query token whole; then name prefix matches and ID/mobile prefixes; ties by
folded name. Names are looked up in the FTS5 index of store.search_index (folded tokens with
compound variants), never by scanning the person table, and every lookup is capped before
ranking so a one-letter query costs the same as a full name.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from fieldapp.core.dates import local_now
from fieldapp.core.errors import ValidationError
from fieldapp.core.identifiers import mobile_search_key
from fieldapp.core.people import clean_code
from fieldapp.core.text import digits_only, looks_numeric, query_tokens, strip_invisible
from fieldapp.services.contract import Service
from fieldapp.services.people import VIEW_COLUMNS, PersonView, view_from_row
from fieldapp.store import search_index
from fieldapp.store.models import Person, Registration

MATCH_RANK = {
    "badge": 0,
    "national_id": 0,
    "mobile": 0,
    "name_exact": 1,
    "name_prefix": 2,
    "id_prefix": 2,
}
_SCORE = {0: 100.0, 1: 50.0, 2: 20.0}
_MAX_QUERY_TOKENS = 8
_MIN_ID_PREFIX = 3

# A USB scanner "types" its code through the keyboard layout: with the Arabic (101) layout
# active, ABC123 arrives as the characters of the Arabic keys. Badge codes are upper case after
# clean_code(), so plain and shifted keys both map to the Latin capital of their key.
_AR_KEYS = {
    **dict(zip("ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظذ", "QWERTYUIOP[]ASDFGHJKL;'ZXCVNM,./`", strict=True)),
    # shifted keys
    "\u064e": "Q", "\u064b": "W", "\u064f": "E", "\u064c": "R", "إ": "Y", "‘": "U", "÷": "I",
    "×": "O", "؛": "P", "\u0650": "A", "\u064d": "S", "]": "D", "[": "F", "أ": "H", "ـ": "J",
    "،": "K", "/": "L", "~": "Z", "\u0652": "X", "}": "C", "{": "V", "آ": "N", "’": "M",
}  # fmt: skip
# One key types two letters: b → لا, B → لآ, G → لأ, T → لإ (and ل + the second letter is g + …).
_AR_DIGRAPHS = {"لا": "B", "لآ": "B", "لأ": "G", "لإ": "T"}


@dataclass(frozen=True)
class SearchHit:
    person: PersonView
    match: str  # badge|national_id|mobile|name_exact|name_prefix|id_prefix
    score: float
    registered: bool | None = None  # for the event asked about; None when no event was given


class SearchService(Service):
    """Reads only (`self.reader()`): a search needs no actor."""

    def find(self, query: str, limit: int = 20, event_id: str | None = None) -> list[SearchHit]:
        """People matching what the desk typed, best first (people of `event_id` first in a tie)."""
        query = strip_invisible(query or "").strip()
        if not query or limit <= 0:
            return []
        cap = max(limit * 5, 100)
        found: dict[str, str] = {}  # person id -> best match kind

        def add(ids: Any, kind: str) -> None:
            for pid in ids:
                old = found.get(pid)
                if old is None or MATCH_RANK[kind] < MATCH_RANK[old]:
                    found[pid] = kind

        with self.reader() as session:
            badge = _safe_code(query)
            if badge:
                add(session.scalars(select(Person.id).where(Person.badge_code == badge).limit(cap)), "badge")
            if looks_numeric(query):
                self._numeric(session, query, cap, add)
            else:
                self._names(session.connection(), query, cap, limit, add)
            if not found:
                return []
            rows = session.execute(
                select(*VIEW_COLUMNS, Person.name_key).where(
                    Person.id.in_(list(found)), Person.deleted.is_(False)
                )
            ).all()
            registered: set[str] | None = None
            if event_id is not None:
                registered = set(
                    session.scalars(
                        select(Registration.person_id).where(
                            Registration.event_id == event_id,
                            Registration.person_id.in_([row.id for row in rows]),
                            Registration.deleted.is_(False),
                        )
                    )
                )

        def order(row: Any) -> tuple:
            reg = 0 if registered is None or row.id in registered else 1
            return (MATCH_RANK[found[row.id]], reg, row.name_key, row.full_name, row.id)

        today = local_now().date()
        hits = []
        for row in sorted(rows, key=order)[:limit]:
            kind = found[row.id]
            hits.append(
                SearchHit(
                    person=view_from_row(row, today),
                    match=kind,
                    score=_SCORE[MATCH_RANK[kind]],
                    registered=None if registered is None else row.id in registered,
                )
            )
        return hits

    def resolve_code(self, code: str) -> PersonView | None:
        """The one person a scanned or typed code means: badge code, national ID or mobile, else None."""
        code = strip_invisible(code or "").strip()
        if not code:
            return None
        candidates = [c for c in [_safe_code(code), *_layout_variants(code)] if c]
        with self.reader() as session:
            live = Person.deleted.is_(False)
            if candidates:
                row = session.execute(
                    select(*VIEW_COLUMNS).where(Person.badge_code.in_(candidates), live)
                ).first()
                if row is not None:
                    return view_from_row(row)
            if looks_numeric(code):
                digits = digits_only(code)
                if len(digits) == 10 and digits[0] in "12":
                    row = session.execute(
                        select(*VIEW_COLUMNS).where(Person.national_id == digits, live)
                    ).first()
                    if row is not None:
                        return view_from_row(row)
                mobile = mobile_search_key(code)
                if mobile:
                    row = session.execute(select(*VIEW_COLUMNS).where(Person.mobile == mobile, live)).first()
                    if row is not None:
                        return view_from_row(row)
        return None

    # --- the lookups ---------------------------------------------------------------------------

    @staticmethod
    def _numeric(session: Any, query: str, cap: int, add: Any) -> None:
        digits = digits_only(query)
        live = Person.deleted.is_(False)
        if len(digits) == 10 and digits[0] in "12":
            add(
                session.scalars(select(Person.id).where(Person.national_id == digits, live).limit(cap)),
                "national_id",
            )
        elif len(digits) >= _MIN_ID_PREFIX and digits[0] in "12":
            # A range on the indexed column (':' sorts right after '9'): an index walk, not a scan.
            add(
                session.scalars(
                    select(Person.id)
                    .where(Person.national_id >= digits, Person.national_id < digits + ":", live)
                    .limit(cap)
                ),
                "id_prefix",
            )
        mobile = mobile_search_key(query)
        if mobile:
            add(session.scalars(select(Person.id).where(Person.mobile == mobile, live).limit(cap)), "mobile")
            return
        prefix = _mobile_prefix(query)
        if prefix:
            add(
                session.scalars(
                    select(Person.id)
                    .where(Person.mobile >= prefix, Person.mobile < prefix + ":", live)
                    .limit(cap)
                ),
                "id_prefix",
            )

    @staticmethod
    def _names(conn: Any, query: str, cap: int, limit: int, add: Any) -> None:
        tokens = query_tokens(query)[:_MAX_QUERY_TOKENS]
        if not tokens:
            return
        sql = text(
            f"SELECT person_id FROM {search_index.FTS_TABLE} "
            f"WHERE {search_index.FTS_TABLE} MATCH :q LIMIT :cap"
        )
        whole = [row[0] for row in conn.execute(sql, {"q": _fts_query(tokens, prefix=False), "cap": cap})]
        add(whole, "name_exact")
        if len(whole) >= limit:
            return  # prefix matches would all rank below these
        add(
            (row[0] for row in conn.execute(sql, {"q": _fts_query(tokens, prefix=True), "cap": cap})),
            "name_prefix",
        )


def _fts_query(tokens: list[str], prefix: bool) -> str:
    # Tokens are folded (no quotes or operators survive fold()), so quoting them is enough.
    star = "*" if prefix else ""
    return " AND ".join(f'"{t}"{star}' for t in tokens)


def _safe_code(value: str) -> str | None:
    """The badge code a query could be, or None when it cannot be one (over 64 characters)."""
    try:
        return clean_code(value)
    except ValidationError:
        return None


def _mobile_prefix(query: str) -> str | None:
    """'+9665…' prefix of a partly typed mobile (0501, 50123, +96650, 0096650…), else None."""
    t = "".join(query.split())
    digits = digits_only(t)
    if t.startswith("+"):
        if not digits.startswith("966"):
            return None
        digits = digits[3:]
    elif digits.startswith("00966"):
        digits = digits[5:]
    elif digits.startswith("966") and len(digits) > 4:
        digits = digits[3:]
    digits = digits.removeprefix("0")
    if len(digits) < _MIN_ID_PREFIX or not digits.startswith("5"):
        return None
    return "+966" + digits


def _layout_variants(code: str, max_variants: int = 8) -> list[str]:
    """What a scanner meant when the Arabic keyboard layout turned its Latin code into Arabic."""
    if code.isascii():
        return []
    choices: list[list[str]] = []
    i = 0
    while i < len(code):
        pair = code[i : i + 2]
        if pair in _AR_DIGRAPHS:
            # One key (b, B, G, T) or two keys (g + h) type these pairs: keep both readings.
            choices.append([_AR_DIGRAPHS[pair], "G" + _AR_KEYS.get(pair[1], pair[1])])
            i += 2
            continue
        ch = code[i]
        choices.append([_AR_KEYS.get(ch, ch)])
        i += 1
    variants = []
    for combo in itertools.islice(itertools.product(*choices), max_variants):
        variant = _safe_code("".join(combo))
        if variant and variant.isascii():
            variants.append(variant)
    return variants
