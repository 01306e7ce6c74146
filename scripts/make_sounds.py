"""Generate the check-in desk's result sounds (resources/sounds/*.wav) from sine tones.

    python scripts/make_sounds.py

ok       a soft rising two-note chime (E5 then A5)
warning  a double mid beep (two short A4 notes)
refused  a low buzz (a square-ish G2, half a second)

Short (under 0.6 s), 22.05 kHz, 16-bit mono, with fades so nothing clicks. Deterministic: the same
bytes every run, so regenerating does not make a diff.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


def tone(
    freq: float, seconds: float, volume: float = 0.5, harmonics: tuple[float, ...] = (1.0,)
) -> list[float]:
    """A note with a quick attack and an exponential release (a bell rather than a beep)."""
    n = int(RATE * seconds)
    attack = int(RATE * 0.008)
    samples = []
    norm = sum(harmonics)
    for i in range(n):
        t = i / RATE
        value = sum(weight * math.sin(2 * math.pi * freq * (k + 1) * t) for k, weight in enumerate(harmonics))
        envelope = min(1.0, i / attack) * math.exp(-3.0 * t / seconds)
        tail = min(1.0, (n - i) / (RATE * 0.01))  # the last 10 ms fade to zero: no click
        samples.append(volume * envelope * tail * value / norm)
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(name: str, samples: list[float]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        frames = b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples)
        wav.writeframes(frames)
    return path


def main() -> None:
    chime = tone(659.25, 0.16, 0.45, (1.0, 0.3)) + tone(880.0, 0.32, 0.45, (1.0, 0.3))
    beep = tone(440.0, 0.11, 0.5) + silence(0.07) + tone(440.0, 0.11, 0.5)
    # Odd harmonics make the low note a buzz that is heard on small laptop speakers.
    buzz = tone(98.0, 0.5, 0.55, (1.0, 0.0, 0.5, 0.0, 0.3, 0.0, 0.2))
    for name, samples in (("ok", chime), ("warning", beep), ("refused", buzz)):
        print(f"wrote {write(name, samples)}")


if __name__ == "__main__":
    main()
