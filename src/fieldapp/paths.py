"""Where bundled resources live: in a source checkout, an installed wheel, or a PyInstaller build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "fieldapp" / "resources"
    import fieldapp.resources  # mapped from the top-level resources/ by setup.py

    return Path(fieldapp.resources.__file__).parent


def font_path(file_name: str) -> Path:
    return resources_dir() / "fonts" / file_name


def translations_dir() -> Path:
    return resources_dir() / "translations"
