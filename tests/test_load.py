"""Load, workers and shutdown, on a real ``a11y-proxy serve --workers 2`` in front of a local portal.

Many readers at once, cache hits and misses mixed: no errors, the page
cache stays within its configured bytes, memory and file descriptors stay
bounded; requests are spread over both worker processes behind the one
port; and a shutdown lets a request in flight finish.
"""

from __future__ import annotations

import asyncio
import collections
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, serve_proxy, wait_until_up
from tests.hostile import HostileServer

pytestmark = pytest.mark.anyio
CACHE_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def demo_portal() -> Iterator[str]:
    """The demo portal in its own uvicorn process: an upstream that is not the bottleneck."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "a11y_proxy.demo.portal", str(port)])
    origin = f"http://127.0.0.1:{port}"
    wait_until_up(origin + "/", proc)
    try:
        yield origin
    finally:
        proc.terminate()
        proc.wait(10)


def proxy_config(origin: str) -> str:
    return f"""
[server]
log_level = "warning"
access_log = false
[upstream]
allowed_hosts = ["{origin.split("//", 1)[1]}"]
allow_private_addresses = true
max_connections = 16
[cache]
max_bytes = {CACHE_BYTES}
[speech]
enabled = false
"""


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


async def tasks_alive(base: str) -> float:
    """The largest task count any worker reports (each scrape reaches one worker)."""
    seen = 0.0
    for _ in range(8):
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            text = (await client.get("/metrics")).text
        seen = max(seen, float(re.search(r"^a11y_asyncio_tasks (\S+)", text, re.M).group(1)))  # type: ignore[union-attr]
    return seen


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def test_many_readers_hits_and_misses_no_errors_bounded_memory_and_files(
    demo_portal: str, tmp_path: Path
) -> None:
    from a11y_proxy.demo.site import ARTICLE_PATH, LIST_PATH

    with serve_proxy(proxy_config(demo_portal), tmp_path, workers=2) as (proc, base):
        # The worker processes (not the resource tracker multiprocessing also starts).
        workers = [pid for pid in children(proc.pid) if fds(pid) > 8]
        assert len(workers) >= 2
        statuses: list[int] = []
        pids: set[str] = set()

        async def reader(n: int) -> None:
            # Each reader its own connection, as separate browsers would be.
            async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                for i in range(50):
                    if i % 3 == 0:
                        path = f"/elder/{demo_portal}{LIST_PATH}?reader={n}&i={i}"  # a miss: a new cache key
                    else:
                        path = f"/elder/{demo_portal}{ARTICLE_PATH}"  # a hit after the first
                    r = await client.get(path)
                    statuses.append(r.status_code)
                m = re.search(r"^a11y_process_pid (\d+)", (await client.get("/metrics")).text, re.M)
                if m:
                    pids.add(m.group(1))

        await asyncio.gather(*(reader(n) for n in range(48)))
        await asyncio.sleep(1.0)
        after_first = {pid: fds(pid) for pid in workers}
        tasks_first = await tasks_alive(base)
        # The same load again: open files must not grow with it (pooled keep-alive
        # connections to the portal, at most [upstream] max_connections, are not a leak).
        statuses_first = len(statuses)
        await asyncio.gather(*(reader(n + 48) for n in range(48)))
        assert len(statuses) == 2 * statuses_first
        assert collections.Counter(statuses) == {200: 2 * 48 * 50}
        assert len(pids) >= 2, pids  # both workers answered
        await asyncio.sleep(1.5)
        for pid in workers:
            # Growth is bounded by the keep-alive pool to the portal ([upstream]
            # max_connections = 16), not by the number of requests served.
            assert fds(pid) <= after_first[pid] + 16, (pid, after_first[pid], fds(pid))
            assert fds(pid) < 16 + 40, (pid, fds(pid))
            assert rss(pid) < 300 * 1024 * 1024, (pid, rss(pid))
        # No task leak: what is alive on the event loop afterwards does not grow with the load.
        assert await tasks_alive(base) <= tasks_first + 2
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            for _ in range(6):
                text = (await client.get("/metrics")).text
                cache_bytes = float(re.search(r"^a11y_cache_bytes (\S+)", text, re.M).group(1))  # type: ignore[union-attr]
                assert cache_bytes <= CACHE_BYTES


async def test_shutdown_lets_the_request_in_flight_finish(hostile: HostileServer, tmp_path: Path) -> None:
    with serve_proxy(proxy_config(hostile.origin), tmp_path) as (proc, base):
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            pending = asyncio.create_task(client.get(f"/a11y/{hostile.origin}/slow-ok"))
            await asyncio.sleep(0.5)
            proc.send_signal(signal.SIGTERM)
            r = await pending
        assert r.status_code == 200 and "正常内容" in r.text
        # uvicorn finishes the work, then re-raises the signal it caught, as a
        # process that ends on SIGTERM should (systemd counts it as a clean stop).
        assert proc.wait(15) in (0, -signal.SIGTERM)
