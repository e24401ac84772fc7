"""Shared browser fixture: Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import CORPUS, free_port

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


@pytest.fixture(scope="session")
def corpus_proxy() -> Iterator[str]:
    """The corpus served by a plain static server, and a proxy in front of it (real sockets)."""
    import subprocess
    import sys
    import time

    import httpx

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = free_port()
    config = Path(__file__).resolve().parent.parent / "artifacts" / "corpus-proxy.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(
        f'[upstream]\nallowed_hosts = ["127.0.0.1:{server.server_address[1]}"]\nallow_private_addresses = true\n'
        '[server]\nlog_level = "warning"\n',
        "utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y_proxy", "serve", "--config", str(config), "--port", str(port)]
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}/{{mode}}/http://127.0.0.1:{server.server_address[1]}/{{page}}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        server.shutdown()
