"""The header and footer a portal's scripts write, fetched and read through the real proxy."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy import script_fetch
from tests.conftest import UpstreamServer, make_settings, proxy_client
from tests.test_fetch_faults import DNS, HOST, R, Upstream, settings

pytestmark = pytest.mark.anyio

HEADER = (Path(__file__).parent / "fixtures" / "scripts" / "jiangsu-header-shape.js").read_text("utf-8")


def _page(title: str, prefix: str) -> bytes:
    return (
        '<html><head><meta charset="gbk"><title>' + title + "</title>"
        f'<script src="{prefix}/module/jslib/jquery/jquery.js"></script></head><body>'
        f'<script type="text/javascript" src="{prefix}/script/0/head.js"></script>'
        f"<div class=article><h1>{title}</h1><p>" + "正文内容。" * 30 + "</p></div>"
        f'<script src="{prefix}/script/0/missing.js"></script></body></html>'
    ).encode("gbk")


async def test_a_gbk_portals_header_script_writes_its_menu_and_search_into_the_page(
    upstream: UpstreamServer,
) -> None:
    prefix = "/sw1"
    # As Hanweb serves them: GBK bytes, a JavaScript type with no charset.
    upstream.add(f"{prefix}/script/0/head.js", HEADER.encode("gbk"), content_type="application/javascript")
    first = upstream.add(f"{prefix}/a.html", _page("关于年度报告的通知", prefix), content_type="text/html")
    second = upstream.add(f"{prefix}/b.html", _page("关于政务公开的通知", prefix), content_type="text/html")
    before = len(upstream.requests)
    async with proxy_client(make_settings(f"127.0.0.1:{upstream.port}")) as client:
        r = await client.get(f"/a11y/{first}")
        r2 = await client.get(f"/elder/{second}")
        metrics = (await client.get("/metrics")).text
    # The operator sees what was read: the header written, the 404 nothing, both kept for page two.
    assert 'a11y_script_includes_total{outcome="written"} 1' in metrics
    assert 'a11y_script_includes_total{outcome="nothing"} 1' in metrics
    assert 'a11y_script_includes_total{outcome="kept"} 2' in metrics
    assert r.status_code == 200 and r2.status_code == 200
    tree = LexborHTMLParser(r.text)
    menu = {a.text(): a.attrs.get("href") for a in tree.css(".nav a")}
    assert menu["政务公开"] == f"/a11y/{upstream.origin}/col/col31255/index.html"
    form = tree.css_first("form#Formdh03")
    assert form.attrs["action"] == f"/a11y/{upstream.origin}/jsearchfront/search.do"
    # Its magnifier was a <div onclick="okclick()">: now the form's submit button (script_submits).
    # The form answers in a new window (target="_blank"), which its button's name says too.
    assert form.css_first("button[type=submit]").text() == "搜索(在新窗口打开)"
    assert "aria.js" not in r.text and "never written" not in r.text
    # In 适老版 the written search is the page's site search, rebuilt large.
    elder_page = LexborHTMLParser(r2.text)
    elder = elder_page.css_first("form.elder-search")
    assert elder.attrs["action"] == f"/elder/{upstream.origin}/jsearchfront/search.do"
    # ... and the menu it wrote is the page's menu, as big buttons.
    assert "走进江苏" in [a.text() for a in elder_page.css("nav a")]
    asked = [path for _, path, _ in upstream.requests[before:]]
    # The header script once for both pages, and the missing one (404) too: both kept,
    # one as writing nothing; the library never.
    assert asked.count(f"{prefix}/script/0/head.js") == 1
    assert asked.count(f"{prefix}/script/0/missing.js") == 1
    assert not any("jquery" in path for path in asked)


async def test_a_script_that_fails_is_slow_or_too_large_leaves_the_page_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(script_fetch, "SCRIPT_TIMEOUT", 0.3)
    page = (
        "<html><head><title>通知</title></head><body>"
        + "".join(
            f'<script src="/s/{name}.js"></script>' for name in ("error", "slow", "big", "html", "good")
        )
        + "<p>正文</p><script src='http://elsewhere.example/x.js'></script></body></html>"
    )
    writes = "document.write('<p id=written>ok</p>');"

    async def respond(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/a.html":
            return R(200, page.encode(), {"content-type": "text/html; charset=utf-8"})
        if path == "/s/error.js":
            return R(500, b"oops")
        if path == "/s/slow.js":
            await asyncio.sleep(2)
            return R(200, writes.encode())
        if path == "/s/big.js":
            return R(200, writes.encode() + b" " * (script_fetch.MAX_SCRIPT_BYTES + 1))
        if path == "/s/bomb.js":
            bomb = gzip.compress(writes.encode() + b" " * (64 * 1024 * 1024))
            return R(200, bomb, {"content-encoding": "gzip", "content-type": "text/javascript"})
        if path == "/s/html.js":
            return R(200, b"<html>document.write('<p>no</p>')</html>", {"content-type": "text/html"})
        return R(200, writes.replace("ok", "good").encode(), {"content-type": "text/javascript"})

    up = Upstream(respond)
    s = settings(max_script_includes=8)
    async with proxy_client(s, transport=httpx.MockTransport(up), lookup=DNS) as client:
        r = await client.get(f"/a11y/http://{HOST}/a.html")
    assert r.status_code == 200
    tree = LexborHTMLParser(r.text)
    assert [p.text() for p in tree.css("#written")] == ["good"]
    assert "正文" in r.text
    # Another site's script is never fetched.
    assert all(req.url.host == HOST for req in up.requests)


async def test_an_operator_can_turn_the_reading_off(upstream: UpstreamServer) -> None:
    prefix = "/sw2"
    upstream.add(f"{prefix}/script/0/head.js", HEADER.encode("gbk"), content_type="application/javascript")
    url = upstream.add(f"{prefix}/a.html", _page("通知", prefix), content_type="text/html")
    before = len(upstream.requests)
    s = make_settings(f"127.0.0.1:{upstream.port}", upstream={"max_script_includes": 0})
    async with proxy_client(s) as client:
        r = await client.get(f"/a11y/{url}")
    assert r.status_code == 200 and "nav_box" not in r.text
    assert [path for _, path, _ in upstream.requests[before:]] == [f"{prefix}/a.html"]


async def test_other_sites_scripts_do_not_use_up_the_pages_few_fetches() -> None:
    # A portal page loads counters, the 党政机关 badge and share buttons from elsewhere first.
    others = "".join(f'<script src="https://counter{i}.example.com/c.js"></script>' for i in range(6))
    page = f"<html><head><title>通知</title>{others}</head><body><script src='/s/head.js'></script></body></html>"

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a.html":
            return R(200, page.encode(), {"content-type": "text/html; charset=utf-8"})
        return R(200, b"document.write('<nav id=menu>menu</nav>');", {"content-type": "text/javascript"})

    up = Upstream(respond)
    async with proxy_client(settings(), transport=httpx.MockTransport(up), lookup=DNS) as client:
        r = await client.get(f"/a11y/http://{HOST}/a.html")
    assert LexborHTMLParser(r.text).css_first("#menu") is not None
    assert [req.url.path for req in up.requests] == ["/a.html", "/s/head.js"]
