"""The cache-hit fast path: stored bytes out, with no framework work per request.

Most requests a busy proxy answers are hits on popular pages. This raw ASGI
layer sits in front of the Starlette app; for a plain ``GET``/``HEAD`` whose
exact request target was served from the cache before, and whose entry is
still fresh, it sends the stored bytes with their headers and returns. Every
other request (a miss, a stale entry, a conditional or range request, a
form) goes to the app unchanged, which also fills the map used here.
"""

from __future__ import annotations

import math

from cachetools import LRUCache
from starlette.types import ASGIApp, Receive, Scope, Send

from ..cache import Entry, PageCache
from ..pipeline import CacheKey
from ..prefs import COOKIE
from ..script_tail import new_nonce
from .headers import DEFAULT_HEADERS, VARY, page_csp

_ENCODED_VARY = VARY.encode()


#: Raw request target (path + query, as received) -> cache key of the page it
#: showed. Filled by the proxy view; bounded, so a crawler cannot grow it.
HitTargets = LRUCache[bytes, CacheKey]


_PREFS_COOKIE = COOKIE.encode() + b"="


def raw_target(scope: Scope) -> bytes | None:
    """The request target plus the reader's preference cookie: what selects a stored page."""
    raw = scope.get("raw_path")
    if not isinstance(raw, bytes):
        return None
    query = scope.get("query_string", b"")
    target = raw + b"?" + query if query else raw
    for name, value in scope.get("headers", ()):
        if name == b"cookie" and _PREFS_COOKIE in value:
            cookie = bytes(value)
            start = cookie.index(_PREFS_COOKIE) + len(_PREFS_COOKIE)
            end = cookie.find(b";", start)
            return bytes(target) + b"\x00" + (cookie[start:] if end < 0 else cookie[start:end])
    return bytes(target)


class CacheHitFastPath:
    def __init__(self, app: ASGIApp, cache: PageCache, targets: HitTargets) -> None:
        self.app = app
        self.cache = cache
        self.targets = targets

    def _lookup(self, scope: Scope) -> Entry | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        target = raw_target(scope)
        key = self.targets.get(target) if target is not None else None
        if key is None:
            return None
        for name, _ in scope["headers"]:
            # Conditional and range requests, and anything the app must judge.
            if name in (b"if-none-match", b"range", b"if-range", b"if-modified-since"):
                return None
        entry = self.cache.get(key)
        if entry is None or not entry.cacheable or not entry.body or not entry.fresh(self.cache.clock()):
            return None
        return entry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        entry = self._lookup(scope)
        if entry is None:
            await self.app(scope, receive, send)
            return
        self.cache.hits += 1
        scope["a11y.cache"] = "hit"
        remaining = max(0, math.ceil(entry.ttl - entry.age(self.cache.clock())))
        nonce = new_nonce()
        headers = [
            (b"content-type", entry.content_type.encode()),
            (b"vary", _ENCODED_VARY),
            (b"etag", entry.etag.encode()),
            (
                b"cache-control",
                b"public, max-age=%d" % remaining,
            ),
            (b"content-security-policy", page_csp(nonce)),
            *DEFAULT_HEADERS,
        ]
        gzip = False
        if entry.gzipped:
            for name, value in scope["headers"]:
                if name == b"accept-encoding" and b"gzip" in value:
                    gzip = True
                    headers.append((b"content-encoding", b"gzip"))
                    break
        # Two writes rather than one copy of the stored page per hit.
        stored, end = entry.output_parts(nonce, gzip=gzip)
        headers.append((b"content-length", b"%d" % (len(stored) + len(end))))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
        elif end:
            await send({"type": "http.response.body", "body": stored, "more_body": True})
            await send({"type": "http.response.body", "body": end})
        else:
            await send({"type": "http.response.body", "body": stored})
