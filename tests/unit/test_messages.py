"""Every message a user can be shown exists in both languages, and is registered by the time the
module that raises it is imported (otherwise the CLI prints a bare key such as `event.not_found`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import fieldapp

SOURCE = Path(fieldapp.__file__).parent
KEY = r'"([a-z_0-9]+\.[a-z_0-9.]+)"'
RAISED = re.compile(r"(?:Error|Denied|Warning)\(\s*" + KEY)
SAID = re.compile(r"msg\(\s*" + KEY)


def _keys_used_by_module() -> dict[str, list[str]]:
    used = {}
    for path in SOURCE.rglob("*.py"):
        if "gui" in path.parts or "migrations" in path.parts:
            continue  # the GUI speaks through Qt's tr(); migrations raise nothing to users
        text = path.read_text(encoding="utf-8")
        keys = set(RAISED.findall(text)) | set(SAID.findall(text))
        if keys:
            module = ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts).removesuffix(".__init__")
            used[module] = sorted(keys)
    return used


# Runs in a fresh interpreter: imports what the app's modules import from outside the app (no
# module outside fieldapp registers a message), checks that this left the interpreter with only
# the i18n module of the app, as a fresh one has after `from fieldapp.core import i18n`, then
# forks a child per module: each child imports its module from exactly that state, as a fresh
# interpreter would, without paying again for SQLAlchemy, FastAPI, ReportLab... (98 s -> ~10 s).
PROBE = """
import importlib, json, os, sys
from fieldapp.core import i18n
fresh = {m for m in sys.modules if m == "fieldapp" or m.startswith("fieldapp.")}
for name in json.loads(sys.argv[2]):
    try:
        importlib.import_module(name)
    except Exception:
        pass  # an optional part of a library: the child imports what it needs
loaded = {m for m in sys.modules if m == "fieldapp" or m.startswith("fieldapp.")}
assert loaded == fresh, sorted(loaded - fresh)
missing = {}
for module, keys in json.loads(sys.argv[1]).items():
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        importlib.import_module(module)
        gone = [k for k in keys if k not in i18n._catalogue]
        os.write(write, json.dumps(gone).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        gone = json.loads(answer.read() or "null")
    _, status = os.waitpid(pid, 0)
    assert status == 0 and gone is not None, (module, status)
    if gone:
        missing[module] = gone
print(json.dumps(missing))
"""
OUTSIDE = """
import importlib, json, sys
for module in json.loads(sys.argv[1]):
    importlib.import_module(module)
print(json.dumps(sorted(m for m in sys.modules if m != "fieldapp" and not m.startswith("fieldapp."))))
"""


def test_each_module_registers_the_messages_it_raises():
    used = _keys_used_by_module()

    def python(code: str, *args: str) -> object:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    outside = python(OUTSIDE, json.dumps(list(used)))
    missing = python(PROBE, json.dumps(used), json.dumps(outside))
    assert not missing, missing


def test_every_message_has_arabic_and_english():
    import importlib

    from fieldapp.core import i18n

    for module in _keys_used_by_module():
        importlib.import_module(module)
    for key, (arabic, english) in i18n._catalogue.items():
        assert arabic.strip() and english.strip(), key
        assert re.search("[\u0600-\u06ff]", arabic), f"{key}: the Arabic text has no Arabic"
