"""The rendered-page cache: bounded by bytes, fresh for a TTL, stale copies kept for bad days.

- Stores rendered output as bytes (and a gzip copy, served as-is to clients
  that accept it): a parsed tree would cost 17-21x the page, a str ~1.9x.
- Bounded by total bytes (``cachetools.LRUCache`` with ``getsizeof``), not
  entry count, so memory is predictable whatever the page sizes.
- An entry is *fresh* for its TTL (the config's, or less if the portal's
  ``max-age``/``s-maxage`` says so), then *stale*: the next request
  revalidates it with the portal's ETag/Last-Modified, and while the portal
  is failing it may still be served, with a notice, for
  ``stale_if_error_seconds`` (RFC 5861).
- Concurrent requests for the same missing page wait for one upstream fetch
  (:meth:`PageCache.single_flight`).
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cachetools import LRUCache

from .script_tail import GZIP_LEVEL, open_page, page_end

T = TypeVar("T")


@dataclass
class Entry:
    body: bytes
    content_type: str
    #: The upstream URL the output was rendered from (after redirects).
    final_url: str
    ttl: float
    stored_at: float
    upstream_etag: str | None = None
    upstream_last_modified: str | None = None
    gzipped: bytes = b""
    etag: str = ""
    #: Whether the output may be stored and shared (Cache-Control: public).
    cacheable: bool = True
    #: For a rendered page, the CRC-32 of ``body``: ``body`` and ``gzipped``
    #: stop before the page's end, which every response adds with the reader's
    #: script tag and its own nonce (see script_tail).
    page_crc: int | None = None
    #: The serving layer's per-variant memo (plain or gzip): the response
    #: header bytes that are the same in every response from this entry.
    served: dict[bool, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.etag:
            digest = hashlib.blake2b(self.body, digest_size=12).hexdigest()
            # Weak for pages: responses differ in their nonce, not in content
            # (RFC 9110 §8.8.1).
            self.etag = ('W/"' if self.page_crc is not None else '"') + digest + '"'

    @classmethod
    def for_page(cls, html: bytes, *, compressed: bool, **fields: Any) -> Entry:
        head, gzip_open, crc = open_page(html, compressed=compressed)
        return cls(body=head, gzipped=gzip_open, page_crc=crc, **fields)

    def output(self, nonce: str, *, gzip: bool) -> bytes:
        """The bytes to send (gzip only when stored so): a page gets its script tag."""
        return b"".join(self.output_parts(nonce, gzip=gzip))

    def output_parts(self, nonce: str, *, gzip: bool) -> tuple[bytes, bytes]:
        """:meth:`output` in two parts, to send without copying the stored bytes."""
        gzip = gzip and bool(self.gzipped)
        stored = self.gzipped if gzip else self.body
        if self.page_crc is None:
            return stored, b""
        return stored, page_end(nonce, gzip=gzip, head_size=len(self.body), crc=self.page_crc)

    @property
    def size(self) -> int:
        # Bytes held, plus a fixed allowance for the object, its strings and
        # the serving memo.
        return len(self.body) + len(self.gzipped) + 2048

    def age(self, now: float) -> float:
        return now - self.stored_at

    def fresh(self, now: float) -> bool:
        return self.age(now) < self.ttl


def compress(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


class PageCache:
    def __init__(
        self,
        max_bytes: int,
        *,
        stale_if_error: float,
        max_entry_bytes: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lru: LRUCache[Hashable, Entry] = LRUCache(maxsize=max(max_bytes, 1), getsizeof=lambda e: e.size)
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self.stale_if_error = stale_if_error
        self.clock = clock
        self._inflight: dict[Hashable, asyncio.Future[Any]] = {}  # key -> running task
        self.hits = 0
        self.misses = 0

    @property
    def current_bytes(self) -> int:
        return int(self._lru.currsize)

    def __len__(self) -> int:
        return len(self._lru)

    def get(self, key: Hashable) -> Entry | None:
        entry = self._lru.get(key)
        if entry is not None and self.clock() - entry.stored_at > entry.ttl + self.stale_if_error:
            # Past any use: forget it now rather than wait for LRU pressure.
            self._lru.pop(key, None)
            return None
        return entry

    def put(self, key: Hashable, entry: Entry) -> bool:
        """Store ``entry``; False if it is too big to keep or caching is off."""
        if self.max_bytes <= 0 or entry.size > min(self.max_entry_bytes, self.max_bytes):
            self._lru.pop(key, None)
            return False
        self._lru[key] = entry
        return True

    def drop(self, key: Hashable) -> None:
        self._lru.pop(key, None)

    def usable_stale(self, entry: Entry) -> bool:
        return self.clock() - entry.stored_at <= entry.ttl + self.stale_if_error

    async def single_flight(self, key: Hashable, make: Callable[[], Awaitable[T]]) -> T:
        """Run ``make()`` once per key at a time; concurrent callers share its result.

        The work runs as its own task, so a reader who gives up (closes the
        tab) does not cancel the fetch the others are waiting for.
        """
        running = self._inflight.get(key)
        if running is None:
            task: asyncio.Future[Any] = asyncio.ensure_future(make())
            self._inflight[key] = task

            def done(t: asyncio.Future[Any], key: Hashable = key) -> None:
                if self._inflight.get(key) is t:
                    del self._inflight[key]
                if not t.cancelled():
                    t.exception()  # mark retrieved: every waiter re-raises it anyway

            task.add_done_callback(done)
            running = task
        result: T = await asyncio.shield(running)
        return result
