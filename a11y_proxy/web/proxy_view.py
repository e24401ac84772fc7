"""``/{mode}/{upstream URL}``: the proxy endpoint.

Turns the reader's request into an :class:`UpstreamRequest`, asks the
pipeline, and turns the result into a response: a rendered page (from the
cache or not), a redirect to the proxied final URL, a file streamed through,
or an accessible error page. Nothing the portal or the reader sends can make
this raise to the server: every failure becomes a page with a status.
"""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator
from html import escape
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.types import Send

from ..cache import Entry
from ..cookies import scoped_set_cookies, upstream_cookie_header
from ..errors import MethodNotAllowed, ProxyError, RequestBodyTooLarge, UpstreamError
from ..form_charset import form_fields, reencode_body, reencode_form
from ..metrics import ProxyMetrics
from ..modes import Mode
from ..passes.proxy_bar import NOTICE_PLACEHOLDER
from ..passes.rewrite_links import CHARSET_FIELD
from ..pipeline import PageResult, Passthrough, Pipeline, UpstreamRequest, cache_key, media_type
from ..prefs import COOKIE, Prefs, Theme, from_cookie, split_query
from ..script_tail import new_nonce
from ..urls import Target, parse_target, proxy_path, split_proxy_path
from .fast_path import HitTargets, raw_target
from .headers import PASSTHROUGH_CSP, VARY, page_csp
from .pages import error_page, not_found_page

log = logging.getLogger("a11y_proxy.web")

#: Headers of a streamed file that are kept: type, size, name, validators, ranges.
PASSTHROUGH_HEADERS = (
    "content-type",
    "content-length",
    "content-disposition",
    "etag",
    "last-modified",
    "content-range",
    "accept-ranges",
    "content-encoding",
    "cache-control",
    "expires",
    "content-language",
)
#: Reader request headers passed upstream.
FORWARD_REQUEST_HEADERS = ("accept", "accept-language", "range", "if-range")
#: Types a browser could run as a document if opened directly.
_ACTIVE_TYPES = ("image/svg+xml", "text/xml", "application/xml", "application/xhtml+xml", "text/html")


def _raw_path(request: Request) -> str:
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes):
        return raw.decode("utf-8", errors="replace")
    return request.url.path


def error_response(error: ProxyError, *, mode: str | None = None, retry: str | None = None) -> HTMLResponse:
    return HTMLResponse(
        error_page(error, mode=mode, retry=retry),
        status_code=error.status,
        headers={"Cache-Control": "no-store"},
    )


def _map_referer(request: Request) -> str | None:
    """The reader's Referer, translated back to the portal's URL (image hotlink checks need it)."""
    referer = request.headers.get("referer")
    if not referer:
        return None
    base = f"{request.url.scheme}://{request.url.netloc}"
    if not referer.startswith(base + "/"):
        return None
    path, _, query = referer[len(base) :].partition("?")
    split = split_proxy_path(path, query)
    return split[1] if split else None


class ProxyView:
    def __init__(
        self,
        pipeline: Pipeline,
        hit_targets: HitTargets | None = None,
        themes: dict[str, Theme] | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self.hit_targets = hit_targets
        self.themes = themes or {}

    async def __call__(self, request: Request) -> Response:
        raw_query = request.scope.get("query_string", b"").decode("latin-1")
        prefs = from_cookie(request.cookies.get(COOKIE), self.themes)
        raw_query, prefs, prefs_in_url = split_query(raw_query, prefs, self.themes)
        split = split_proxy_path(_raw_path(request), raw_query)
        if split is None:
            return HTMLResponse(not_found_page(), status_code=404, headers={"Cache-Control": "no-store"})
        mode, url = split
        retry = proxy_path(mode, url)
        written = _raw_path(request)[len(mode) + 2 :]
        try:
            if CHARSET_FIELD in raw_query:
                # A GET form from a GBK/Big5 page: give the portal its encoding back.
                base, _, query = url.partition("?")
                url = f"{base}?{reencode_form(query)}"
            target = parse_target(url)
            if not written.lower().startswith(("http://", "https://")) and request.method in ("GET", "HEAD"):
                # "/a11y/www.example.gov.cn/" or a collapsed "https:/": send the
                # reader to the canonical address, so links and QR codes agree.
                return RedirectResponse(proxy_path(mode, target.url), status_code=308)
            upstream_request = await self._upstream_request(request, target)
            result = await self.pipeline.get(mode, target, upstream_request, prefs)
            if isinstance(result, Passthrough):
                if result.claimed:
                    result = await self.pipeline.fetch_uncached(mode, target, upstream_request, prefs)
                if isinstance(result, Passthrough):
                    result.claimed = True
                    return self._stream(result)
            response = self._page(request, mode, target, result, prefs, remember=not prefs_in_url)
            if prefs_in_url:
                # Chosen in the URL: remember it for every page of every site.
                response.set_cookie(
                    COOKIE,
                    prefs.key(),
                    max_age=365 * 86400,
                    path="/",
                    samesite="lax",
                    secure=request.url.scheme == "https",
                )
                response.headers["Cache-Control"] = "private, no-store"
            return response
        except ProxyError as exc:
            exc.url = exc.url or url
            if isinstance(exc, UpstreamError):
                record_error(self.pipeline.metrics, exc, "upstream error", "upstream_error")
            else:
                self.pipeline.metrics.errors.inc(kind=type(exc).__name__)
            return error_response(exc, mode=mode, retry=retry)
        except Exception:
            self.pipeline.metrics.errors.inc(kind="internal")
            log.exception("unexpected failure", extra={"event": "error", "upstream_host": _host_of(url)})
            return error_response(
                UpstreamError("internal error while converting this page", url=url), mode=mode, retry=retry
            )

    async def _upstream_request(self, request: Request, target: Target) -> UpstreamRequest:
        site = self.settings.site_for(target.host, target.port)
        method = request.method
        if method == "HEAD":
            method = "GET"
        headers: dict[str, str] = {}
        for name in FORWARD_REQUEST_HEADERS:
            value = request.headers.get(name)
            if value:
                headers[name] = value
        referer = _map_referer(request)
        if referer:
            headers["referer"] = referer
        personal = bool(site and site.forward_cookies)
        if personal:
            cookie = upstream_cookie_header(request.headers.get("cookie"))
            if cookie:
                headers["cookie"] = cookie
        body: bytes | None = None
        if method == "POST":
            # Refused as a GET to it would be, before its body is read: the
            # refusal below never offers to send a form on to a site not served here.
            self.pipeline.fetcher.check_target(target)
            cap = self.settings.upstream.max_post_bytes
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > cap:
                raise RequestBodyTooLarge(f"the form data is larger than {cap:,} bytes", url=target.url)
            chunks: list[bytes] = []
            size = 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise RequestBodyTooLarge(f"the form data is larger than {cap:,} bytes", url=target.url)
                chunks.append(chunk)
            body = b"".join(chunks)
            content_type = request.headers.get("content-type", "")
            urlencoded = content_type.startswith("application/x-www-form-urlencoded")
            if not self.settings.forwards_post(target.host, target.port):
                # What the reader typed is not lost: the refusal offers to send it
                # on the portal itself (shanxi's site search is POST).
                fields, charset = form_fields(body) if urlencoded else ((), "utf-8")
                raise MethodNotAllowed(
                    "this proxy does not forward form submissions to this site",
                    url=target.url,
                    fields=fields,
                    charset=charset,
                )
            if urlencoded:
                body = reencode_body(body)
            if content_type:
                headers["content-type"] = content_type
        elif method != "GET":
            raise MethodNotAllowed(f"the proxy does not forward {method} requests", url=target.url)
        return UpstreamRequest(method=method, headers=headers, body=body, personal=personal)

    def _page(
        self,
        request: Request,
        mode: Mode,
        target: Target,
        result: PageResult,
        prefs: Prefs,
        *,
        remember: bool,
    ) -> Response:
        entry = result.entry
        if entry.final_url != target.url and request.method in ("GET", "HEAD") and entry.cacheable:
            # The portal redirected: send the reader to the proxied final URL
            # (it is in the cache now), so the address bar, bookmarks and the
            # QR code name the real page.
            return RedirectResponse(
                proxy_path(mode, entry.final_url), status_code=302, headers={"Cache-Control": "no-store"}
            )
        headers = {
            "Content-Type": entry.content_type,
            "Vary": VARY,
            "ETag": entry.etag,
        }
        if entry.final_url != target.url:
            headers["Content-Location"] = proxy_path(mode, entry.final_url)
        now = self.pipeline.cache.clock()
        if result.stale or not entry.cacheable:
            headers["Cache-Control"] = "private, no-store" if not result.stale else "no-store"
        else:
            remaining = max(0, math.ceil(entry.ttl - entry.age(now)))
            headers["Cache-Control"] = f"public, max-age={remaining}"
        if not result.stale and request.headers.get("if-none-match") == entry.etag:
            # No Content-Security-Policy: the browser keeps the stored page,
            # whose script carries the nonce of the stored policy.
            return Response(
                status_code=304, headers={k: v for k, v in headers.items() if k != "Content-Type"}
            )
        nonce = new_nonce()
        headers["Content-Security-Policy"] = page_csp(nonce).decode()
        # A stale copy gets its notice written into the plain bytes.
        gzip = (
            not result.stale and bool(entry.gzipped) and "gzip" in request.headers.get("accept-encoding", "")
        )
        body = entry.output(nonce, gzip=gzip)
        if gzip:
            headers["Content-Encoding"] = "gzip"
        if result.stale:
            body = _with_notice(body, entry, now)
        if (
            remember
            and self.hit_targets is not None
            and entry.cacheable
            and not result.stale
            and not result.set_cookies
        ):
            target_bytes = raw_target(request.scope)
            if target_bytes is not None:
                self.hit_targets[target_bytes] = cache_key(mode, target.url, prefs.key())
        response = Response(body, headers=headers)
        for raw in result.set_cookies:
            for cookie in scoped_set_cookies(raw, target.origin, secure_proxy=request.url.scheme == "https"):
                response.headers.append("set-cookie", cookie)
        return response

    def _stream(self, result: Passthrough) -> Response:
        upstream = result.upstream
        headers = {k: v for k in PASSTHROUGH_HEADERS if (v := upstream.headers.get(k)) is not None}
        if media_type(upstream.headers) in _ACTIVE_TYPES:
            headers["Content-Security-Policy"] = PASSTHROUGH_CSP
        else:
            headers["Content-Security-Policy"] = (
                "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
            )
        return PassthroughResponse(
            self.pipeline.fetcher.stream_body(upstream),
            status_code=upstream.status,
            headers=headers,
            metrics=self.pipeline.metrics,
        )


class PassthroughResponse(StreamingResponse):
    """A file streamed through; a transfer the portal breaks off is cut off for the reader too.

    Once the headers are sent there is no status left to say it failed: the
    response ends without its final chunk, so the browser reports an
    incomplete download instead of saving a silently shortened file. The
    failure is logged as one structured line, not a traceback.
    """

    def __init__(self, content: AsyncIterator[bytes], *, metrics: ProxyMetrics, **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.metrics = metrics

    async def stream_response(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        try:
            async for chunk in self.body_iterator:
                data = chunk.encode(self.charset) if isinstance(chunk, str) else bytes(chunk)
                await send({"type": "http.response.body", "body": data, "more_body": True})
        except ProxyError as exc:
            record_error(self.metrics, exc, "file transfer cut off", "stream_error")
            return  # no final message: the server closes the connection mid-transfer
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def record_error(metrics: ProxyMetrics, exc: ProxyError, message: str, event: str) -> None:
    """Count the error by kind and log one structured line: the portal's host, no reader data."""
    metrics.errors.inc(kind=type(exc).__name__)
    log.info(
        message,
        extra={
            "event": event,
            "kind": type(exc).__name__,
            "status": exc.status,
            "upstream_host": _host_of(exc.url or ""),
            "detail": exc.message,
        },
    )


def _host_of(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def _with_notice(body: bytes, entry: Entry, now: float) -> bytes:
    minutes = max(1, int(entry.age(now) // 60))
    notice = (
        '<div id="a11y-proxy-notice" role="status">原网站暂时无法访问,以下是本服务约 '
        f"{minutes} 分钟前保存的副本,内容可能不是最新的。"
        f'<span lang="en"> The original site cannot be reached right now; this is a copy saved about '
        f"{minutes} minutes ago and may be out of date.</span> "
        f'<a href="{escape(entry.final_url)}" rel="noopener noreferrer">查看原网页</a></div>'
    )
    return body.replace(NOTICE_PLACEHOLDER, notice.encode("utf-8"), 1)
