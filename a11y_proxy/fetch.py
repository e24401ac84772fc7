"""Fetch from the portal: one shared ``httpx.AsyncClient``, checked at every hop.

- **Transport.** httpx's own transport costs 1–3 ms of CPU per 150 KB fetch
  (encode/httpx#3215); the aiohttp transport (``httpx-aiohttp``) costs about
  0.2 ms and keeps the httpx API, so tests can swap in ``httpx.MockTransport``.
  It connects through :class:`_CheckingResolver`, which hands aiohttp only
  addresses that passed :mod:`a11y_proxy.addresses`: the address checked is
  the address connected to.
- **Redirects** are followed here, not by the client, so that each hop is
  checked against the allowlist and the address rules again, loops are
  caught, and the count is capped by ``[upstream] max_redirects``.
- **Bodies** the proxy transforms (HTML, CSS) are read with two caps: wire
  bytes (``max_page_bytes``) and bytes after gzip/deflate/br decoding
  (``max_decompressed_bytes``), decoded here in bounded steps so that a
  compression bomb never expands past the cap in memory.
- **Everything else** (images, PDF, Office files) is streamed through
  untouched, compressed or not, with its validators and Range support.
- **Deadlines**: connect and read timeouts per operation, and a total
  deadline for headers plus a transformed body.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Protocol

import aiohttp
import brotli
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.http_exceptions import HttpProcessingError
from httpx_aiohttp import AiohttpTransport

from .addresses import CheckedResolver, Lookup, system_lookup
from .config import UpstreamSettings
from .errors import (
    AddressNotAllowed,
    HostNotAllowed,
    ProxyError,
    RedirectLeavesAllowlist,
    TooManyRedirects,
    UpstreamError,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamTLSError,
    UpstreamTooLarge,
    UpstreamUnreachable,
)
from .hosts import Allowlist
from .urls import Target, parse_target, resolve

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT_ENCODING = "gzip, deflate, br"
_CHUNK = 64 * 1024
#: A streamed file must average this many bytes a second over each window.
STREAM_MIN_RATE = 1024
STREAM_RATE_WINDOW = 10.0


class _RefusedAddress(OSError):
    """Carries AddressNotAllowed through aiohttp's connector, which wants OSError."""

    def __init__(self, error: AddressNotAllowed) -> None:
        super().__init__(str(error))
        self.error = error


class _CheckingResolver(AbstractResolver):
    """aiohttp resolver that returns only addresses the proxy may connect to."""

    def __init__(self, checked: CheckedResolver) -> None:
        self._checked = checked

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        try:
            found = await self._checked.resolve(host, port)
        except AddressNotAllowed as exc:
            raise _RefusedAddress(exc) from exc
        except UpstreamUnreachable as exc:
            raise OSError(str(exc)) from exc
        return [
            ResolveResult(
                hostname=host,
                host=a.address,
                port=port,
                family=a.family,
                proto=socket.IPPROTO_TCP,
                flags=socket.AI_NUMERICHOST,
            )
            for a in found
        ]

    async def close(self) -> None:
        return None


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data


class _Zlib:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._d = zlib.decompressobj(31 if kind == "gzip" else 15)
        self._started = False
        self._passthrough = False

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._passthrough:
            return data
        try:
            out = self._d.decompress(data, limit + 1)
        except zlib.error:
            if self._started:
                raise
            if self.kind == "deflate":
                # Some servers send raw deflate without the zlib wrapper.
                self._d = zlib.decompressobj(-15)
                self._started = True
                return self.feed(data, limit)
            # "Content-Encoding: gzip" on a body that is not gzip (a lying
            # header): read it as it is, as long as it stays under the cap.
            self._passthrough = True
            return data
        self._started = True
        if len(out) > limit or self._d.unconsumed_tail:
            raise _OverCap
        if self._d.eof and self._d.unused_data and self.kind == "gzip":
            rest = self._d.unused_data
            self._d = zlib.decompressobj(31)
            out += self.feed(rest, limit - len(out))
        return out


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        out: bytes = self._d.process(data, output_buffer_limit=limit + 1)
        if len(out) > limit or not self._d.can_accept_more_data():
            raise _OverCap
        return out


class _OverCap(Exception):
    pass


def _decoders(content_encoding: str) -> list[_Decoder]:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    out: list[_Decoder] = []
    # Codings are listed in the order applied: undo them in reverse.
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            out.append(_Zlib("gzip"))
        elif coding == "deflate":
            out.append(_Zlib("deflate"))
        elif coding == "br":
            out.append(_Brotli())
        elif coding == "identity":
            continue
        else:
            raise UpstreamProtocolError(f"unsupported Content-Encoding {coding!r}")
    return out or [_Identity()]


@dataclass
class Upstream:
    """An open upstream response after redirects. Close it with :meth:`aclose`."""

    url: str
    target: Target
    response: httpx.Response
    redirected: bool
    #: Set-Cookie headers of every hop, for sites that forward cookies.
    set_cookies: list[str]

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    async def aclose(self) -> None:
        await self.response.aclose()


def map_transport_error(exc: BaseException, url: str) -> ProxyError:
    """Turn an httpx/aiohttp/OS exception into the proxy's own (see errors.py)."""
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for err in chain:
        if isinstance(err, _RefusedAddress):
            return AddressNotAllowed(err.error.message, url=url)
        if isinstance(err, ProxyError):
            err.url = err.url or url
            return err
    for err in chain:
        if isinstance(err, (ssl.SSLError, ssl.CertificateError, aiohttp.ClientSSLError)):
            return UpstreamTLSError(f"TLS failure talking to the portal: {err}", url=url)
    for err in chain:
        if isinstance(err, aiohttp.ClientPayloadError):
            return UpstreamProtocolError(f"the portal broke off the response: {err}", url=url)
        if isinstance(err, aiohttp.ServerDisconnectedError):
            return UpstreamProtocolError("the portal closed the connection", url=url)
        if isinstance(err, (aiohttp.ServerTimeoutError, asyncio.TimeoutError, TimeoutError)):
            return UpstreamTimeout("the portal did not answer in time", url=url)
        if isinstance(err, aiohttp.ClientConnectorError):
            return UpstreamUnreachable(f"cannot connect to the portal: {err}", url=url)
        if isinstance(err, (aiohttp.ClientResponseError, HttpProcessingError)):
            return UpstreamProtocolError(f"the portal sent broken HTTP: {err}", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return UpstreamTimeout("the portal did not answer in time", url=url)
    if isinstance(exc, (httpx.ConnectError, httpx.UnsupportedProtocol)):
        return UpstreamUnreachable(f"cannot connect to the portal: {exc}", url=url)
    if isinstance(
        exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.DecodingError, httpx.ProtocolError)
    ):
        return UpstreamProtocolError(f"the portal sent a broken response: {exc}", url=url)
    if isinstance(exc, (OSError, httpx.TransportError, aiohttp.ClientError)):
        return UpstreamUnreachable(f"cannot reach the portal: {exc}", url=url)
    return UpstreamError(f"unexpected upstream failure: {type(exc).__name__}: {exc}", url=url)


class Fetcher:
    """The proxy's one upstream client. Create once, ``await aclose()`` at shutdown."""

    def __init__(
        self,
        settings: UpstreamSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        lookup: Lookup = system_lookup,
    ) -> None:
        self.settings = settings
        self.allowlist = Allowlist(settings.allowed_hosts)
        self.resolver = CheckedResolver(allow_private=settings.allow_private_addresses, lookup=lookup)
        if transport is None:
            transport = self._aiohttp_transport()
        self.client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            trust_env=False,
        )

    def _aiohttp_transport(self) -> httpx.AsyncBaseTransport:
        resolver = _CheckingResolver(self.resolver)
        limit = self.settings.max_connections

        def make_session() -> aiohttp.ClientSession:
            connector = aiohttp.TCPConnector(
                resolver=resolver,
                limit=limit,
                # The resolver checks every lookup; aiohttp must not keep its
                # own cache of names past what the resolver returned.
                use_dns_cache=False,
                ssl=ssl.create_default_context(),
            )
            return aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,
                cookie_jar=aiohttp.DummyCookieJar(),
                trust_env=False,
                # Header sizes like a browser's; a header that never ends is
                # bounded by these and by the read timeout.
                max_line_size=16 * 1024,
                max_field_size=16 * 1024,
            )

        return AiohttpTransport(client=make_session)

    async def aclose(self) -> None:
        await self.client.aclose()

    def check_target(self, target: Target) -> None:
        if not self.allowlist.allows(target.host, target.port):
            raise HostNotAllowed(f"{target.host} is not on this proxy's list of sites", url=target.url)

    async def check_address(self, target: Target) -> None:
        await self.resolver.resolve(target.host, target.port)

    async def open(
        self,
        target: Target,
        *,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
    ) -> Upstream:
        """Send the request, following redirects; return the final open response.

        Raises a :class:`ProxyError` subclass for every failure; the caller
        reads or streams the body and must close the result.
        """
        current = target
        seen = {target.url}
        hops = 0
        cookies: list[str] = []
        while True:
            try:
                self.check_target(current)
            except HostNotAllowed:
                if hops == 0:
                    raise
                raise RedirectLeavesAllowlist(
                    f"redirected to {current.host}, which is not served here",
                    url=target.url,
                    target=current.url,
                ) from None
            try:
                await self.check_address(current)
                request = self.client.build_request(method, current.url, headers=headers, content=content)
                response = await self.client.send(request, stream=True)
            except ProxyError as exc:
                exc.url = exc.url or current.url
                raise
            except Exception as exc:
                raise map_transport_error(exc, current.url) from exc
            cookies.extend(response.headers.get_list("set-cookie"))
            location = response.headers.get("location")
            if response.status_code not in REDIRECT_STATUSES or location is None:
                return Upstream(
                    url=current.url,
                    target=current,
                    response=response,
                    redirected=hops > 0,
                    set_cookies=cookies,
                )
            await response.aclose()
            hops += 1
            if hops > self.settings.max_redirects:
                raise TooManyRedirects(f"more than {self.settings.max_redirects} redirects", url=target.url)
            next_url = resolve(current.url, location)
            if next_url is None:
                raise UpstreamProtocolError(
                    f"redirect to an invalid address {location[:200]!r}", url=current.url
                )
            nxt = parse_target(next_url)
            if nxt.url in seen:
                raise TooManyRedirects("the portal's redirects go round in a loop", url=target.url)
            seen.add(nxt.url)
            if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
                method, content = "GET", None
                if headers is not None:
                    headers = {
                        k: v
                        for k, v in headers.items()
                        if k.lower() not in ("content-type", "content-length")
                    }
            current = nxt

    async def read_body(self, upstream: Upstream, *, cap: int | None = None) -> bytes:
        """Read and decode the whole body within the wire and decoded caps
        (``cap`` lowers both, for what is read beside a page: its scripts)."""
        s = self.settings
        wire_cap = s.max_page_bytes if cap is None else min(cap, s.max_page_bytes)
        decoded_cap = s.max_decompressed_bytes if cap is None else min(cap, s.max_decompressed_bytes)
        length = upstream.headers.get("content-length")
        if length is not None and length.isdecimal() and int(length) > wire_cap:
            raise UpstreamTooLarge(
                f"the page is {int(length):,} bytes; the limit is {wire_cap:,}", url=upstream.url
            )
        try:
            decoders = _decoders(upstream.headers.get("content-encoding", ""))
        except UpstreamProtocolError as exc:
            exc.url = upstream.url
            raise
        wire = 0
        parts: list[bytes] = []
        size = 0
        try:
            async for chunk in upstream.response.aiter_raw(_CHUNK):
                wire += len(chunk)
                if wire > wire_cap:
                    raise UpstreamTooLarge(f"the page is larger than {wire_cap:,} bytes", url=upstream.url)
                data = chunk
                for d in decoders:
                    data = d.feed(data, decoded_cap - size)
                size += len(data)
                if size > decoded_cap:
                    raise _OverCap
                parts.append(data)
        except _OverCap:
            raise UpstreamTooLarge(
                f"the page expands to more than {decoded_cap:,} bytes", url=upstream.url
            ) from None
        except zlib.error as exc:
            raise UpstreamProtocolError(
                f"the page's compression is broken: {exc}", url=upstream.url
            ) from None
        except brotli.error as exc:
            raise UpstreamProtocolError(
                f"the page's compression is broken: {exc}", url=upstream.url
            ) from None
        except ProxyError:
            raise
        except Exception as exc:
            raise map_transport_error(exc, upstream.url) from exc
        return b"".join(parts)

    async def stream_body(self, upstream: Upstream) -> AsyncIterator[bytes]:
        """The raw (still encoded) body, capped at ``max_stream_bytes``; closes the response.

        A file has no total deadline (a large PDF on a slow portal may take
        minutes), but it must keep moving: no gap longer than ``read_timeout``,
        and at least ``STREAM_MIN_RATE`` bytes a second over each
        ``STREAM_RATE_WINDOW`` (a byte-a-second trickle is cut after one window).
        """
        cap = self.settings.max_stream_bytes
        sent = 0
        clock = asyncio.get_running_loop().time
        window_start, window_bytes = clock(), 0
        try:
            # No chunk size: pass on what arrives as it arrives (a fixed size would
            # hold a slow transfer back, and hide a trickle from the rate check).
            async for chunk in upstream.response.aiter_raw():
                sent += len(chunk)
                if cap and sent > cap:
                    # Headers are gone already: stop short, so the client sees
                    # a truncated transfer rather than a silently cut file.
                    raise UpstreamTooLarge(f"file larger than {cap:,} bytes", url=upstream.url)
                window_bytes += len(chunk)
                now = clock()
                if now - window_start >= STREAM_RATE_WINDOW:
                    if window_bytes < STREAM_MIN_RATE * (now - window_start):
                        raise UpstreamTimeout("the file is arriving too slowly", url=upstream.url)
                    window_start, window_bytes = now, 0
                yield chunk
        finally:
            await upstream.aclose()
