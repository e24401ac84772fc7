"""Upstream failures over real sockets on 127.0.0.1: TLS, refused connections, resets."""

from __future__ import annotations

import http.server
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator

import pytest

from tests.conftest import UpstreamServer, free_port, make_settings, proxy_client

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def tls_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """An HTTPS server with a self-signed certificate: the proxy must refuse to trust it."""
    d = tmp_path_factory.mktemp("tls")
    key, cert = d / "key.pem", d / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield int(server.server_address[1])
    server.shutdown()


async def test_untrusted_certificate_gives_a_tls_error_page(tls_upstream: int) -> None:
    settings = make_settings(f"127.0.0.1:{tls_upstream}")
    async with proxy_client(settings) as client:
        r = await client.get(f"/a11y/https://127.0.0.1:{tls_upstream}/")
    assert r.status_code == 502
    assert "原网站的安全证书有问题" in r.text


async def test_nothing_listening_gives_502() -> None:
    port = free_port()
    async with proxy_client(make_settings(f"127.0.0.1:{port}")) as client:
        r = await client.get(f"/a11y/http://127.0.0.1:{port}/")
    assert r.status_code == 502 and "原网站暂时无法访问" in r.text


@pytest.fixture(scope="module")
def resetting_upstream() -> Iterator[int]:
    """Sends headers and half a body, then resets the connection."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body>"
            )
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield port
    listener.close()


async def test_reset_mid_body_over_a_real_socket_gives_502(resetting_upstream: int) -> None:
    async with proxy_client(make_settings(f"127.0.0.1:{resetting_upstream}")) as client:
        r = await client.get(f"/a11y/http://127.0.0.1:{resetting_upstream}/")
    assert r.status_code == 502
    assert "Traceback" not in r.text


async def test_real_loopback_is_refused_when_private_addresses_are_not_allowed(
    upstream: UpstreamServer,
) -> None:
    upstream.add("/private.html", "<p>inside</p>")
    settings = make_settings(
        f"127.0.0.1:{upstream.port}", "localhost", upstream={"allow_private_addresses": False}
    )
    before = len(upstream.requests)
    async with proxy_client(settings) as client:
        a = await client.get(f"/a11y/http://127.0.0.1:{upstream.port}/private.html")
        b = await client.get(f"/a11y/http://localhost:{upstream.port}/private.html")
    assert a.status_code == 403 and b.status_code == 403
    assert len(upstream.requests) == before
