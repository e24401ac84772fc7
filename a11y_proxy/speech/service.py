"""The speech service: what the web layer calls.

``preview`` shows what would be spoken (operators tune pronunciations with
it); ``plan`` cuts a page's text blocks into chunks and gives each its
content-addressed audio URL; ``audio`` returns the MP3 for one chunk, from
the store or made by a worker, once however many readers ask at the same
moment.

An audio URL carries its own text (``?text=…&speed=…``) and a key that is a
hash of everything the audio depends on, so it can be made on any server at
any time, and cached forever by the browser and any HTTP cache in front.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from .chunks import HARD_MAX_CHARS, Run, language_runs, split_sentences
from .pinyin import Pronunciations, install_pronunciations
from .store import AudioStore
from .workers import SpeechWorkers, Synthesis

#: Bumped whenever normalisation or pinyin rules change what a text sounds like.
RULES_VERSION = "1"
VOICES = {"zh": "cmn-latn-pinyin", "en": "en"}
#: Speech rate in words a minute for each 语速 step (reader.SPEEDS names them;
#: espeak-ng's own default is 175).
SPEEDS: dict[str, int] = {"slow": 120, "normal": 155, "fast": 200, "fastest": 260}
DEFAULT_SPEED = "normal"


class SpeechRequestError(ValueError):
    """A request the service refuses (bad speed, text too long, key mismatch); 400."""


class SpeechService:
    def __init__(
        self,
        *,
        pronunciations: Pronunciations | None,
        store: AudioStore,
        workers: SpeechWorkers,
        max_text_chars: int,
    ) -> None:
        digest = hashlib.sha256(RULES_VERSION.encode())
        digest.update(workers.engine.encode())
        if pronunciations is not None:
            install_pronunciations(pronunciations.entries)
            digest.update(pronunciations.raw)
        self._salt = digest.hexdigest()
        self.store = store
        self.workers = workers
        self.max_text_chars = max_text_chars
        self._inflight: dict[str, asyncio.Future[bytes]] = {}

    # -- what is said ------------------------------------------------------

    def _check_text(self, text: str, limit: int) -> str:
        if len(text) > limit:
            raise SpeechRequestError(f"text is longer than {limit} characters")
        return text

    def preview(self, text: str) -> list[dict[str, Any]]:
        self._check_text(text, self.max_text_chars)
        chunks: list[dict[str, Any]] = []
        for chunk in split_sentences(text):
            for run in language_runs(chunk.text):
                chunks.append(
                    {"text": run.text, "lang": run.lang, "pinyin": run.spoken if run.lang == "zh" else None}
                )
        return chunks

    def key(self, text: str, speed: str) -> str:
        h = hashlib.sha256(self._salt.encode())
        h.update(speed.encode())
        h.update(b"\x00")
        h.update(text.encode("utf-8"))
        return h.hexdigest()[:32]

    def audio_url(self, text: str, speed: str) -> str:
        return f"/api/speech/audio/{self.key(text, speed)}.mp3?speed={speed}&text={quote(text, safe='')}"

    def plan(self, texts: list[str], speed: str) -> list[list[dict[str, Any]]]:
        speed = check_speed(speed)
        total = sum(len(t) for t in texts)
        if total > self.max_text_chars:
            raise SpeechRequestError(f"text is longer than {self.max_text_chars} characters")
        return [
            [
                {"start": c.start, "end": c.end, "audio": self.audio_url(c.text, speed)}
                for c in split_sentences(text)
            ]
            for text in texts
        ]

    # -- audio -------------------------------------------------------------

    async def audio(
        self, key: str, text: str, speed: str, *, admit: Callable[[], None] | None = None
    ) -> bytes:
        """The MP3 for ``text``: from the store, from a synthesis already under way, or made now.

        ``admit`` is called just before new audio would be made (the web layer's
        rate limit raises from it), so replays cost a reader nothing.
        """
        speed = check_speed(speed)
        self._check_text(text, HARD_MAX_CHARS)
        if key != self.key(text, speed):
            raise SpeechRequestError("the audio key does not match the text and speed")
        stored = self.store.get(key)
        if stored is not None:
            return stored
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        if admit is not None:
            admit()
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await self._make(text, speed)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waits
            raise
        finally:
            self._inflight.pop(key, None)
        self.store.put(key, result.mp3)
        future.set_result(result.mp3)
        return result.mp3

    async def _make(self, text: str, speed: str) -> Synthesis:
        runs = speakable_runs(text)
        if not runs:
            raise SpeechRequestError("there is nothing to say in this text")
        jobs = tuple((VOICES[r.lang], r.spoken) for r in runs)
        return await self.workers.synthesize(jobs, SPEEDS[speed])


def speakable_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    for chunk in split_sentences(text):
        runs.extend(language_runs(chunk.text))
    return runs


def check_speed(speed: str) -> str:
    if speed not in SPEEDS:
        raise SpeechRequestError(f"speed must be one of {', '.join(SPEEDS)}")
    return speed
