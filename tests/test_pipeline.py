"""The pipeline: pure render stages, and caching behaviour end to end (MockTransport)."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import httpx
import pytest

from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.pipeline import PASSES, render_css, render_html
from tests.conftest import fake_lookup, make_settings, proxy_client, without_nonce
from tests.test_fetch_faults import DNS, HOST, PAGE, R, Upstream

ALLOW = Allowlist((parse_host_pattern(HOST),))


def test_every_mode_declares_its_passes_once() -> None:
    assert set(PASSES) == {"a11y", "elder", "text"}
    for passes in PASSES.values():
        names = [p.__module__ for p in passes]
        assert len(names) == len(set(names))


def test_render_outputs_utf8_in_standards_mode_whatever_the_input() -> None:
    xhtml = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>年报</body></html>'
    )
    for source in (xhtml, "<p>no doctype 年报</p>"):
        page = render_html(
            source.encode("gbk"), "text/html", url=f"http://{HOST}/", mode="a11y", allowlist=ALLOW
        )
        text = page.body.decode("utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in text and "gb2312" not in text
        assert "年报" in text


def test_render_records_stage_timings_when_asked() -> None:
    page = render_html(b"<p>x</p>", None, url=f"http://{HOST}/", mode="text", allowlist=ALLOW, timed=True)
    assert {"decode", "parse", "passes", "serialize", "pass:rewrite_links"} <= page.timings.keys()


def test_stylesheet_urls_resolve_against_the_stylesheet() -> None:
    css = '@charset "gbk"; body { font-family: "宋体"; background: url(../img/bg.png) }'.encode("gbk")
    out = render_css(
        css, "text/css", url=f"http://{HOST}/css/site.css", mode="elder", allowlist=ALLOW
    ).decode()
    assert f'url("/elder/http://{HOST}/img/bg.png")' in out
    assert "宋体" in out and "@charset" not in out


def test_a_stylesheets_hover_menus_open_on_focus_too_in_the_mode_that_keeps_the_portals_look() -> None:
    css = b".nav li:hover .sub { display: block; background: url(../img/m.png) }"
    out = {
        mode: render_css(
            css, "text/css", url=f"http://{HOST}/css/site.css", mode=mode, allowlist=ALLOW
        ).decode()
        for mode in ("a11y", "elder")
    }
    # After the URL rewrite: the copy's picture comes through the proxy too.
    assert (
        f'.nav li:focus-within .sub{{ display: block; background: url("/a11y/http://{HOST}/img/m.png") }}'
        in out["a11y"]
    )
    assert "focus-within" not in out["elder"]  # 适老版 lays the page out itself


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def page_with(etag: str = '"v1"', body: str = "<p>第一版</p>", **extra: str) -> Any:
    return lambda r: R(
        200, body.encode(), {"content-type": "text/html; charset=utf-8", "etag": etag, **extra}
    )


async def _client(up: Upstream, **cache: Any) -> Any:
    s = make_settings(HOST, upstream={"allow_private_addresses": False}, cache=cache)
    return proxy_client(s, transport=httpx.MockTransport(up), lookup=DNS)


@pytest.mark.anyio
async def test_second_request_is_a_cache_hit() -> None:
    up = Upstream(page_with())
    async with await _client(up) as client:
        a = await client.get(PAGE)
        b = await client.get(PAGE)
    assert without_nonce(a.text) == without_nonce(b.text) and len(up.requests) == 1


@pytest.mark.anyio
async def test_cache_key_separates_modes() -> None:
    up = Upstream(page_with())
    async with await _client(up) as client:
        a = await client.get(PAGE)
        b = await client.get(PAGE.replace("/a11y/", "/text/"))
    assert len(up.requests) == 2
    assert 'aria-current="page"' in a.text and a.text != b.text


@pytest.mark.anyio
async def test_no_store_private_and_no_transform_pages_are_not_kept() -> None:
    for directive in ("no-store", "private", "no-transform"):
        up = Upstream(page_with(**{"cache-control": directive}))
        async with await _client(up) as client:
            r = await client.get(PAGE)
            await client.get(PAGE)
        assert len(up.requests) == 2, directive
        assert r.headers["cache-control"] == "private, no-store"


@pytest.mark.anyio
async def test_upstream_max_age_shortens_our_ttl() -> None:
    up = Upstream(page_with(**{"cache-control": "max-age=30"}))
    async with await _client(up) as client:
        r = await client.get(PAGE)
    assert r.headers["cache-control"] == "public, max-age=30"


@pytest.mark.anyio
async def test_stale_entry_is_revalidated_with_the_etag() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return R(304, b"", {"etag": '"v1"'})
        return page_with()(request)

    up = Upstream(respond)
    async with await _client(up, ttl_seconds=60) as client:
        clock = Clock()
        client.app.state.cache.clock = clock
        first = await client.get(PAGE)
        clock.now += 120
        second = await client.get(PAGE)
    assert second.status_code == 200 and without_nonce(second.text) == without_nonce(first.text)
    assert len(up.requests) == 2 and up.requests[1].headers["if-none-match"] == '"v1"'


@pytest.mark.anyio
async def test_stale_copy_is_served_with_a_notice_when_the_portal_fails() -> None:
    state = {"down": False}

    def respond(request: httpx.Request) -> httpx.Response:
        if state["down"]:
            raise httpx.ConnectError("down", request=request)
        return page_with()(request)

    up = Upstream(respond)
    async with await _client(up, ttl_seconds=60, stale_if_error_seconds=3600) as client:
        clock = Clock()
        client.app.state.cache.clock = clock
        await client.get(PAGE)
        state["down"] = True
        clock.now += 600
        r = await client.get(PAGE)
        assert r.status_code == 200
        assert "原网站暂时无法访问" in r.text and "10 分钟前" in r.text
        assert "第一版" in r.text
        assert r.headers["cache-control"] == "no-store"
        clock.now += 7200
        gone = await client.get(PAGE)
        assert gone.status_code == 502


@pytest.mark.anyio
async def test_concurrent_misses_make_one_upstream_fetch() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.1)
        return page_with()(request)  # type: ignore[no-any-return]

    up = Upstream(slow)
    async with await _client(up) as client:
        results = await asyncio.gather(*(client.get(PAGE) for _ in range(8)))
    assert {r.status_code for r in results} == {200}
    assert len(up.requests) == 1


@pytest.mark.anyio
async def test_conditional_request_from_a_reader_gets_304_and_gzip_is_served() -> None:
    up = Upstream(page_with(body="<p>" + "年报" * 2000 + "</p>"))
    async with await _client(up) as client:
        first = await client.get(PAGE, headers={"Accept-Encoding": "gzip"})
        assert first.headers["content-encoding"] == "gzip"
        raw = await client.get(PAGE, headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in raw.headers and without_nonce(raw.text) == without_nonce(first.text)
        again = await client.get(PAGE, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert gzip.decompress(gzip.compress(raw.content)) == raw.content


@pytest.mark.anyio
async def test_cached_pages_are_bounded_by_the_byte_budget() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        return page_with(body="<p>" + request.url.path * 5000 + "</p>")(request)  # type: ignore[no-any-return]

    up = Upstream(respond)
    async with await _client(up, max_bytes=200_000) as client:
        for i in range(40):
            await client.get(f"/a11y/http://{HOST}/page{i:03d}.html")
        assert client.app.state.cache.current_bytes <= 200_000


def test_fake_lookup_is_used_in_these_tests() -> None:
    assert fake_lookup({"a": "1.2.3.4"}) is not None
