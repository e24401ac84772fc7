"""Shared browser fixture: Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import CORPUS, serve_proxy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


# Module scope: Playwright's sync API keeps an event loop running while the
# browser is open, which the asyncio tests of other modules cannot share.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required (scripts/test installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def start_proxy(allowed_host: str) -> Iterator[str]:
    """``a11y-proxy serve`` on a free port for one allowed host (real sockets); yields its base URL."""
    folder = Path(__file__).resolve().parent.parent / "artifacts"
    folder.mkdir(exist_ok=True)
    config = (
        f'[upstream]\nallowed_hosts = ["{allowed_host}"]\nallow_private_addresses = true\n'
        '[server]\nlog_level = "warning"\n'
    )
    with serve_proxy(config, folder) as (_, base):
        yield base


@contextlib.contextmanager
def static_portal(folder: Path) -> Iterator[tuple[str, str]]:
    """``folder`` on a plain static server and a proxy in front of it; yields (proxy, portal) base URLs."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        with start_proxy(f"127.0.0.1:{port}") as base:
            yield base, f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def corpus_proxy() -> Iterator[str]:
    """The corpus served by a plain static server, and a proxy in front of it (real sockets)."""
    with static_portal(CORPUS) as (base, portal):
        yield f"{base}/{{mode}}/{portal}/{{page}}"
