"""Speech synthesis in worker processes, isolated from the server.

espeak-ng keeps global state, is not safe to call from two threads, and a
fault in it would take the whole server down. So each worker is a separate
process (``python -m a11y_proxy.speech.workers``: a fresh interpreter, no
copy of the server's event loop or sockets, and no dependence on how the
server itself was started) that owns one engine and answers one job at a
time over its stdin and stdout pipes.
The server side waits for a job in a thread, with a deadline; a worker that
misses it is killed and replaced, so one stuck synthesis cannot stall the
readers behind it. Output is checked (not empty, not silent) before it is
encoded, in the worker, so MP3 encoding does not load the server either.

Exceptions, as the web layer sees them::

    SpeechError            synthesis failed or timed out (503)
    └── SpeechBusy         too many jobs waiting already (503, Retry-After)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

#: One job: the runs of a chunk as (voice, text to speak) pairs, and the rate in words a minute.
Job = tuple[tuple[tuple[str, str], ...], int]


class SpeechError(RuntimeError):
    """Audio could not be made for this text."""


class SpeechBusy(SpeechError):
    """Every worker is busy and the waiting line is full."""


@dataclass(frozen=True, slots=True)
class Synthesis:
    mp3: bytes
    #: Seconds of audio.
    duration: float
    #: Seconds the worker spent synthesising and encoding.
    work_seconds: float


def _child_main(engine_name: str) -> None:  # pragma: no cover - runs in the child
    # Replies go out on the original stdout; fd 1 itself goes to /dev/null,
    # because pyttsx3 prints "Audio saved to ..." for every file.
    reply_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    _serve(Connection(0, writable=False), Connection(reply_fd, readable=False), engine_name)


def _serve(inbox: Connection, conn: Connection, engine_name: str) -> None:  # pragma: no cover - in the child
    from .audio import RUN_GAP_SECONDS, check_pcm, duration_seconds, encode_mp3, silence
    from .engine import make_engine

    try:
        engine = make_engine(engine_name)
        engine.synthesize("ni3 hao3", "cmn-latn-pinyin", 150)  # warm the voice data
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", engine.name))
    gap = silence(RUN_GAP_SECONDS)
    while True:
        try:
            runs, rate = inbox.recv()
        except (EOFError, OSError):
            return  # the server went away
        started = time.perf_counter()
        try:
            parts: list[bytes] = []
            for voice, text in runs:
                pcm = engine.synthesize(text, voice, rate)
                check_pcm(pcm, text)
                if parts:
                    parts.append(gap)
                parts.append(pcm)
            pcm = b"".join(parts)
            mp3 = encode_mp3(pcm)
            conn.send(("ok", (mp3, duration_seconds(pcm), time.perf_counter() - started)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, engine: str, start_timeout: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "a11y_proxy.speech.workers", engine],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.outbox = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.conn = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        try:
            status, value = self._receive(start_timeout)
        except (TimeoutError, EOFError, OSError) as exc:
            self.kill()
            raise SpeechError(f"speech worker did not start ({type(exc).__name__})") from None
        if status != "ready":
            self.kill()
            raise SpeechError(f"speech worker did not start: {value}")

    def _receive(self, timeout: float) -> tuple[str, Any]:
        if not self.conn.poll(timeout):
            raise TimeoutError
        status, value = self.conn.recv()
        return str(status), value

    def call(self, job: Job, timeout: float) -> Synthesis:
        self.outbox.send(job)
        status, value = self._receive(timeout)
        if status != "ok":
            raise SpeechError(str(value))
        mp3, duration, work = value
        return Synthesis(mp3, duration, work)

    def kill(self) -> None:
        for conn in (self.outbox, self.conn):
            with contextlib.suppress(Exception):
                conn.close()
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


class SpeechWorkers:
    """A fixed set of worker processes and a bounded waiting line in front of them."""

    def __init__(
        self,
        engine: str = "espeak",
        processes: int = 1,
        timeout: float = 20.0,
        max_waiting: int = 64,
        observe: Callable[[float], None] | None = None,
    ):
        #: Called with the worker seconds of each finished sentence (the metrics histogram).
        self.observe = observe
        self.engine = engine
        self.processes = processes
        self.timeout = timeout
        self.max_waiting = max_waiting
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._threads = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="a11y-speech")
        self._waiting = 0
        self._start_lock = asyncio.Lock()
        #: Counters for /metrics and the benchmark.
        self.jobs = 0
        self.failures = 0
        self.work_seconds = 0.0

    @property
    def waiting(self) -> int:
        return self._waiting

    async def start(self) -> None:
        async with self._start_lock:
            if self._idle is not None:
                return
            loop = asyncio.get_running_loop()
            workers = await asyncio.gather(
                *(
                    loop.run_in_executor(self._threads, _Worker, self.engine, 30.0)
                    for _ in range(self.processes)
                )
            )
            self._all = list(workers)
            self._idle = asyncio.Queue()
            for worker in workers:
                self._idle.put_nowait(worker)

    async def synthesize(self, runs: tuple[tuple[str, str], ...], rate: int) -> Synthesis:
        if self._idle is None:
            await self.start()
        idle = self._idle
        assert idle is not None
        if self._waiting >= self.max_waiting:
            raise SpeechBusy("the speech service is busy; try again shortly")
        self._waiting += 1
        try:
            worker = await idle.get()
        finally:
            self._waiting -= 1
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._threads, worker.call, (runs, rate), self.timeout)
        except SpeechError:
            self.failures += 1
            raise
        except (TimeoutError, EOFError, OSError, BrokenPipeError) as exc:
            # A stuck or dead worker: replace it, so the next reader is not behind it.
            self.failures += 1
            worker = await loop.run_in_executor(None, self._replace, worker)
            raise SpeechError("speech synthesis did not finish in time") from exc
        finally:
            idle.put_nowait(worker)
        self.jobs += 1
        self.work_seconds += result.work_seconds
        if self.observe is not None:
            self.observe(result.work_seconds)
        return result

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self.engine, 30.0)
        self._all = [fresh if w is worker else w for w in self._all]
        return fresh

    async def close(self) -> None:
        for worker in self._all:
            worker.kill()
        self._all = []
        self._idle = None
        self._threads.shutdown(wait=False, cancel_futures=True)


if __name__ == "__main__":  # pragma: no cover - the worker process
    _child_main(sys.argv[1] if len(sys.argv) > 1 else "espeak")
