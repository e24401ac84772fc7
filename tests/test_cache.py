from __future__ import annotations

import asyncio

import pytest

from a11y_proxy.cache import Entry, PageCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def entry(body: bytes, clock: Clock, ttl: float = 60) -> Entry:
    return Entry(body=body, content_type="text/html", final_url="http://h/", ttl=ttl, stored_at=clock())


def test_cache_is_bounded_by_bytes_not_entries() -> None:
    clock = Clock()
    cache = PageCache(10_000, stale_if_error=0, max_entry_bytes=10_000, clock=clock)
    for i in range(20):
        cache.put(i, entry(b"x" * 2000, clock))
    assert cache.current_bytes <= 10_000
    assert len(cache) == 2  # 2000 bytes + 2048 allowance each
    assert cache.get(19) is not None and cache.get(0) is None


def test_entries_over_the_entry_cap_are_not_stored() -> None:
    clock = Clock()
    cache = PageCache(1_000_000, stale_if_error=0, max_entry_bytes=1000, clock=clock)
    assert not cache.put("big", entry(b"x" * 5000, clock))
    assert cache.get("big") is None


def test_fresh_then_stale_then_forgotten() -> None:
    clock = Clock()
    cache = PageCache(1_000_000, stale_if_error=100, max_entry_bytes=100_000, clock=clock)
    cache.put("k", entry(b"page", clock, ttl=60))
    e = cache.get("k")
    assert e is not None and e.fresh(clock())
    clock.now += 61
    e = cache.get("k")
    assert e is not None and not e.fresh(clock()) and cache.usable_stale(e)
    clock.now += 100
    assert cache.get("k") is None


def test_etag_is_derived_from_the_body() -> None:
    clock = Clock()
    assert entry(b"a", clock).etag == entry(b"a", clock).etag != entry(b"b", clock).etag


@pytest.mark.anyio
async def test_single_flight_runs_the_work_once_for_concurrent_callers() -> None:
    cache = PageCache(1000, stale_if_error=0, max_entry_bytes=1000)
    calls = 0

    async def work() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return "done"

    results = await asyncio.gather(*(cache.single_flight("k", work) for _ in range(10)))
    assert results == ["done"] * 10 and calls == 1


@pytest.mark.anyio
async def test_single_flight_shares_errors_and_forgets_them() -> None:
    cache = PageCache(1000, stale_if_error=0, max_entry_bytes=1000)

    async def fail() -> str:
        await asyncio.sleep(0.01)
        raise ValueError("upstream down")

    outcomes = await asyncio.gather(
        *(cache.single_flight("k", fail) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, ValueError) for o in outcomes)

    async def ok() -> str:
        return "fine"

    assert await cache.single_flight("k", ok) == "fine"


@pytest.mark.anyio
async def test_a_caller_that_gives_up_does_not_cancel_the_shared_work() -> None:
    cache = PageCache(1000, stale_if_error=0, max_entry_bytes=1000)

    async def work() -> str:
        await asyncio.sleep(0.05)
        return "done"

    first = asyncio.ensure_future(cache.single_flight("k", work))
    second = asyncio.ensure_future(cache.single_flight("k", work))
    await asyncio.sleep(0.01)
    first.cancel()
    assert await second == "done"
