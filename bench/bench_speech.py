"""Speech benchmark: time to first audio, gaps, synthesis speed, audio size, responsiveness.

Run by hand (not a test):  .venv/bin/python bench/bench_speech.py [--engine espeak|pyttsx3]

Starts the demo portal and ``a11y-proxy serve`` (speech cache in a fresh
temporary folder, so nothing is cached) on free 127.0.0.1 ports, then does
what the page script does when a reader presses 连读 on the demo article:

- reads the article through the proxy and takes its text blocks;
- press-to-first-byte: ``POST /api/speech/plan`` for the first blocks, then
  ``GET`` the first audio URL until its first byte arrives (cold: the first
  request after start, workers already started; warm: a second article
  paragraph nobody asked for yet);
- per sentence: the time to fetch the next chunk's audio against the length
  of the current one; the gap a reader hears is max(0, fetch - playing), as
  the page fetches the next chunk while the current one plays;
- synthesis speed as a fraction of real time (worker seconds / audio seconds)
  and MP3 bytes per second of audio;
- responsiveness: /healthz latency while 8 readers ask for new audio at once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from servers import free_port, start_demo_portal, wait_up  # noqa: E402

from a11y_proxy.demo.site import ARTICLE_PATH  # noqa: E402


def blocks_of(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    main = tree.css_first("main") or tree.body
    out = []
    for node in main.css("h1, h2, h3, p, li, td[data-a11y-speech]") if main else []:
        text = node.attrs.get("data-a11y-speech") or node.text(deep=True)
        text = re.sub(r"\s+", " ", text).strip()
        if re.search(r"[\w\u3400-\u9fff]", text):
            out.append(text)
    return out


async def first_byte(client: httpx.AsyncClient, texts: list[str]) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    plan = (await client.post("/api/speech/plan", json={"texts": texts})).json()
    t_plan = time.perf_counter() - t0
    url = plan["items"][0][0]["audio"]
    async with client.stream("GET", url) as r:
        async for _ in r.aiter_bytes():
            break
    return t_plan, time.perf_counter() - t0, url


def mp3_seconds(data: bytes) -> float:
    import miniaudio

    info = miniaudio.mp3_get_info(data)
    return float(info.duration)


async def run(engine: str) -> None:
    portal_port, proxy_port = free_port(), free_port()
    tmp = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    config = tmp / "proxy.toml"
    config.write_text(
        f'[server]\nlog_level = "warning"\n[upstream]\nallowed_hosts = ["127.0.0.1:{portal_port}"]\n'
        f'allow_private_addresses = true\n[speech]\nengine = "{engine}"\ndisk_cache_dir = "{tmp / "audio"}"\n'
        "requests_per_minute = 100000\nburst = 100000\n",
        "utf-8",
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    portal = start_demo_portal(portal_port)
    proxy = subprocess.Popen(
        [sys.executable, "-m", "a11y_proxy", "serve", "--config", str(config), "--port", str(proxy_port)],
        env=env,
    )
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        wait_up(f"http://127.0.0.1:{portal_port}/")
        wait_up(f"{base}/healthz")
        time.sleep(1.5)  # the speech workers start with the server
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            page = await client.get(f"/elder/http://127.0.0.1:{portal_port}{ARTICLE_PATH}")
            blocks = blocks_of(page.text)
            print(f"engine {engine}; article: {len(blocks)} text blocks, {sum(map(len, blocks))} characters")

            plan_s, cold, _ = await first_byte(client, blocks[:8])
            print(
                f"press 连读 -> first audio byte (first request, nothing cached): {cold * 1000:.0f} ms "
                f"(plan {plan_s * 1000:.1f} ms)"
            )
            warm = []
            for i in range(8, 28, 2):
                _, t, _ = await first_byte(client, blocks[i : i + 4])
                warm.append(t)
            print(
                f"press -> first audio byte, later uncached paragraphs: median {statistics.median(warm) * 1000:.0f} ms, "
                f"max {max(warm) * 1000:.0f} ms (n={len(warm)})"
            )

            # A whole read-through: fetch each chunk in order, as the page does.
            plan = (await client.post("/api/speech/plan", json={"texts": blocks[28:90]})).json()
            urls = [c["audio"] for item in plan["items"] for c in item][:60]
            fetch_s: list[float] = []
            durations: list[float] = []
            sizes: list[int] = []
            for url in urls:
                t0 = time.perf_counter()
                r = await client.get(url)
                data = r.content
                if r.status_code != 200:
                    raise RuntimeError(f"{r.status_code} {r.text[:200]} for {url[:120]}")
                fetch_s.append(time.perf_counter() - t0)
                durations.append(mp3_seconds(data))
                sizes.append(len(data))
            gaps = [max(0.0, fetch_s[i + 1] - durations[i]) for i in range(len(urls) - 1)]
            audio = sum(durations)
            print(
                f"read-through: {len(urls)} sentences, {audio:.0f} s of audio; fetch per sentence median "
                f"{statistics.median(fetch_s) * 1000:.0f} ms, max {max(fetch_s) * 1000:.0f} ms; "
                f"sentence length median {statistics.median(durations):.1f} s"
            )
            print(
                f"gap heard between sentences (next fetched while current plays): max {max(gaps) * 1000:.0f} ms"
            )
            print(f"whole-request time / audio time: {sum(fetch_s) / audio:.4f} (x real time, incl. HTTP)")
            print(f"MP3: {sum(sizes) / audio / 1024:.2f} KiB per second of audio")

            again = time.perf_counter()
            await client.get(urls[0])
            print(f"same sentence again (store hit): {(time.perf_counter() - again) * 1000:.1f} ms")

            # Responsiveness: /healthz while 8 readers ask for audio nobody has made yet.
            fresh = (
                await client.post(
                    "/api/speech/plan",
                    json={"texts": [f"第{i}号测试:" + "政府信息公开工作取得新进展。" * 6 for i in range(8)]},
                )
            ).json()
            fresh_urls = [item[0]["audio"] for item in fresh["items"]]
            latencies: list[float] = []

            async def probe() -> None:
                for _ in range(40):
                    t0 = time.perf_counter()
                    await client.get("/healthz")
                    latencies.append(time.perf_counter() - t0)
                    await asyncio.sleep(0.01)

            await asyncio.gather(probe(), *(client.get(u) for u in fresh_urls))
            latencies.sort()
            print(
                f"/healthz during 8 concurrent syntheses: p50 {statistics.median(latencies) * 1000:.1f} ms, "
                f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms"
            )
    finally:
        for p in (proxy, portal):
            p.terminate()
            p.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="espeak", choices=["espeak", "pyttsx3"])
    args = parser.parse_args()
    asyncio.run(run(args.engine))


if __name__ == "__main__":
    main()
