"""The engines against the real libespeak-ng (from the espeakng-loader wheel).

Each engine runs in a subprocess here, as in production: espeak-ng is
initialised once per process, and the two engines must not share one.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from a11y_proxy.speech.audio import AudioError, check_pcm, encode_mp3, silence

from .audio_checks import decode_mp3

SCRIPT = """
import json, sys
from a11y_proxy.speech.engine import make_engine
from a11y_proxy.speech.audio import loudness
engine = make_engine(sys.argv[1])
out = []
for voice, text in [("cmn-latn-pinyin", "guo2 wu4 yuan4 ban4 gong1 ting1"), ("en", "www dot gov dot cn")]:
    for rate in (120, 260):
        pcm = engine.synthesize(text, voice, rate)
        out.append({"voice": voice, "rate": rate, "seconds": len(pcm) / 44100, "level": loudness(pcm)})
out.append({"voice": "short", "rate": 155, "seconds": len(engine.synthesize("qi2 ta1", "cmn-latn-pinyin", 155)) / 44100, "level": 1000})
print(json.dumps(out))
"""


def run_engine(engine: str) -> list[dict[str, float]]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, engine], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("engine", ["espeak", "pyttsx3"])
def test_engine_makes_audible_speech_and_rate_changes_its_length(engine: str) -> None:
    results = run_engine(engine)
    for r in results:
        assert r["level"] > 300, r
        assert 0.3 < r["seconds"] < 10, r
    slow, fast = results[0], results[1]
    # Six syllables: about 1-4 s, and the faster rate is clearly shorter.
    assert fast["seconds"] < slow["seconds"] * 0.75


def test_silence_and_empty_audio_are_errors_not_files() -> None:
    with pytest.raises(AudioError, match="no audio"):
        check_pcm(b"", "x")
    with pytest.raises(AudioError, match="silence"):
        check_pcm(silence(1.0), "x")


def test_mp3_encoding_keeps_duration_at_speech_bitrate() -> None:
    import math
    from array import array

    tone = array("h", (int(8000 * math.sin(i / 10)) for i in range(22050 * 2)))
    mp3 = encode_mp3(tone.tobytes())
    decoded = decode_mp3(mp3)
    assert abs(decoded.seconds - 2.0) < 0.15
    # 32 kbit/s: about 4 KiB per second.
    assert 6_000 < len(mp3) < 10_500


def test_pyttsx3_keeps_the_end_of_a_short_sentence() -> None:
    """pyttsx3 2.99 writes its WAV before adding the last samples; the engine adds them back.

    Without that, a sentence shorter than espeak's one-second buffer comes out
    empty. Both engines drive the same library: their lengths must agree (pyttsx3
    adds espeak's end-of-sentence pause, about 0.4 s).
    """
    direct = run_engine("espeak")[-1]["seconds"]
    portable = run_engine("pyttsx3")[-1]["seconds"]
    assert direct > 0.4
    assert direct <= portable <= direct + 0.6


def test_the_pyttsx3_engine_waits_until_the_new_rate_is_in_force() -> None:
    """espeak applies a queued rate change later (under load, sometimes only after the
    next sentence has started): the engine does not synthesise before it is in force."""
    from a11y_proxy.speech.engine import EngineError, wait_for_rate

    readings = iter([120, 120, 120, 260])
    wait_for_rate(260, lambda: next(readings))
    assert next(readings, None) is None  # it asked until the new rate was reported
    with pytest.raises(EngineError, match="rate 260"):
        wait_for_rate(260, lambda: 120, timeout=0.05)
