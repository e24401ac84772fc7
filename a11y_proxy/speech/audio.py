"""PCM checks and MP3 encoding for speech audio.

MP3 because it plays in every browser, Safari and iOS included (Ogg/Opus is
smaller but unreliable there); 32 kbit/s mono at 22.05 kHz is about 4 KiB per
second of speech, a tenth of the WAV espeak-ng produces. ``lameenc`` bundles
LAME, so no system package is needed.

Engines are not trusted blindly: a segment that comes back empty or silent
is an error, not a silent file a reader would wait on.
"""

from __future__ import annotations

from array import array

import lameenc

from .engine import SAMPLE_RATE

BIT_RATE_KBPS = 32
#: Between two language runs of one sentence (Chinese and English voices).
RUN_GAP_SECONDS = 0.08
#: Mean absolute sample value below which audio counts as silence (16-bit scale).
SILENCE_LEVEL = 60


class AudioError(RuntimeError):
    """Synthesis produced nothing usable."""


def silence(seconds: float) -> bytes:
    return bytes(2 * int(SAMPLE_RATE * seconds))


def loudness(pcm: bytes) -> float:
    """Mean absolute sample value of s16le PCM (0 for empty)."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    # A stride keeps this cheap on long audio; speech is not periodic at 1/8 ms.
    step = max(1, len(samples) // 20000)
    picked = samples[::step]
    return sum(abs(s) for s in picked) / len(picked)


def check_pcm(pcm: bytes, text: str) -> None:
    seconds = len(pcm) / 2 / SAMPLE_RATE
    if seconds < 0.05:
        raise AudioError(f"the engine returned no audio for {text[:40]!r}")
    if loudness(pcm) < SILENCE_LEVEL:
        raise AudioError(f"the engine returned silence for {text[:40]!r}")


def encode_mp3(pcm: bytes) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)
    data = bytes(encoder.encode(pcm)) + bytes(encoder.flush())
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        raise AudioError("the MP3 encoder produced no frames")
    return data


def duration_seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / SAMPLE_RATE
