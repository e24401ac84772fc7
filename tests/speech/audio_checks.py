"""Decode MP3 the way a browser would (miniaudio) and measure it."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import miniaudio


@dataclass
class Decoded:
    seconds: float
    mean_level: float
    sample_rate: int


def decode_mp3(data: bytes) -> Decoded:
    sound = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    samples = array("h", sound.samples)
    level = sum(abs(s) for s in samples) / max(1, len(samples))
    return Decoded(len(samples) / sound.sample_rate, level, sound.sample_rate)
