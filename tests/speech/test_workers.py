"""Worker processes: real synthesis, deadlines, replacement, the waiting line."""

from __future__ import annotations

import asyncio

import pytest

from a11y_proxy.speech.workers import SpeechBusy, SpeechError, SpeechWorkers

from .audio_checks import decode_mp3

pytestmark = pytest.mark.anyio

SENTENCE = (("cmn-latn-pinyin", "guo2 wu4 yuan4 ban4 gong1 ting1"),)


async def test_a_worker_returns_verified_mp3() -> None:
    workers = SpeechWorkers(processes=1)
    try:
        result = await workers.synthesize(SENTENCE, 155)
    finally:
        await workers.close()
    decoded = decode_mp3(result.mp3)
    assert decoded.mean_level > 200
    assert abs(decoded.seconds - result.duration) < 0.2
    assert 0.5 < result.duration < 5


async def test_a_job_past_its_deadline_replaces_the_worker_and_the_next_job_works() -> None:
    workers = SpeechWorkers(processes=1, timeout=0.001)
    try:
        await workers.start()
        first = workers._all[0].process.pid
        with pytest.raises(SpeechError, match="in time"):
            await workers.synthesize((("cmn-latn-pinyin", "ni3 hao3 " * 400),), 155)
        assert workers._all[0].process.pid != first
        workers.timeout = 20
        result = await workers.synthesize(SENTENCE, 155)
        assert result.mp3
    finally:
        await workers.close()


async def test_an_unknown_voice_is_an_error_not_a_crash() -> None:
    workers = SpeechWorkers(processes=1)
    try:
        with pytest.raises(SpeechError, match="no voice"):
            await workers.synthesize((("no-such-voice", "x"),), 155)
        assert (await workers.synthesize(SENTENCE, 155)).mp3
    finally:
        await workers.close()


async def test_a_full_waiting_line_refuses_at_once() -> None:
    workers = SpeechWorkers(processes=1, max_waiting=1)
    try:
        await workers.start()
        long_job = (("cmn-latn-pinyin", "ni3 hao3 " * 300),)
        jobs = [asyncio.create_task(workers.synthesize(long_job, 155)) for _ in range(3)]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        assert any(isinstance(r, SpeechBusy) for r in results)
        assert any(not isinstance(r, BaseException) for r in results)
    finally:
        await workers.close()
