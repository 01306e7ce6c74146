"""The desk's result sounds: a chime for ok, a double beep for a warning, a buzz for refused.

QtMultimedia is optional: it is imported on the first sound, and when it is missing (no
libpulse, a stripped build) or there is no audio device (offscreen, a server), the desk stays
silent instead of failing. The WAVs come from scripts/make_sounds.py.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QUrl

from fieldapp.paths import resources_dir

log = logging.getLogger("fieldapp.gui")

SOUNDS = ("ok", "warning", "refused")


class ResultSounds(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[str, Any] | None = None  # None: not loaded yet; {}: unavailable

    @property
    def available(self) -> bool:
        return bool(self._load())

    def _load(self) -> dict[str, Any]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except Exception as exc:  # ImportError, or a missing system library behind it
            log.info("desk sounds off: QtMultimedia unavailable (%s)", exc)
            return self._effects
        for name in SOUNDS:
            path = resources_dir() / "sounds" / f"{name}.wav"
            if not path.exists():
                continue
            try:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(0.8)
                self._effects[name] = effect
            except Exception as exc:
                log.info("desk sound %s unavailable (%s)", name, exc)
        return self._effects

    def play(self, status: str) -> None:
        """Play the sound of a result status ("ok" | "warning" | "refused"); silent when impossible."""
        effect = self._load().get(status)
        if effect is None:
            return
        try:
            effect.stop()
            effect.play()
        except Exception as exc:  # no audio device: keep the desk working
            log.info("desk sound failed (%s)", exc)
