"""``/api/speech/*`` end to end: preview contract, plan, real audio, cache, ranges, limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings, proxy_client
from tests.speech.audio_checks import decode_mp3

pytestmark = pytest.mark.anyio


def speech_settings(tmp_path: Path, **speech: Any) -> Any:
    return make_settings(speech={"disk_cache_dir": str(tmp_path / "audio"), **speech})


async def test_preview_returns_chunks_with_lang_and_pinyin(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path)) as client:
        r = await client.get("/api/speech/preview", params={"text": "拨打12345热线。Hello world."})
    assert r.status_code == 200
    assert r.json() == {
        "chunks": [
            {"text": "拨打12345热线。", "lang": "zh", "pinyin": "bo1 da3 yao1 er4 san1 si4 wu3 re4 xian4"},
            {"text": "Hello world.", "lang": "en", "pinyin": None},
        ]
    }


async def test_plan_gives_offsets_and_content_addressed_audio_urls(tmp_path: Path) -> None:
    text = "第一句话。第二句话!"
    async with proxy_client(speech_settings(tmp_path)) as client:
        r = await client.post("/api/speech/plan", json={"texts": [text, text], "speed": "slow"})
        again = await client.post("/api/speech/plan", json={"texts": [text], "speed": "fast"})
    items = r.json()["items"]
    assert [(c["start"], c["end"]) for c in items[0]] == [(0, 5), (5, 10)]
    assert items[0] == items[1]
    assert items[0][0]["audio"].startswith("/api/speech/audio/")
    assert "speed=slow" in items[0][0]["audio"]
    # The speed is part of the address.
    assert again.json()["items"][0][0]["audio"] != items[0][0]["audio"]


async def test_audio_is_real_speech_cached_and_immutable(tmp_path: Path) -> None:
    text = "国务院办公厅关于印发2023年政务公开工作要点的通知。"
    async with proxy_client(speech_settings(tmp_path)) as client:
        plan = await client.post("/api/speech/plan", json={"texts": [text]})
        url = plan.json()["items"][0][0]["audio"]
        first = await client.get(url)
        service = client.app.state.speech  # type: ignore[attr-defined]
        jobs = service.workers.jobs
        second = await client.get(url)
        assert service.workers.jobs == jobs  # served from the store, not made again
        etag = first.headers["etag"]
        not_modified = await client.get(url, headers={"if-none-match": etag})
    assert first.status_code == 200
    assert first.headers["content-type"] == "audio/mpeg"
    assert "immutable" in first.headers["cache-control"]
    assert second.content == first.content
    assert not_modified.status_code == 304
    decoded = decode_mp3(first.content)
    assert decoded.mean_level > 200
    # 27 characters, about 30 syllables: 4-12 s of speech at the normal rate.
    assert 4 < decoded.seconds < 12
    # The disk copy is there for the next start.
    assert list((tmp_path / "audio").glob("*.mp3"))


async def test_audio_answers_range_requests(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path)) as client:
        plan = await client.post("/api/speech/plan", json={"texts": ["你好。"]})
        url = plan.json()["items"][0][0]["audio"]
        whole = await client.get(url)
        head = await client.get(url, headers={"range": "bytes=0-99"})
        tail = await client.get(url, headers={"range": "bytes=-10"})
        past = await client.get(url, headers={"range": f"bytes={len(whole.content)}-"})
    assert head.status_code == 206
    assert head.headers["content-range"] == f"bytes 0-99/{len(whole.content)}"
    assert head.content == whole.content[:100]
    assert tail.content == whole.content[-10:]
    assert past.status_code == 416


async def test_a_key_that_does_not_match_the_text_is_refused(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path)) as client:
        r = await client.get(f"/api/speech/audio/{'0' * 32}.mp3", params={"text": "你好", "speed": "normal"})
        bad_speed = await client.get(
            f"/api/speech/audio/{'0' * 32}.mp3", params={"text": "你好", "speed": "warp"}
        )
    assert r.status_code == 400 and "key" in r.json()["error"]
    assert bad_speed.status_code == 400


async def test_too_much_text_is_413(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path, max_text_chars=100)) as client:
        preview = await client.get("/api/speech/preview", params={"text": "字" * 101})
        plan = await client.post("/api/speech/plan", json={"texts": ["字" * 60, "字" * 60]})
        not_json = await client.post("/api/speech/plan", content=b"{nope")
    assert preview.status_code == 413
    assert plan.status_code == 413
    assert not_json.status_code == 400


async def test_a_client_over_its_rate_gets_429_with_retry_after(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path, requests_per_minute=60, burst=3)) as client:
        codes = [
            (await client.get("/api/speech/preview", params={"text": "你好"})).status_code for _ in range(5)
        ]
        last = await client.get("/api/speech/preview", params={"text": "你好"})
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]
    assert int(last.headers["retry-after"]) >= 1


async def test_speech_switched_off_is_404(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path, enabled=False)) as client:
        r = await client.get("/api/speech/preview", params={"text": "你好"})
    assert r.status_code == 404


async def test_the_pyttsx3_engine_serves_the_same_api(tmp_path: Path) -> None:
    async with proxy_client(speech_settings(tmp_path, engine="pyttsx3")) as client:
        plan = await client.post("/api/speech/plan", json={"texts": ["政务公开。"]})
        audio = await client.get(plan.json()["items"][0][0]["audio"])
    assert audio.status_code == 200
    assert decode_mp3(audio.content).mean_level > 200
