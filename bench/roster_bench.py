"""Roster import and search speed on a realistic Saudi roster.

``import_100k_s``: a generated CSV of ``n`` people (the key keeps its name for smaller runs;
``roster_n`` says the scale) imported through RosterImportService, unit-of-work hooks included.
``search_p50_ms`` / ``search_p95_ms``: SearchService.find over 300+ desk queries (whole and
partial names, compounds, no hamza, one letter, ID prefixes and full IDs, mobiles written every
way). ``like_scan_p95_ms``: the floor we must beat, a naive ``name_key LIKE '%q%'`` scan sorted
by name over the same queries; ``search_vs_like_ratio`` = like p95 / search p95.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from pathlib import Path
from typing import Any

MALE_FIRST = (
    "محمد", "أحمد", "عبدالله", "عبد الرحمن", "فهد", "خالد", "سعود", "فيصل", "تركي", "سلطان",
    "ناصر", "سعد", "عبدالعزيز", "ماجد", "بندر", "نايف", "مشعل", "يوسف", "إبراهيم", "عمر",
    "علي", "حمد", "راشد", "منصور", "وليد", "طلال", "زياد", "مازن", "هشام", "أنس",
)  # fmt: skip
FEMALE_FIRST = (
    "نورة", "فاطمة", "سارة", "مريم", "ريم", "هيفاء", "لطيفة", "منيرة", "العنود", "الجوهرة",
    "أمل", "هند", "رهف", "شهد", "لمى", "جود", "غادة", "أسماء", "عائشة", "إلهام",
    "رؤى", "دانة", "لينا", "وعد", "بشرى", "هياء", "مها", "نوف", "ابتسام", "خلود",
)  # fmt: skip
FATHERS = (
    "محمد", "عبدالله", "سعد", "فهد", "إبراهيم", "صالح", "عبدالرحمن", "سليمان", "حمد", "ناصر",
    "علي", "خميس", "عبد العزيز", "منصور", "سالم", "أحمد", "عثمان", "مساعد", "ضيف الله", "عايض",
)  # fmt: skip
FAMILIES = (
    "القحطاني", "العتيبي", "الشمري", "الدوسري", "الحربي", "الغامدي", "الزهراني", "المطيري",
    "السبيعي", "العنزي", "الشهري", "الزايدي", "آل سعود", "البقمي", "الرشيدي", "الهاجري",
    "العمري", "المالكي", "الأحمدي", "الجهني", "بن لادن", "أبو بكر", "السهلي", "الخالدي",
    "القرشي", "آل الشيخ", "الفيفي", "اليامي", "العسيري", "البلوي",
)  # fmt: skip
LATIN_FIRST = ("Mohammed", "Ahmed", "Abdullah", "Fahd", "Noura", "Sara", "Reem", "Khalid", "Maryam")
LATIN_FAMILY = ("Alqahtani", "Alotaibi", "Alshammari", "Aldosari", "Alharbi", "Alzaidi")


def _luhn_complete(body: str) -> str:
    """body (9 digits) + the check digit that makes it pass Luhn."""
    for check in "0123456789":
        digits = body + check
        total = 0
        for i, ch in enumerate(reversed(digits)):
            d = int(ch)
            if i % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


def generate_people(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    used_ids: set[str] = set()
    people = []
    for i in range(n):
        female = rng.random() < 0.45
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        link = "بنت" if female else "بن"
        father = rng.choice(FATHERS)
        name = (
            f"{first} {link} {father} {rng.choice(FAMILIES)}"
            if rng.random() < 0.3
            else (f"{first} {father} {rng.choice(FAMILIES)}")
        )
        while True:
            nid = _luhn_complete(rng.choice("12") + f"{rng.randrange(10**8):08d}")
            if nid not in used_ids:
                used_ids.add(nid)
                break
        mobile = f"05{rng.choice('0345689')}{i:07d}"  # unique by construction
        birth = f"{rng.randint(1965, 2012)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        row = {
            "الاسم": name,
            "رقم الهوية": nid,
            "الجوال": mobile if rng.random() > 0.05 else "",
            "الجنس": "أنثى" if female else "ذكر",
            "تاريخ الميلاد": birth if rng.random() > 0.1 else "",
            "الاسم بالإنجليزي": f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_FAMILY)}"
            if rng.random() < 0.3
            else "",
            "ملاحظات": "",
        }
        people.append(row)
    return people


def generate_roster_csv(path: Path | str, n: int, seed: int = 7) -> Path:
    """A UTF-8 (BOM, as Excel writes it) CSV roster of n people with Arabic headers."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    people = generate_people(n, seed)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(people[0]))
        writer.writeheader()
        writer.writerows(people)
    return path


def _queries(people: list[dict[str, str]], rng: random.Random) -> list[str]:
    from fieldapp.core.text import fold

    queries: list[str] = []
    sample = rng.sample(people, 60)
    for p in sample:
        words = p["الاسم"].split()
        queries.append(p["الاسم"])  # whole name
        queries.append(f"{words[-1]} {words[0]}")  # fragments in any order
        queries.append(fold(words[0])[:3])  # partial, no hamza
        queries.append(p["رقم الهوية"][:5])  # ID prefix
        queries.append(p["رقم الهوية"])  # full ID
    for p in sample[:20]:
        if p["الجوال"]:
            m = p["الجوال"]
            queries += [m, "+966 " + m[1:3] + " " + m[3:6] + " " + m[6:], "00966" + m[1:]]
    queries += ["عبد الله", "عبدالله الزايدى", "ابراهيم", "اسماء", "فاطمه", "الهام", "آل سعود"]
    queries += list("محسعفنر")  # one letter
    queries += ["عبدالرحمن القحطاني", "نوره", "الشمري", "زايدي"]
    return queries


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(data_dir: Path | str, n: int = 100_000) -> dict[str, Any]:
    from sqlalchemy import text

    from fieldapp.core.permissions import Actor
    from fieldapp.core.text import fold
    from fieldapp.services import Services
    from fieldapp.store.db import Store

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    csv_path = generate_roster_csv(data_dir / f"roster_{n}.csv", n)
    store = Store.open(data_dir / "fieldapp.db")
    try:
        services = Services(store, Actor("bench", "admin"))
        started = time.perf_counter()
        report = services.roster_import.run(csv_path)
        import_s = time.perf_counter() - started
        assert report.added == n, (report.added, report.errors[:3])

        rng = random.Random(11)
        queries = _queries(generate_people(n), rng)
        for q in queries[:20]:  # warm the page cache as a desk would be after a minute of use
            services.search.find(q)
        search_ms = []
        for q in queries:
            t0 = time.perf_counter()
            services.search.find(q, limit=20)
            search_ms.append((time.perf_counter() - t0) * 1000)
        like_ms = []
        with store.reader() as r:
            conn = r.connection()
            sql = text(
                "SELECT id FROM person WHERE deleted = 0 AND name_key LIKE :q ORDER BY name_key LIMIT 20"
            )
            for q in queries:
                t0 = time.perf_counter()
                conn.execute(sql, {"q": f"%{fold(q)}%"}).all()
                like_ms.append((time.perf_counter() - t0) * 1000)
        search_p95 = _percentile(search_ms, 95)
        like_p95 = _percentile(like_ms, 95)
        return {
            "roster_n": n,
            "import_100k_s": round(import_s, 2),
            "import_rows_per_s": round(n / import_s),
            "search_queries": len(queries),
            "search_p50_ms": round(statistics.median(search_ms), 2),
            "search_p95_ms": round(search_p95, 2),
            "search_max_ms": round(max(search_ms), 2),
            "like_scan_p95_ms": round(like_p95, 2),
            "search_vs_like_ratio": round(like_p95 / search_p95, 1),
        }
    finally:
        store.close()


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run(tmp, size), ensure_ascii=False, indent=2))
