"""Speech engines: text in, 16-bit mono PCM out. Run only inside a speech worker process.

Two engines drive the same espeak-ng library (one engine per process: the
library keeps global state and is initialised once):

``espeak`` (the default)
    libespeak-ng through ctypes in ``AUDIO_OUTPUT_SYNCHRONOUS`` mode: the
    call returns when the audio is complete, so there is no race and no
    copying (measured: 508 s of audio in 0.45 s).
``pyttsx3``
    the portable interface the design names. Its espeak driver runs
    asynchronously (``runAndWait()`` returns before the audio exists, pyttsx3
    issues #149 and #259), so each segment is saved on its own and waited for,
    which also avoids the driver's quadratic buffer growth on long text. One
    more defect of pyttsx3 2.99 is worked around here: the driver writes the
    WAV when espeak reports the end of the message, *before* it appends the
    samples that came with that same report, so the last stretch of audio
    (up to one second, all of it for a short sentence) is missing from the
    file. The engine wraps the driver's callback, waits for the call that
    ends the message to return, and adds those samples back. And the driver
    sets the rate with an asynchronous ``espeak_SetParameter``, which under
    CPU load now and then never takes effect (the sentence comes out at the
    previous rate: 语速 ignored); the engine waits until espeak reports the
    new rate in force before it synthesises (under CPU load: 6 of 24 processes
    had a sentence at the wrong rate without the wait, none of 32 with it).

The library comes from the ``espeakng-loader`` wheel (libespeak-ng plus its
data, Mandarin included, so no system package is needed), or from a system
``libespeak-ng.so.1``. It is loaded before pyttsx3, which then finds it by
its soname.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

SAMPLE_RATE = 22050

# espeak-ng's speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_RATE = 1
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EngineError(RuntimeError):
    """The engine could not be loaded or produced no audio."""


def library_location() -> tuple[str, str | None]:
    """Path of libespeak-ng and its data folder (None: the library's built-in path)."""
    try:
        import espeakng_loader
    except ImportError:
        return "libespeak-ng.so.1", os.environ.get("ESPEAK_DATA_PATH")
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()


def _load_library() -> tuple[ctypes.CDLL, str | None]:
    path, data = library_location()
    try:
        # RTLD_GLOBAL: pyttsx3 later dlopen()s "libespeak-ng.so.1" and gets this copy.
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    except OSError as exc:
        raise EngineError(f"cannot load libespeak-ng ({exc}); install espeakng-loader or espeak-ng") from None
    if data:
        os.environ["ESPEAK_DATA_PATH"] = data
    return lib, data


class Engine(Protocol):
    name: str

    def synthesize(self, text: str, voice: str, rate: int) -> bytes:
        """PCM s16le, mono, :data:`SAMPLE_RATE` Hz, for ``text`` in ``voice`` at ``rate`` words a minute."""
        ...


class EspeakEngine:
    name = "espeak"

    def __init__(self) -> None:
        self._lib, data = _load_library()
        lib = self._lib
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode() if data else None, 0)
        if rate != SAMPLE_RATE:
            raise EngineError(f"espeak-ng did not initialise (returned {rate})")
        self._chunks: list[bytes] = []

        def collect(wav: Any, count: int, _events: Any) -> int:
            if count > 0:
                self._chunks.append(ctypes.string_at(wav, count * 2))
            return 0

        self._callback = _SYNTH_CALLBACK(collect)  # kept referenced: espeak calls it later
        lib.espeak_SetSynthCallback(self._callback)
        self._voice = ""

    def synthesize(self, text: str, voice: str, rate: int) -> bytes:
        lib = self._lib
        if voice != self._voice:
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise EngineError(f"espeak-ng has no voice {voice!r}")
            self._voice = voice
        lib.espeak_SetParameter(_RATE, rate, 0)
        self._chunks = []
        data = text.encode("utf-8")
        status = lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        if status != 0:
            raise EngineError(f"espeak_Synth failed with status {status}")
        lib.espeak_Synchronize()
        return b"".join(self._chunks)


class Pyttsx3Engine:
    name = "pyttsx3"

    def __init__(self, timeout: float = 20.0) -> None:
        _load_library()
        import pyttsx3
        from pyttsx3.drivers import _espeak

        self._engine = pyttsx3.init("espeak")
        self._done = threading.Event()
        driver = self._engine.proxy._driver
        self._driver = driver
        original = driver._onSynth

        def on_synth(wav: Any, count: int, events: Any) -> int:
            speaking = driver._speaking
            result = int(original(wav, count, events))
            if speaking and not driver._speaking:
                # This call ended the message, and has now also buffered its samples.
                self._done.set()
            return result

        _espeak.SetSynthCallback(on_synth)  # the module keeps the ctypes callback alive
        self._timeout = timeout
        self._dir = Path(tempfile.mkdtemp(prefix="a11y-speech-"))
        current_value = _espeak.dll.espeak_GetParameter
        current_value.restype = ctypes.c_int
        # pyttsx3 starts "busy" and holds property changes back until its first
        # loop runs; the rate check below needs them applied when they are made.
        self._engine.proxy.setBusy(False)
        self._rate_in_force: Callable[[], int] = lambda: int(current_value(_RATE, 1))

    def synthesize(self, text: str, voice: str, rate: int) -> bytes:
        pcm = self._synthesize_once(text, voice, rate)
        if len(pcm) < 2 * SAMPLE_RATE // 20:
            # Seen about once in a few hundred calls: espeak's own thread is still
            # winding down the previous message and the new one comes back empty.
            # One retry after it has settled cleared every case in bench/bench_speech.py
            # (3 runs of about 90 sentences each, 2026-11-26).
            time.sleep(0.05)
            pcm = self._synthesize_once(text, voice, rate)
        return pcm

    def _synthesize_once(self, text: str, voice: str, rate: int) -> bytes:
        engine = self._engine
        engine.setProperty("voice", voice)
        engine.setProperty("rate", rate)
        wait_for_rate(rate, self._rate_in_force)
        target = self._dir / "segment.wav"
        target.unlink(missing_ok=True)
        self._done.clear()
        engine.save_to_file(text, str(target))
        engine.runAndWait()
        # The WAV is written from espeak's thread after runAndWait() returns.
        if not self._done.wait(self._timeout):
            raise EngineError("pyttsx3 did not finish the utterance in time")
        try:
            with wave.open(str(target), "rb") as f:
                if f.getframerate() != SAMPLE_RATE or f.getsampwidth() != 2 or f.getnchannels() != 1:
                    raise EngineError("pyttsx3 wrote an unexpected WAV format")
                frames = f.readframes(f.getnframes())
        except (OSError, wave.Error) as exc:
            raise EngineError(f"pyttsx3 wrote no usable WAV ({exc})") from None
        # The samples that arrived with the end-of-message report (see the module docstring).
        return frames + bytes(self._driver._data_buffer)


def wait_for_rate(rate: int, in_force: Callable[[], int], *, timeout: float = 1.0) -> None:
    """Wait until espeak reports ``rate`` as its current speaking rate."""
    deadline = time.monotonic() + timeout
    while in_force() != rate:
        if time.monotonic() > deadline:
            raise EngineError(f"espeak did not take the speaking rate {rate}")
        time.sleep(0.001)


ENGINES = ("espeak", "pyttsx3")


def make_engine(name: str) -> Engine:
    if name == "espeak":
        return EspeakEngine()
    if name == "pyttsx3":
        return Pyttsx3Engine()
    raise EngineError(f"unknown speech engine {name!r} (known: {', '.join(ENGINES)})")
