"""Cache hits answered by the fast path look exactly like the app's own responses."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import make_settings, proxy_client, reader_script_nonce
from tests.test_fetch_faults import DNS, HOST, PAGE, R, Upstream

pytestmark = pytest.mark.anyio

SAME = (
    "content-type",
    "vary",
    "etag",
    "x-robots-tag",
    "x-content-type-options",
    "referrer-policy",
)


def page(request: httpx.Request) -> httpx.Response:
    return R(200, ("<p>" + "政务公开" * 500 + "</p>").encode(), {"content-type": "text/html; charset=utf-8"})


async def test_second_request_is_answered_from_the_fast_path_with_the_same_headers() -> None:
    up = Upstream(page)
    async with proxy_client(
        make_settings(HOST, upstream={"allow_private_addresses": False}),
        transport=httpx.MockTransport(up),
        lookup=DNS,
    ) as client:
        cache = client.app.state.cache
        first = await client.get(PAGE, headers={"Accept-Encoding": "gzip"})
        hits = cache.hits
        second = await client.get(PAGE, headers={"Accept-Encoding": "gzip"})
        assert cache.hits == hits + 1
        head = await client.head(PAGE)
        plain = await client.get(PAGE, headers={"Accept-Encoding": "identity"})
    assert len(up.requests) == 1
    nonces = [
        reader_script_nonce(r.headers["content-security-policy"], r.text) for r in (first, second, plain)
    ]
    assert len(set(nonces)) == 3, "a nonce is never reused"
    assert second.text.replace(nonces[1], "N") == first.text.replace(nonces[0], "N")
    assert second.text.replace(nonces[1], "N") == plain.text.replace(nonces[2], "N")
    for name in SAME:
        assert second.headers[name] == first.headers[name], name
    assert second.headers["content-encoding"] == "gzip"
    assert second.headers["cache-control"].startswith("public, max-age=")
    assert head.status_code == 200 and head.content == b""
    assert "content-encoding" not in plain.headers


async def test_conditional_requests_still_get_304_from_the_app() -> None:
    up = Upstream(page)
    async with proxy_client(
        make_settings(HOST, upstream={"allow_private_addresses": False}),
        transport=httpx.MockTransport(up),
        lookup=DNS,
    ) as client:
        first = await client.get(PAGE)
        again = await client.get(PAGE, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    # A browser merges a 304's headers into its stored copy: a new policy
    # would not match the nonce in the stored page's script tag.
    assert "content-security-policy" not in again.headers
    assert first.headers["etag"].startswith('W/"')  # responses differ in their nonce
