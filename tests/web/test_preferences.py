"""Preferences through the web layer: URL parameters, the cookie, the cache key and the fast path."""

from __future__ import annotations

import httpx
import pytest

from a11y_proxy.prefs import COOKIE
from tests.conftest import make_settings, proxy_client, without_nonce
from tests.test_fetch_faults import DNS, HOST, PAGE, R, Upstream

pytestmark = pytest.mark.anyio


def page(request: httpx.Request) -> httpx.Response:
    return R(200, ("<p>" + "政务公开" * 300 + "</p>").encode(), {"content-type": "text/html; charset=utf-8"})


async def test_url_parameters_set_the_cookie_and_never_reach_the_portal() -> None:
    up = Upstream(page)
    async with proxy_client(
        make_settings(HOST, upstream={"allow_private_addresses": False}),
        transport=httpx.MockTransport(up),
        lookup=DNS,
    ) as client:
        r = await client.get(PAGE + "?q=1&__a11y_theme=black-yellow&__a11y_size=150")
    assert str(up.requests[0].url).endswith("/zwgk/index.html?q=1")
    assert r.cookies.get(COOKIE) == "black-yellow~150~0"
    assert 'href="/themes/black-yellow.css"' in r.text
    assert "a11y-size-150" in r.text
    assert r.headers["cache-control"] == "private, no-store"


async def test_preferences_are_part_of_the_cache_key_and_the_fast_path_key() -> None:
    up = Upstream(page)
    async with proxy_client(
        make_settings(HOST, upstream={"allow_private_addresses": False}),
        transport=httpx.MockTransport(up),
        lookup=DNS,
    ) as client:
        plain = await client.get(PAGE)
        plain_again = await client.get(PAGE)  # fast path
        client.cookies.set(COOKIE, "yellow-black~200~20")
        themed = await client.get(PAGE)
        themed_again = await client.get(PAGE)  # fast path, keyed by the cookie
        client.cookies.delete(COOKIE)
        plain_third = await client.get(PAGE)
    assert len(up.requests) == 2
    same = without_nonce
    assert "yellow-black.css" not in plain.text
    assert same(plain_again.text) == same(plain.text) == same(plain_third.text)
    assert 'href="/themes/yellow-black.css"' in themed.text and "a11y-spacing-20" in themed.text
    assert same(themed_again.text) == same(themed.text)


async def test_theme_files_are_served() -> None:
    async with proxy_client(make_settings(HOST)) as client:
        r = await client.get("/themes/black-yellow.css")
        steps = await client.get("/themes/steps.css")
    assert r.status_code == 200 and "#ffff00" in r.text
    assert "a11y-size-200" in steps.text
