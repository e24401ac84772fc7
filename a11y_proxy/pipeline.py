"""The pipeline, in one place: fetch → decode → parse → passes → serialize → cache.

    Pipeline.get()                      (async: the only stage with I/O)
      ├─ cache hit, fresh ─────────────────────────────────────────────► Entry
      └─ single flight per key:
           fetch.open()  redirects checked hop by hop, total deadline
           ├─ HTML ─► fetch.read_body() ─► script_fetch: what its scripts write ─► render_html():
           │            charset.decode_html → parse (a frameset unfolded) → PASSES[mode] → serialize
           ├─ CSS  ─► fetch.read_body() ─► render_css()
           └─ other ─► Passthrough (streamed by the web layer, never cached)
           ─► cache.put()   (unless the portal said no-store/private/no-transform)

``PASSES`` below is the one list of transform passes per mode; later
features add passes there and nowhere else. This module never imports the
web framework: the web layer calls it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .cache import Entry, PageCache, compress
from .charset import decode_html
from .config import Settings, SiteSettings
from .context import PageContext
from .errors import (
    PageTooComplex,
    ProxyError,
    UnsupportedContent,
    UpstreamError,
    UpstreamStatusError,
    UpstreamTimeout,
    UpstreamTooLarge,
)
from .fetch import Fetcher, Upstream
from .frames import unfold
from .hosts import Allowlist
from .link_policy import Kind, LinkPolicy
from .metrics import ProxyMetrics
from .modes import Mode
from .nesting import too_complex
from .passes import (
    charset_meta,
    clutter,
    dead_controls,
    dead_forms,
    elder_layout,
    empty_sections,
    find_main,
    form_labels,
    form_owners,
    headings,
    hover_focus,
    images,
    landmarks,
    language,
    lazy_images,
    links,
    markup_repair,
    neutralise_scripts,
    phone_qr,
    portal_overlay,
    preferences,
    proxy_bar,
    rewrite_links,
    script_datastores,
    script_links,
    script_pagers,
    script_redirects,
    script_searches,
    script_selects,
    script_submits,
    script_writes,
    separators,
    tab_panels,
    tables,
    text_only,
    unrendered_templates,
)
from .prefs import Prefs
from .reader import ReaderOptions
from .rewrite_css import rewrite_css
from .script_fetch import ScriptWrites
from .urls import Target

Pass = Callable[[LexborHTMLParser, PageContext], None]

#: What the portal's script (or the parse of its markup) would have given a
#: reader, restored in HTML before the scripts go: the header, menu and footer
#: its scripts wrote (fetched before the passes), the pager under a list of
#: notices and the list itself where only a script showed it, the address of
#: a link only its script knew, the sites of a drop-down only a script opened,
#: the fields of a search form laid out in a table, the search form only a
#: script built, its 检索 button, the page a script sends the reader on to,
#: the pictures a lazy-loading script was to show.
RECOVER: tuple[Pass, ...] = (
    script_writes.run,
    script_pagers.run,
    script_datastores.run,
    script_links.run,
    script_selects.run,
    form_owners.run,
    script_searches.run,
    script_submits.run,
    script_redirects.run,
    lazy_images.run,
)
#: Passes every mode starts with: the page must not run upstream script,
#: every URL must lead back through the proxy, the bytes are UTF-8 and say so.
SAFE: tuple[Pass, ...] = (neutralise_scripts.run, rewrite_links.run, charset_meta.run)
#: Semantics every mode repairs: every tab's panel shown, the language,
#: nothing moving or floating, the main content found, one h1 and the section headings, text
#: alternatives, the portal's own overlay switches leading to the proxy's
#: modes, link names, no control that does nothing, no section the portal's
#: script was to fill left as an empty frame, form labels.
REPAIR: tuple[Pass, ...] = (
    tab_panels.run,
    # Before every pass that names anything (clutter titles the frames it
    # keeps): the proxy's names are in the page's language where they must be
    # (wording).
    language.run,
    clutter.run,
    markup_repair.run,
    find_main.run,
    headings.run,
    tables.run,
    images.run,
    portal_overlay.run,
    unrendered_templates.run,
    links.run,
    dead_controls.run,
    dead_forms.run,
    empty_sections.run,
    form_labels.run,
)

#: The transform passes of each mode, in order. The one list to extend.
#: ``proxy_bar`` is always last: it adds the skip link to whatever the mode
#: made the main content, and the mode's stylesheets.
PASSES: Mapping[Mode, tuple[Pass, ...]] = {
    "a11y": (
        *RECOVER,
        *SAFE,
        *REPAIR,
        landmarks.run,
        separators.run,
        hover_focus.run,
        preferences.run,
        phone_qr.run,
        proxy_bar.run,
    ),
    "elder": (
        *RECOVER,
        *SAFE,
        *REPAIR,
        elder_layout.run,
        separators.run,
        preferences.run,
        phone_qr.run,
        proxy_bar.run,
    ),
    "text": (
        *RECOVER,
        *SAFE,
        *REPAIR,
        landmarks.run,
        separators.run,
        text_only.run,
        preferences.run,
        phone_qr.run,
        proxy_bar.run,
    ),
}

HTML_TYPES = ("text/html", "application/xhtml+xml")
CSS_TYPES = ("text/css",)
#: Types never served: upstream script must not run under the proxy's origin.
SCRIPT_TYPES = (
    "application/javascript",
    "text/javascript",
    "application/x-javascript",
    "application/ecmascript",
    "text/ecmascript",
    "text/jscript",
    "application/x-shockwave-flash",
)
_DOCTYPE = re.compile(r"^\s*<!doctype[^>]*>", re.IGNORECASE)
_CSS_CHARSET = re.compile(rb'^\s*@charset\s+"([^"]+)"\s*;', re.IGNORECASE)
_CSS_CHARSET_TEXT = re.compile(r'^\s*@charset\s+"[^"]*"\s*;\s*', re.IGNORECASE)


# -- the pure stages ---------------------------------------------------------


def parse(text: str) -> LexborHTMLParser:
    """Parse decoded text (Lexbor gets UTF-8 and no encoding guess of its own)."""
    return LexborHTMLParser(text)


def serialize(tree: LexborHTMLParser) -> bytes:
    """Serialise as UTF-8, always in standards mode.

    Lexbor writes a doctype by its name (``<!DOCTYPE html>`` for the usual
    ones, so XHTML 1.0 Transitional pages move from almost-standards to
    standards mode, but ``<!DOCTYPE tml>`` for a mangled one, which is quirks
    mode), and a page with no doctype would render in quirks mode. Every mode's output is laid out by
    the proxy's own CSS, written for standards mode, so the choice is made
    deliberately: always ``<!DOCTYPE html>``. The one visible difference
    (images in table cells lose the almost-standards line-box gap) does not
    affect reading.
    """
    html = tree.html or ""
    # match, not sub: sub would try the anchored pattern at every position of the page.
    doctype = _DOCTYPE.match(html)
    if doctype is not None:
        html = html[doctype.end() :]
    html = "<!DOCTYPE html>" + html
    return html.encode("utf-8", errors="replace")


@dataclass
class RenderedPage:
    body: bytes
    title: str
    encoding: str
    encoding_source: str
    timings: dict[str, float] = field(default_factory=dict)


def render_html(
    body: bytes,
    content_type: str | None,
    *,
    url: str,
    mode: Mode,
    allowlist: Allowlist,
    site: SiteSettings | None = None,
    prefs: Prefs | None = None,
    theme_names: Mapping[str, str] | None = None,
    reader: ReaderOptions | None = None,
    written: Mapping[str, str] | None = None,
    timed: bool = False,
) -> RenderedPage:
    """decode → parse → passes → serialize, with no I/O. ``timed`` records ms per stage.

    ``written`` is what the page's header and footer scripts write, by their
    ``src``, fetched beforehand (:class:`~.script_fetch.ScriptWrites`)."""
    clock = time.perf_counter
    t0 = clock()
    decoded = decode_html(body, content_type)
    why = too_complex(decoded.text)
    if why:
        raise PageTooComplex(why, url=url)
    t1 = clock()
    tree = parse(decoded.text)
    unfolded = unfold(tree)
    if unfolded is not None:
        tree = parse(unfolded)  # a frameset page: the list of its frames, with a body for the passes
    t2 = clock()
    ctx = PageContext(
        url=url,
        mode=mode,
        allowlist=allowlist,
        url_encoding=decoded.url_encoding,
        source=decoded.text,
        main_selector=site.main if site else "",
        nav_selector=site.nav if site else "",
        header_selector=site.header if site else "",
        footer_selector=site.footer if site else "",
        site_name=site.name if site else "",
        prefs=prefs or Prefs(),
        theme_names=dict(theme_names or {}),
        reader=reader or ReaderOptions(),
        script_writes=dict(written or {}),
    )
    timings: dict[str, float] = {}
    for p in PASSES[mode]:
        ts = clock()
        p(tree, ctx)
        if timed:
            timings[f"pass:{p.__module__.rsplit('.', 1)[-1]}"] = (clock() - ts) * 1000
    t3 = clock()
    out = serialize(tree)
    t4 = clock()
    if timed:
        timings.update(
            decode=(t1 - t0) * 1000,
            parse=(t2 - t1) * 1000,
            passes=(t3 - t2) * 1000,
            serialize=(t4 - t3) * 1000,
        )
    return RenderedPage(out, ctx.title, decoded.encoding, decoded.source, timings)


def render_css(body: bytes, content_type: str | None, *, url: str, mode: Mode, allowlist: Allowlist) -> bytes:
    """A stylesheet with its URLs pointed through the proxy, as UTF-8."""
    declared = _CSS_CHARSET.match(body)
    hint = content_type
    if declared and not (content_type and "charset" in content_type.lower()):
        hint = f"text/css; charset={declared.group(1).decode('ascii', 'replace')}"
    decoded = decode_html(body, hint)
    text = _CSS_CHARSET_TEXT.sub("", decoded.text, count=1)
    policy = LinkPolicy(base=url, mode=mode, allowlist=allowlist, encoding=decoded.url_encoding)
    css = rewrite_css(text, lambda u: policy.href(u, Kind.IMAGE))
    if mode == "a11y":
        # The mode that keeps the portal's look keeps its hover menus: open on focus too.
        css = hover_focus.add_focus_rules(css)
    return css.encode("utf-8")


# -- the pipeline with I/O -----------------------------------------------------


@dataclass
class UpstreamRequest:
    """What the reader's request contributes to the upstream request."""

    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    #: Cookies are passed (forward_cookies sites): the result is private.
    personal: bool = False


@dataclass
class Passthrough:
    """A response streamed through untouched. Only one reader may consume it."""

    upstream: Upstream
    claimed: bool = False


@dataclass
class PageResult:
    entry: Entry
    #: True when the portal failed and a stored copy is shown (stale-if-error).
    stale: bool = False
    set_cookies: list[str] = field(default_factory=list)


Result = PageResult | Passthrough

CacheKey = tuple[str, str, str]


def cache_key(mode: Mode, url: str, prefs: str = "") -> CacheKey:
    """Everything that changes the output: mode, upstream URL, reader preferences."""
    return (mode, url, prefs)


def media_type(headers: Mapping[str, str]) -> str:
    return (headers.get("content-type") or "").split(";", 1)[0].strip().lower()


def _looks_like_html(prefix: bytes) -> bool:
    head = prefix[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))


@dataclass(frozen=True)
class _Freshness:
    storable: bool
    ttl: float
    no_transform: bool


def _freshness(cache_control: str, default_ttl: float) -> _Freshness:
    """Read the portal's Cache-Control (RFC 9111 5.2.2) for our shared cache."""
    directives: dict[str, str] = {}
    for part in cache_control.lower().split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name] = value.strip().strip('"')
    storable = not ({"no-store", "private", "no-transform"} & directives.keys())
    ttl = default_ttl
    for name in ("s-maxage", "max-age"):
        if name in directives:
            with contextlib.suppress(ValueError):
                ttl = min(ttl, max(0.0, float(directives[name])))
            break
    if "no-cache" in directives:
        ttl = 0.0
    return _Freshness(storable, ttl, "no-transform" in directives)


class Pipeline:
    def __init__(
        self,
        settings: Settings,
        fetcher: Fetcher,
        cache: PageCache,
        theme_names: Mapping[str, str] | None = None,
        metrics: ProxyMetrics | None = None,
    ) -> None:
        self.settings = settings
        self.metrics = metrics or ProxyMetrics()
        self._render_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="a11y-render")
        self.theme_names = dict(theme_names or {})
        self.reader = ReaderOptions(speech=settings.speech.enabled, shortcuts=settings.shortcuts.pairs())
        self.fetcher = fetcher
        self.cache = cache
        self.allowlist = Allowlist(settings.upstream.allowed_hosts)
        self.script_writes = ScriptWrites.in_executor(
            fetcher,
            limit=settings.upstream.max_script_includes,
            ttl=settings.cache.ttl_seconds,
            executor=self._render_pool,
            metrics=self.metrics,
        )

    def close(self) -> None:
        """Let the render threads go (the app's shutdown; the fetcher is closed by its owner)."""
        self._render_pool.shutdown(wait=False)

    async def get(
        self, mode: Mode, target: Target, request: UpstreamRequest, prefs: Prefs | None = None
    ) -> Result:
        """The page (or file) at ``target`` in ``mode``. Raises ProxyError."""
        self.fetcher.check_target(target)
        prefs = prefs or Prefs()
        if request.method != "GET" or "range" in {k.lower() for k in request.headers} or request.personal:
            return await self._fetch(mode, target, request, prefs, stale=None, store=False)

        key = cache_key(mode, target.url, prefs.key())
        entry = self.cache.get(key)
        now = self.cache.clock()
        if entry is not None and entry.fresh(now):
            self.cache.hits += 1
            return PageResult(entry)
        self.cache.misses += 1
        return await self.cache.single_flight(
            key, lambda: self._fetch(mode, target, request, prefs, stale=entry, store=True)
        )

    async def fetch_uncached(
        self, mode: Mode, target: Target, request: UpstreamRequest, prefs: Prefs | None = None
    ) -> Result:
        """Fetch without the cache (for a reader whose shared result was a stream)."""
        self.fetcher.check_target(target)
        return await self._fetch(mode, target, request, prefs or Prefs(), stale=None, store=False)

    async def _fetch(
        self,
        mode: Mode,
        target: Target,
        request: UpstreamRequest,
        prefs: Prefs,
        *,
        stale: Entry | None,
        store: bool,
    ) -> Result:
        s = self.settings
        headers = dict(request.headers)
        if stale is not None:
            if stale.upstream_etag:
                headers["If-None-Match"] = stale.upstream_etag
            if stale.upstream_last_modified:
                headers["If-Modified-Since"] = stale.upstream_last_modified
        upstream: Upstream | None = None
        started = time.perf_counter()
        outcome = "error"
        try:
            async with asyncio.timeout(s.upstream.total_timeout):
                upstream = await self.fetcher.open(
                    target, method=request.method, headers=headers, content=request.body
                )
                if stale is not None and upstream.status == 304:
                    await upstream.aclose()
                    stale.stored_at = self.cache.clock()
                    outcome = "not_modified"
                    return PageResult(stale)
                result = await self._handle(mode, target, upstream, prefs, store=store)
                outcome = "ok"
                if isinstance(result, Passthrough):
                    outcome = "stream"
                    upstream = None  # the web layer owns and closes it now
                elif request.personal:
                    result.set_cookies = upstream.set_cookies
                return result
        except TimeoutError:
            error: ProxyError = UpstreamTimeout(
                f"no complete answer within {s.upstream.total_timeout:g} s", url=target.url
            )
        except UpstreamError as exc:
            error = exc
        finally:
            if upstream is not None:
                await upstream.aclose()
            self.metrics.upstream_seconds.observe(time.perf_counter() - started, outcome=outcome)
        if stale is not None and self.cache.usable_stale(stale):
            return PageResult(stale, stale=True)
        raise error

    async def _handle(
        self, mode: Mode, target: Target, upstream: Upstream, prefs: Prefs, *, store: bool
    ) -> Result:
        status = upstream.status
        if status >= 400 or status == 304:
            raise UpstreamStatusError(
                f"the portal answered HTTP {status}", url=upstream.url, upstream_status=status
            )
        kind = media_type(upstream.headers)
        if kind in SCRIPT_TYPES:
            raise UnsupportedContent("scripts from the portal are not served", url=upstream.url)
        if kind not in HTML_TYPES and kind not in CSS_TYPES and kind != "":
            cap = self.settings.upstream.max_stream_bytes
            length = upstream.headers.get("content-length", "")
            if cap and length.isdecimal() and int(length) > cap:
                raise UpstreamTooLarge(
                    f"the file is {int(length):,} bytes; the limit is {cap:,}", url=upstream.url
                )
            return Passthrough(upstream)

        body = await self.fetcher.read_body(upstream)
        content_type = upstream.headers.get("content-type")
        fresh = _freshness(upstream.headers.get("cache-control", ""), self.settings.cache.ttl_seconds)
        cacheable = fresh.storable and store
        fields: dict[str, Any] = dict(
            final_url=upstream.url,
            ttl=fresh.ttl,
            stored_at=0.0,
            upstream_etag=upstream.headers.get("etag"),
            upstream_last_modified=upstream.headers.get("last-modified"),
            cacheable=cacheable,
        )
        if kind in CSS_TYPES:
            out = render_css(body, content_type, url=upstream.url, mode=mode, allowlist=self.allowlist)
            entry = Entry(body=out, content_type="text/css; charset=utf-8", **fields)
        elif kind in HTML_TYPES or _looks_like_html(body):
            site = self.settings.site_for(upstream.target.host, upstream.target.port)
            # The header and footer its scripts write: fetched now, read in the passes.
            written = await self.script_writes.read(upstream.url, body)
            render = functools.partial(
                render_html,
                body,
                content_type,
                url=upstream.url,
                mode=mode,
                allowlist=self.allowlist,
                site=site,
                prefs=prefs,
                theme_names=self.theme_names,
                reader=self.reader,
                written=written,
            )

            def render_and_pack() -> tuple[float, Entry]:
                started = time.perf_counter()
                page = render()
                rendered = time.perf_counter() - started
                # Stored open, so that each response gets its own script nonce;
                # compressed and hashed here too, off the event loop.
                return rendered, Entry.for_page(
                    page.body, content_type="text/html; charset=utf-8", compressed=cacheable, **fields
                )

            # In a thread: a large or hostile page takes the CPU for a while, and
            # the event loop must go on answering everyone else meanwhile (the
            # GIL is handed over every few milliseconds, and zlib lets go of it).
            rendered, entry = await asyncio.get_running_loop().run_in_executor(
                self._render_pool, render_and_pack
            )
            self.metrics.render_seconds.observe(rendered, mode=mode)
        else:
            # No Content-Type and not HTML: serve the bytes as a download
            # type the browser will not run.
            entry = Entry(body=body, content_type="application/octet-stream", **fields)
        entry.stored_at = self.cache.clock()
        media = entry.content_type
        if entry.page_crc is None and cacheable and len(entry.body) > 1024:
            entry.gzipped = compress(entry.body)
        if entry.cacheable:
            self.cache.put(cache_key(mode, upstream.url, prefs.key()), entry)
            if upstream.url != target.url:
                # The requested URL redirects: remember that, not a second copy.
                self.cache.put(
                    cache_key(mode, target.url, prefs.key()),
                    Entry(b"", media, upstream.url, fresh.ttl, entry.stored_at, cacheable=True),
                )
        return PageResult(entry)
