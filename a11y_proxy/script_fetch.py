"""Fetch a page's header and footer scripts and read what they write (the I/O of
:mod:`a11y_proxy.write_includes`).

Before a page is rendered, its parser-inserted scripts on sites the proxy
serves are fetched through the proxy's one upstream client (the allowlist and
the address checks apply to each, redirects included), at most
``[upstream] max_script_includes`` of them, at the same time, each within a few
seconds and a size cap; a script that fails, is too large or writes nothing is
simply not written. What each writes is kept for the cache's lifetime (and
"writes nothing" too), so the one header script that every page of a portal
loads is fetched once, not once a page. A script is decoded as a browser
decodes it: its HTTP charset, else the element's ``charset``, else UTF-8 when
the bytes are UTF-8, else GB18030 (the portals' legacy encoding).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from cachetools import TTLCache

from .charset import charset_from_content_type, lookup
from .errors import ProxyError
from .fetch import Fetcher
from .metrics import ProxyMetrics
from .urls import Target, parse_target, resolve
from .write_includes import Include, candidates, written_html

#: Longer than any portal's header or footer script (the Jiangsu portal's is
#: 15 KB); a larger file is a library, not read.
MAX_SCRIPT_BYTES = 512 * 1024
#: Each script's deadline: a slow one must not hold the page for long.
SCRIPT_TIMEOUT = 3.0
#: Bytes of written HTML kept between pages.
KEPT_BYTES = 4 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Script elements looked at in a page, served or not.
_MAX_CANDIDATES = 64


def decode_script(data: bytes, content_type: str | None, charset: str) -> str:
    """A script's text as a browser decodes it (HTML "fetch a classic script")."""
    for label in (charset_from_content_type(content_type) or "", charset):
        codec = lookup(label) if label else None
        if codec is not None:
            return data.decode(codec, errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


class ScriptWrites:
    """What the header and footer scripts of pages write, fetched and kept."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        limit: int,
        ttl: float,
        run: Callable[[Callable[[str], str | None], str], Any] | None = None,
        metrics: ProxyMetrics | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.metrics = metrics or ProxyMetrics()
        self.limit = limit
        # Sized by what is kept, and a little for each key, so that pages with
        # ever new script addresses cannot grow it without bound.
        self._kept: TTLCache[str, str] = TTLCache(
            maxsize=KEPT_BYTES, ttl=max(ttl, 1.0), getsizeof=lambda html: len(html) + 256
        )
        self._run = run

    @classmethod
    def in_executor(
        cls,
        fetcher: Fetcher,
        *,
        limit: int,
        ttl: float,
        executor: Executor,
        metrics: ProxyMetrics | None = None,
    ) -> ScriptWrites:
        """Reading a script is CPU work: done in ``executor``, off the event loop."""

        def run(fn: Callable[[str], str | None], text: str) -> Any:
            return asyncio.get_running_loop().run_in_executor(executor, fn, text)

        return cls(fetcher, limit=limit, ttl=ttl, run=run, metrics=metrics)

    async def read(self, page_url: str, page: bytes) -> dict[str, str]:
        """``src`` → written HTML for the page's scripts that write some."""
        if self.limit <= 0:
            return {}
        found: list[tuple[Include, Target]] = []
        # Another site's script (a counter, the 党政机关 badge, a share
        # button) is not fetched and does not count against the limit.
        for include in candidates(page, _MAX_CANDIDATES):
            url = resolve(page_url, include.src)
            try:
                target = parse_target(url or "")
                self.fetcher.check_target(target)
            except ProxyError:
                continue
            found.append((include, target))
            if len(found) >= self.limit:
                break
        if not found:
            return {}
        written = await asyncio.gather(*(self._one(target, include) for include, target in found))
        return {include.src: html for (include, _), html in zip(found, written, strict=True) if html}

    async def _one(self, target: Target, include: Include) -> str:
        url = target.url
        kept = self._kept.get(url)
        if kept is not None:
            self.metrics.script_includes.inc(outcome="kept")
            return kept
        html = ""
        try:
            async with asyncio.timeout(SCRIPT_TIMEOUT):
                upstream = await self.fetcher.open(target)
                try:
                    kind = (upstream.headers.get("content-type") or "").split(";")[0].strip().lower()
                    if upstream.status == 200 and kind not in _HTML_TYPES:
                        # Capped on the wire and after decompression (a gzip bomb stops at 512 KB).
                        data = await self.fetcher.read_body(upstream, cap=MAX_SCRIPT_BYTES)
                        text = decode_script(data, upstream.headers.get("content-type"), include.charset)
                        html = await self._written(text) or ""
                finally:
                    await upstream.aclose()
        except (TimeoutError, ProxyError):
            self.metrics.script_includes.inc(outcome="failed")
            return ""  # not kept: the next page asks again
        self.metrics.script_includes.inc(outcome="written" if html else "nothing")
        if len(html) < KEPT_BYTES:
            self._kept[url] = html
        return html

    async def _written(self, text: str) -> str | None:
        if self._run is None:
            return written_html(text)
        result: str | None = await self._run(written_html, text)
        return result
