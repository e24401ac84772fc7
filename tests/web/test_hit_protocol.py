"""Cache hits answered inside uvicorn's protocol: same answer as the app, never an ASGI request.

A real uvicorn server on 127.0.0.1 runs the proxy app with HitProtocol, in
front of the real upstream test server; the app is wrapped in a layer that
records every ASGI request that reaches it.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import re
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn

from a11y_proxy.web.app import create_app
from a11y_proxy.web.hit_protocol import HitProtocol, http_protocol, supported
from tests.conftest import UpstreamServer, free_port, make_settings, reader_script_nonce, without_nonce
from tests.web.test_observe import metric

pytestmark = pytest.mark.anyio

PAGE_HTML = "<html><head><title>公开</title></head><body><h1>政务公开</h1>" + "<p>政务公开内容。</p>" * 800
PAGE_HTML += "</body></html>"


class Server:
    def __init__(self, base: str, paths: list[str], server: uvicorn.Server) -> None:
        self.base, self.paths, self.server = base, paths, server

    def protocols(self) -> list[Any]:
        return list(self.server.server_state.connections)


@contextlib.asynccontextmanager
async def hit_server(upstream: UpstreamServer, access_log: bool = False) -> AsyncIterator[Server]:
    settings = make_settings(
        f"127.0.0.1:{upstream.port}", server={"access_log": access_log}, speech={"enabled": False}
    )
    app = create_app(settings)
    paths: list[str] = []

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            paths.append(scope["path"])
        await app(scope, receive, send)

    port = free_port()
    config = uvicorn.Config(
        recording, host="127.0.0.1", port=port, http=HitProtocol, log_level="warning", log_config=None
    )
    server = uvicorn.Server(config)
    task = asyncio.get_running_loop().create_task(server.serve())
    while not server.started:
        assert not task.done(), "server did not start"
        await asyncio.sleep(0.02)
    try:
        yield Server(f"http://127.0.0.1:{port}", paths, server)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)


def page_url(upstream: UpstreamServer, name: str = "/hp/page.html") -> str:
    return "/a11y/" + upstream.add(name, PAGE_HTML)


def page_text(response: httpx.Response) -> str:
    """The page without its nonce, after checking the nonce matches the response's policy."""
    reader_script_nonce(response.headers["content-security-policy"], response.text)
    return without_nonce(response.text)


async def test_the_installed_uvicorn_has_what_the_hit_protocol_needs() -> None:
    # An upgrade that changes uvicorn's internals fails here, not silently in production.
    assert supported()
    assert http_protocol() == "a11y_proxy.web.hit_protocol:HitProtocol"


async def test_a_hit_never_reaches_the_app_and_matches_the_apps_response(upstream: UpstreamServer) -> None:
    path = page_url(upstream)
    async with hit_server(upstream) as srv, httpx.AsyncClient(base_url=srv.base) as client:
        first = await client.get(path, headers={"Accept-Encoding": "identity"})
        assert srv.paths == [path]
        hits = [await client.get(path, headers={"Accept-Encoding": "identity"}) for _ in range(3)]
        zipped = await client.get(path, headers={"Accept-Encoding": "gzip"})
        head = await client.head(path, headers={"Accept-Encoding": "identity"})
        assert srv.paths == [path], "hits must be answered before any ASGI request"
    for hit in (*hits, zipped):
        assert hit.status_code == 200
        assert page_text(hit) == page_text(first)
        for name, value in first.headers.items():
            if name not in ("date", "content-security-policy", "cache-control", "content-length"):
                assert hit.headers.get(name) == value, name
        assert re.fullmatch(r"public, max-age=\d+", hit.headers["cache-control"])
        assert "date" in hit.headers
    assert hits[0].headers["content-length"] == first.headers["content-length"]
    assert len({h.headers["content-security-policy"] for h in hits}) == 3, "a new nonce per response"
    # The gzip body is one valid member that inflates to the page.
    assert zipped.headers["content-encoding"] == "gzip"
    assert int(zipped.headers["content-length"]) < int(first.headers["content-length"]) / 3
    assert head.content == b"" and head.headers["content-length"] == first.headers["content-length"]


async def test_hits_are_counted_and_logged_like_any_request(
    upstream: UpstreamServer, caplog: pytest.LogCaptureFixture
) -> None:
    path = page_url(upstream, "/hp/counted.html")
    async with hit_server(upstream, access_log=True) as srv, httpx.AsyncClient(base_url=srv.base) as client:
        await client.get(path)
        with caplog.at_level("INFO", logger="a11y_proxy.access"):
            for _ in range(4):
                await client.get(path)
        text = (await client.get("/metrics")).text
    assert metric(text, 'a11y_requests_total{mode="a11y",status="200"}') == 5
    assert metric(text, 'a11y_request_seconds_count{mode="a11y"}') == 5
    assert metric(text, "a11y_cache_hits_total") == 4
    lines = [r.getMessage() for r in caplog.records if r.name == "a11y_proxy.access"]
    assert sum('"cache": "hit"' in line for line in lines) == 4, lines


def read_response(
    sock: socket.socket, buffer: bytearray, no_body: bool = False
) -> tuple[bytes, dict[str, str], bytes]:
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        assert data, "connection closed before a response"
        buffer += data
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = {k.decode().lower(): v.decode() for k, v in (line.split(b": ", 1) for line in lines)}
    size = 0 if no_body else int(headers.get("content-length", "0"))
    while len(rest) < size:
        data = sock.recv(262144)
        assert data, "connection closed in a body"
        rest += data
    buffer[:] = rest[size:]
    return status, headers, rest[:size]


def request(path: str, version: str = "1.1", method: str = "GET") -> bytes:
    return f"{method} {path} HTTP/{version}\r\nHost: 127.0.0.1\r\n\r\n".encode()


async def test_pipelined_hits_and_app_requests_are_answered_in_order(upstream: UpstreamServer) -> None:
    path = page_url(upstream, "/hp/pipelined.html")
    async with hit_server(upstream) as srv:
        async with httpx.AsyncClient(base_url=srv.base) as client:
            page = (await client.get(path)).content
        port = int(srv.base.rsplit(":", 1)[1])

        def exchange() -> list[tuple[bytes, dict[str, str], bytes]]:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(request(path) + request("/healthz") + request(path) + request("/healthz"))
                buffer = bytearray()
                return [read_response(sock, buffer) for _ in range(4)]

        answers = await asyncio.to_thread(exchange)
    kinds = ["page" if body.startswith(b"<!DOCTYPE") else "health" for _, _, body in answers]
    assert kinds == ["page", "health", "page", "health"]
    assert all(status == b"HTTP/1.1 200 OK" for status, _, _ in answers)
    assert len(answers[0][2]) == len(answers[2][2]) == len(page)


async def test_an_http_1_0_hit_closes_the_connection(upstream: UpstreamServer) -> None:
    path = page_url(upstream, "/hp/close.html")
    async with hit_server(upstream) as srv:
        async with httpx.AsyncClient(base_url=srv.base) as client:
            await client.get(path)
        port = int(srv.base.rsplit(":", 1)[1])

        def exchange() -> tuple[dict[str, str], bytes]:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(request(path, "1.0"))
                _, headers, _ = read_response(sock, bytearray())
                return headers, sock.recv(10)

        headers, after = await asyncio.to_thread(exchange)
    assert headers["connection"] == "close"
    assert after == b"", "the server closes the connection after the answer"


async def test_a_client_that_pipelines_and_does_not_read_cannot_fill_the_proxys_memory(
    upstream: UpstreamServer,
) -> None:
    """300 pipelined requests for a 170 KB page and no reading: the proxy holds
    about one page for that client, not 300 (which would be ~50 MB)."""
    path = page_url(upstream, "/hp/flood.html")
    count = 300
    async with hit_server(upstream) as srv:
        async with httpx.AsyncClient(base_url=srv.base) as client:
            size = len((await client.get(path)).content)
        port = int(srv.base.rsplit(":", 1)[1])
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        try:
            await asyncio.to_thread(sock.sendall, request(path) * count)
            await asyncio.sleep(1.0)
            buffered = max(p.transport.get_write_buffer_size() for p in srv.protocols())
            assert buffered < 3 * size, f"{buffered} bytes queued for one client"

            def drain() -> int:
                buffer = bytearray()
                return sum(len(read_response(sock, buffer)[2]) == size for _ in range(count))

            assert await asyncio.to_thread(drain) == count, "every response arrives whole once read"
        finally:
            sock.close()


async def test_gzip_hit_is_one_member_that_inflates_to_the_page(upstream: UpstreamServer) -> None:
    path = page_url(upstream, "/hp/gzip.html")
    async with hit_server(upstream) as srv:
        port = int(srv.base.rsplit(":", 1)[1])
        async with httpx.AsyncClient(base_url=srv.base) as client:
            plain = await client.get(path, headers={"Accept-Encoding": "identity"})

        def raw_gzip() -> tuple[dict[str, str], bytes]:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n".encode())
                _, headers, body = read_response(sock, bytearray())
                return headers, body

        headers, body = await asyncio.to_thread(raw_gzip)
    assert srv.paths == [path]
    assert headers["content-encoding"] == "gzip"
    inflated = gzip.decompress(body).decode()
    reader_script_nonce(headers["content-security-policy"], inflated)
    assert without_nonce(inflated) == page_text(plain)


async def test_a_long_pipeline_of_hits_behind_an_app_request_is_answered_in_full(
    upstream: UpstreamServer,
) -> None:
    """A miss, then 1,500 HEAD hits in the same packet: they wait in uvicorn's
    pipeline queue, and each answered hit starts the next one. Answering them
    all in one chain of calls would overflow Python's stack."""
    path = page_url(upstream, "/hp/chain.html")
    slow = page_url(upstream, "/hp/slow.html")
    count = 1500
    async with hit_server(upstream) as srv:
        async with httpx.AsyncClient(base_url=srv.base) as client:
            await client.get(path)
        port = int(srv.base.rsplit(":", 1)[1])

        def exchange() -> list[bytes]:
            with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
                sock.sendall(request(slow) + request(path, method="HEAD") * count)
                buffer = bytearray()
                statuses = [read_response(sock, buffer)[0]]
                statuses += [read_response(sock, buffer, no_body=True)[0] for _ in range(count)]
                return statuses

        statuses = await asyncio.to_thread(exchange)
    assert statuses == [b"HTTP/1.1 200 OK"] * (count + 1)


async def test_a_hit_with_a_request_body_leaves_the_connection_usable(upstream: UpstreamServer) -> None:
    """The answer goes out before the body is read; the body is then skipped and
    the next request on the connection is read from where it starts."""
    path = page_url(upstream, "/hp/body.html")
    async with hit_server(upstream) as srv:
        async with httpx.AsyncClient(base_url=srv.base) as client:
            size = len((await client.get(path)).content)
        port = int(srv.base.rsplit(":", 1)[1])

        def exchange() -> list[tuple[bytes, int]]:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                with_body = (
                    f"GET {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nGET /x HTTP".encode()
                )
                sock.sendall(with_body + request("/healthz") + request(path))
                buffer = bytearray()
                return [
                    (status, len(body)) for status, _, body in (read_response(sock, buffer) for _ in range(3))
                ]

        answers = await asyncio.to_thread(exchange)
    assert [status for status, _ in answers] == [b"HTTP/1.1 200 OK"] * 3
    assert answers[0][1] == answers[2][1] == size
    assert answers[1][1] < 1000, "the second answer is /healthz, not a request smuggled in the body"
