"""Shared test fixtures: a real upstream HTTP server on 127.0.0.1 and the proxy in front of it.

The upstream is a plain ``http.server`` in a thread (nothing of ours), so the
proxy's real client, resolver and socket code are exercised. The proxy runs
in-process behind ``httpx.ASGITransport``. Fault cases use
``httpx.MockTransport`` instead of the network (see ``mock_proxy``).
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.config import Settings, SiteSettings, settings_from_mapping
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.modes import Mode
from a11y_proxy.pipeline import render_html
from a11y_proxy.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Speech audio goes to a disk cache under XDG_CACHE_HOME: keep tests out of the real one."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


CORPUS = FIXTURES / "corpus"


def render_corpus_page(
    name: str,
    mode: Mode,
    *,
    url: str = "http://127.0.0.1/p.html",
    site: SiteSettings | None = None,
    allowed: tuple[str, ...] = ("127.0.0.1",),
) -> LexborHTMLParser:
    """A corpus page through the whole pipeline (no HTTP), parsed again."""
    page = render_html(
        (CORPUS / name).read_bytes(),
        "text/html",
        url=url,
        mode=mode,
        allowlist=Allowlist(tuple(parse_host_pattern(host) for host in allowed)),
        site=site,
    )
    return LexborHTMLParser(page.body.decode("utf-8"))


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: UpstreamServer

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _serve(self, with_body: bool) -> None:
        self.server.requests.append((self.command, self.path, dict(self.headers.items())))
        if self.command == "POST":
            length = int(self.headers.get("content-length") or 0)
            self.server.bodies.append(self.rfile.read(length))
        route = self.server.routes.get(self.path) or self.server.routes.get(self.path.split("?")[0])
        if route is None:
            route = Route(b"<html><body>no such page</body></html>", status=404)
        self.send_response(route.status)
        headers = {k.lower(): v for k, v in route.headers.items()}
        for k, v in route.headers.items():
            self.send_header(k, v)
        if "content-length" not in headers:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(route.body)

    def do_GET(self) -> None:
        self._serve(True)

    def do_HEAD(self) -> None:
        self._serve(False)

    def do_POST(self) -> None:
        self._serve(True)


class UpstreamServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.bodies: list[bytes] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        hdrs = dict(headers or {})
        hdrs.setdefault("Content-Type", content_type)
        self.routes[path] = Route(data, status, hdrs)
        return self.origin + path


@pytest.fixture(scope="session")
def upstream() -> Iterator[UpstreamServer]:
    server = UpstreamServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_settings(*allowed: str, **sections: Mapping[str, Any]) -> Settings:
    upstream: dict[str, Any] = {"allowed_hosts": list(allowed), "allow_private_addresses": True}
    upstream.update(sections.pop("upstream", {}))
    data: dict[str, Any] = {"upstream": upstream, **sections}
    return settings_from_mapping(data)


@contextlib.asynccontextmanager
async def proxy_client(settings: Settings, **app_kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The proxy app (lifespan started) behind an httpx client."""
    app = create_app(settings, **app_kwargs)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://proxy.test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@pytest.fixture
def upstream_settings(upstream: UpstreamServer) -> Settings:
    return make_settings(f"127.0.0.1:{upstream.port}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fake_lookup(table: Mapping[str, str]) -> Callable[[str, int], Any]:
    """A DNS stand-in: host -> address, for MockTransport tests."""

    async def lookup(host: str, port: int) -> list[tuple[int, str]]:
        if host not in table:
            raise OSError(f"no such host {host}")
        address = table[host]
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, address)]

    return lookup


@pytest.fixture(scope="session")
def hostile() -> Iterator[Any]:
    """The misbehaving portal of tests/hostile.py (raw sockets, in a thread)."""
    from tests.hostile import HostileServer

    server = HostileServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """``a11y-proxy demo`` as a reader runs it: (proxy, portal, proxy URL prefix for the portal)."""
    port, portal_port = free_port(), free_port()
    # The log goes to a file: a pipe nobody reads fills up, and the server
    # then blocks writing its access log.
    log_path = tmp_path_factory.mktemp("demo") / "demo.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y_proxy", "demo", "--port", str(port), "--portal-port", str(portal_port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    proxy = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{proxy}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError(f"demo did not start: {log_path.read_text()}")
    try:
        yield proxy, f"http://127.0.0.1:{portal_port}", f"{proxy}/a11y/http://127.0.0.1:{portal_port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        assert "a11y/http://127.0.0.1" in log_path.read_text("utf-8")  # the URL to open was printed


def wait_until_up(url: str, proc: subprocess.Popen[Any] | None = None, timeout: float = 30.0) -> None:
    """Poll ``url`` until it answers; kill ``proc`` and fail if it does not in time or exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or (proc is not None and proc.poll() is not None):
            if proc is not None:
                proc.kill()
            raise RuntimeError(f"{url} did not come up")
        time.sleep(0.1)


@contextlib.contextmanager
def serve_proxy(
    config: str, folder: Path, *, workers: int = 1, log: Path | None = None
) -> Iterator[tuple[subprocess.Popen[Any], str]]:
    """``a11y-proxy serve`` with ``config`` (TOML text) on a free port: (process, base URL)."""
    path = folder / f"proxy-{free_port()}.toml"
    path.write_text(config, "utf-8")
    port = free_port()
    out = log.open("w") if log is not None else None
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "a11y_proxy",
            "serve",
            "--config",
            str(path),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=out,
        stderr=subprocess.STDOUT if out is not None else None,
        cwd=Path(__file__).resolve().parent.parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", proc)
        yield proc, base
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if out is not None:
            out.close()
        path.unlink(missing_ok=True)


_NONCE = re.compile(r"script-src 'nonce-([A-Za-z0-9_-]{22})';")


def reader_script_nonce(csp: str, html: str) -> str:
    """Check that the page's only script is the reader's, carrying the nonce of its
    response's policy, and that nothing else may run; return that nonce."""
    match = _NONCE.search(csp)
    assert match, csp
    assert "strict-dynamic" not in csp and "unsafe-inline'" not in csp.split("style-src")[0]
    scripts = [
        (s.attrs.get("src"), s.attrs.get("nonce"), s.text()) for s in LexborHTMLParser(html).css("script")
    ]
    assert scripts == [("/static/reader.js", match.group(1), "")], scripts
    return match.group(1)


def without_nonce(html: str) -> str:
    """A page's text with its response's nonce taken out, to compare responses."""
    return re.sub(r'nonce="[A-Za-z0-9_-]+"', 'nonce=""', html)
