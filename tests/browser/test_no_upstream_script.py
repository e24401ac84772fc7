"""In Chromium: the script battery page, proxied in every mode, runs nothing of its own.

The page is loaded, every element hovered, the form field focused, every
link and summary clicked (a javascript: link would run on click), and the
browser must have shown no dialog, printed no "alert" and logged no
Content-Security-Policy violation from anything but the battery's own
(blocked) attempts. The proxy's reader script is the only script running.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from functools import partial

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import start_proxy
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def battery_proxy() -> Iterator[str]:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with start_proxy(f"127.0.0.1:{server.server_address[1]}") as base:
        yield f"{base}/{{mode}}/http://127.0.0.1:{server.server_address[1]}/xss-battery.html"
    server.shutdown()


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_nothing_from_the_battery_runs(browser: Browser, battery_proxy: str, mode: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    console: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: console.append(m.text))
        page.goto(battery_proxy.format(mode=mode))
        page.wait_for_selector("html.a11y-reader-ready", state="attached")
        main = page.locator("main, [role=main], body").first
        for el in main.locator("*").all()[:200]:
            try:
                if el.is_visible():
                    el.hover(timeout=500)
            except Exception:
                pass
        for field in page.locator("main input").all():
            field.focus()
        for link in page.locator("main a, main summary").all():
            href = link.get_attribute("href") or ""
            if href.startswith(("/", "http")):
                continue  # a real navigation, not a script vector
            with contextlib.suppress(Exception):
                link.click(timeout=500)
        page.wait_for_timeout(300)
        scripts = page.evaluate("[...document.scripts].map(s => s.src || s.text.slice(0, 40))")
    finally:
        context.close()
    assert dialogs == []
    assert not [c for c in console if "alert" in c.lower()], console
    assert len(scripts) == 1 and scripts[0].endswith("/static/reader.js")
