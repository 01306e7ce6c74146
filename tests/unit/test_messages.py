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


def test_each_module_registers_the_messages_it_raises():
    used = _keys_used_by_module()
    probe = (
        "import importlib, json, sys\n"
        "from fieldapp.core import i18n\n"
        "missing = {}\n"
        "for module, keys in json.loads(sys.argv[1]).items():\n"
        "    importlib.import_module(module)\n"
        "    gone = [k for k in keys if k not in i18n._catalogue]\n"
        "    if gone: missing[module] = gone\n"
        "print(json.dumps(missing))\n"
    )
    # One fresh interpreter per module: what matters is what that module's own imports register.
    missing = {}
    for module, keys in used.items():
        out = subprocess.run(
            [sys.executable, "-c", probe, json.dumps({module: keys})],
            capture_output=True,
            text=True,
            check=True,
        )
        missing.update(json.loads(out.stdout))
    assert not missing, missing


def test_every_message_has_arabic_and_english():
    import importlib

    from fieldapp.core import i18n

    for module in _keys_used_by_module():
        importlib.import_module(module)
    for key, (arabic, english) in i18n._catalogue.items():
        assert arabic.strip() and english.strip(), key
        assert re.search("[\u0600-\u06ff]", arabic), f"{key}: the Arabic text has no Arabic"
