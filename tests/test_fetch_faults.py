"""Upstream faults, driven through the whole proxy with httpx.MockTransport and a fake DNS.

Every case must end in a clear page with the right status, never a
traceback, and refused requests must never reach the upstream at all.
"""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import brotli
import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import fake_lookup, make_settings, proxy_client, reader_script_nonce

HOST = "www.x.gov.cn"
DNS = fake_lookup(
    {
        HOST: "93.184.216.34",
        "other.x.gov.cn": "93.184.216.35",
        "inside.x.gov.cn": "10.0.0.7",
        "www.evil.test": "93.184.216.36",
    }
)
PAGE = f"/a11y/http://{HOST}/zwgk/index.html"
HTML = "<html><head><title>政务公开</title></head><body><p>正文</p><a href='/a.html'>a</a></body></html>"

pytestmark = pytest.mark.anyio


class Upstream:
    """A MockTransport handler that records the requests it gets."""

    def __init__(self, respond: Callable[[httpx.Request], Any]) -> None:
        self.respond = respond
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        result = self.respond(request)
        if asyncio.iscoroutine(result):
            result = await result
        return result  # type: ignore[no-any-return]


def R(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> httpx.Response:
    """A response whose body is still to be streamed, as from a socket."""
    return httpx.Response(status, headers=headers or {}, stream=httpx.ByteStream(body))


def settings(**upstream: Any) -> Any:
    cache = upstream.pop("cache", {})
    sites = upstream.pop("sites", [])
    upstream.setdefault("allow_private_addresses", False)
    return make_settings(HOST, "*.x.gov.cn", upstream=upstream, cache=cache, sites=sites)


async def get(handler: Upstream, path: str = PAGE, *, method: str = "GET", **kw: Any) -> httpx.Response:
    s = kw.pop("settings", None) or settings()
    async with proxy_client(s, transport=httpx.MockTransport(handler), lookup=DNS) as client:
        return await client.request(method, path, **kw)


def html(body: str = HTML, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: R(200, body.encode(), {"content-type": "text/html; charset=utf-8", **headers})


def assert_error_page(r: httpx.Response, status: int) -> None:
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text
    assert '<html lang="zh-CN">' in r.text and '<h1 id="error-title">' in r.text
    assert 'lang="en"' in r.text


async def test_page_is_served_with_rewritten_links_and_proxy_headers() -> None:
    r = await get(Upstream(html()))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert f'href="/a11y/http://{HOST}/a.html"' in r.text
    assert r.headers["x-robots-tag"] == "noindex, nofollow"
    # Only the proxy's reader controls may run, by the nonce of this response.
    reader_script_nonce(r.headers["content-security-policy"], r.text)
    assert r.headers["vary"] == "Accept-Encoding, Cookie"
    assert r.headers["cache-control"].startswith("public, max-age=")


async def test_read_timeout_gives_504() -> None:
    def boom(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    r = await get(Upstream(boom))
    assert_error_page(r, 504)
    assert "原网站响应超时" in r.text
    assert f"/a11y/http://{HOST}/zwgk/index.html" in r.text  # the retry link


async def test_total_deadline_gives_504_even_if_the_portal_never_answers() -> None:
    async def never(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        raise AssertionError("unreachable")

    r = await get(Upstream(never), settings=settings(total_timeout=0.3, connect_timeout=0.1))
    assert_error_page(r, 504)


async def test_connection_refused_gives_502() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    assert_error_page(await get(Upstream(refuse)), 502)


async def test_reset_in_the_middle_of_the_body_gives_502() -> None:
    class Broken(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"<html><body>" + b"x" * 1000
            raise httpx.ReadError("connection reset by peer")

    r = await get(
        Upstream(lambda req: httpx.Response(200, headers={"content-type": "text/html"}, stream=Broken()))
    )
    assert_error_page(r, 502)
    assert "原网站返回的数据不完整" in r.text


async def test_redirect_loop_is_caught() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        nxt = "/b.html" if request.url.path == "/a.html" else "/a.html"
        return R(302, headers={"location": nxt})

    up = Upstream(loop)
    r = await get(up, f"/a11y/http://{HOST}/a.html")
    assert_error_page(r, 502)
    assert len(up.requests) <= 3


async def test_redirect_chain_longer_than_the_limit_is_refused() -> None:
    def chain(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return R(301, headers={"location": f"/{n + 1}"})

    up = Upstream(chain)
    r = await get(up, f"/a11y/http://{HOST}/0", settings=settings(max_redirects=3))
    assert_error_page(r, 502)
    assert len(up.requests) == 4


async def test_redirect_to_a_host_not_served_is_refused_with_a_link_to_it() -> None:
    up = Upstream(lambda r: R(302, headers={"location": "http://www.evil.test/x"}))
    r = await get(up)
    assert_error_page(r, 403)
    assert 'href="http://www.evil.test/x"' in r.text
    assert len(up.requests) == 1


async def test_redirect_to_an_allowed_name_that_resolves_inside_is_refused_before_connecting() -> None:
    up = Upstream(lambda r: R(302, headers={"location": "http://inside.x.gov.cn/"}))
    r = await get(up)
    assert_error_page(r, 403)
    assert [req.url.host for req in up.requests] == [HOST]


async def test_redirect_is_followed_and_reader_sent_to_the_final_proxied_url() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old.html":
            return R(301, headers={"location": "http://other.x.gov.cn/new.html"})
        return html()(request)

    up = Upstream(respond)
    async with proxy_client(settings(), transport=httpx.MockTransport(up), lookup=DNS) as client:
        r = await client.get(f"/a11y/http://{HOST}/old.html")
        assert r.status_code == 302
        assert r.headers["location"] == "/a11y/http://other.x.gov.cn/new.html"
        final = await client.get(r.headers["location"])
    assert final.status_code == 200 and "正文" in final.text
    assert len(up.requests) == 2  # the final page came from the cache


async def test_host_not_on_the_allowlist_is_refused_without_contact() -> None:
    up = Upstream(html())
    r = await get(up, "/a11y/http://www.evil.test/")
    assert_error_page(r, 403)
    assert "本服务不提供该网站的无障碍浏览" in r.text
    assert up.requests == []


async def test_allowed_name_resolving_to_a_private_address_is_refused_without_contact() -> None:
    up = Upstream(html())
    r = await get(up, "/a11y/http://inside.x.gov.cn/")
    assert_error_page(r, 403)
    assert up.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "/a11y/ftp://www.x.gov.cn/",
        "/a11y/http://user:pw@www.x.gov.cn/",
        "/a11y/http://www.x.gov.cn@www.evil.test/",
        "/a11y/javascript:alert(1)",
    ],
)
async def test_malicious_urls_are_refused(url: str) -> None:
    up = Upstream(html())
    r = await get(up, url)
    assert r.status_code in (400, 403)
    assert "Traceback" not in r.text
    assert up.requests == []


async def test_gzip_bomb_is_stopped_at_the_decompressed_cap() -> None:
    bomb = gzip.compress(b"<html><body>" + b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100 * 1024
    up = Upstream(lambda r: R(200, bomb, {"content-type": "text/html", "content-encoding": "gzip"}))
    r = await get(up, settings=settings(max_decompressed_bytes=1024 * 1024))
    assert_error_page(r, 413)


async def test_brotli_bomb_is_stopped_at_the_decompressed_cap() -> None:
    bomb = brotli.compress(b"<p>" + b"a" * (50 * 1024 * 1024))
    up = Upstream(lambda r: R(200, bomb, {"content-type": "text/html", "content-encoding": "br"}))
    assert_error_page(await get(up, settings=settings(max_decompressed_bytes=1024 * 1024)), 413)


async def test_gzip_deflate_and_brotli_pages_are_decoded() -> None:
    for coding, packed in (
        ("gzip", gzip.compress(HTML.encode())),
        ("deflate", zlib.compress(HTML.encode())),
        ("br", brotli.compress(HTML.encode())),
    ):
        up = Upstream(
            lambda r, c=coding, p=packed: R(
                200, p, {"content-type": "text/html; charset=utf-8", "content-encoding": c}
            )
        )
        r = await get(up)
        assert r.status_code == 200 and "正文" in r.text, coding


async def test_lying_content_encoding_is_read_as_plain_text() -> None:
    up = Upstream(html(**{"content-encoding": "gzip"}))
    r = await get(up)
    assert r.status_code == 200 and "正文" in r.text


async def test_page_over_the_wire_cap_gives_413() -> None:
    big = "<html><body>" + "字" * 400_000 + "</body></html>"
    assert_error_page(await get(Upstream(html(big)), settings=settings(max_page_bytes=500_000)), 413)


async def test_declared_length_over_the_cap_is_refused_before_reading() -> None:
    up = Upstream(lambda r: R(200, b"<p>x</p>", {"content-type": "text/html", "content-length": "999999999"}))
    assert_error_page(await get(up), 413)


async def test_scripts_are_never_served() -> None:
    up = Upstream(lambda r: R(200, b"x()", {"content-type": "application/javascript"}))
    assert_error_page(await get(up, f"/a11y/http://{HOST}/js/app.js"), 415)


@pytest.mark.parametrize(("status", "ours"), [(404, 404), (410, 410), (500, 502), (503, 502), (403, 403)])
async def test_upstream_error_statuses_map_to_error_pages(status: int, ours: int) -> None:
    up = Upstream(lambda r: R(status, b"<h1>err</h1>", {"content-type": "text/html"}))
    assert_error_page(await get(up), ours)


async def test_files_stream_through_with_their_headers_and_ranges() -> None:
    body = bytes(range(256)) * 100

    def respond(request: httpx.Request) -> httpx.Response:
        headers = {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="r.pdf"',
            "etag": '"v1"',
            "last-modified": "Sun, 30 Jan 2022 06:06:00 GMT",
            "accept-ranges": "bytes",
            "set-cookie": "track=1",
        }
        if request.headers.get("range") == "bytes=0-9":
            headers["content-range"] = f"bytes 0-9/{len(body)}"
            return R(206, body[:10], {**headers, "content-length": "10"})
        return R(200, body, {**headers, "content-length": str(len(body))})

    up = Upstream(respond)
    async with proxy_client(settings(), transport=httpx.MockTransport(up), lookup=DNS) as client:
        r = await client.get(f"/a11y/http://{HOST}/files/r.pdf")
        assert r.status_code == 200 and r.content == body
        assert r.headers["content-disposition"] == 'attachment; filename="r.pdf"'
        assert r.headers["etag"] == '"v1"' and r.headers["last-modified"].startswith("Sun")
        assert r.headers["content-length"] == str(len(body))
        assert "set-cookie" not in r.headers
        part = await client.get(f"/a11y/http://{HOST}/files/r.pdf", headers={"Range": "bytes=0-9"})
        assert part.status_code == 206 and part.content == body[:10]
        assert part.headers["content-range"] == f"bytes 0-9/{len(body)}"


async def test_svg_streamed_through_is_sandboxed() -> None:
    up = Upstream(
        lambda r: R(
            200,
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
            {"content-type": "image/svg+xml"},
        )
    )
    r = await get(up, f"/a11y/http://{HOST}/i.svg")
    assert r.status_code == 200
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_cookies_do_not_cross_the_proxy_by_default() -> None:
    up = Upstream(html(**{"set-cookie": "JSESSIONID=abc; Path=/"}))
    r = await get(up, headers={"Cookie": "JSESSIONID=reader; a11y_prefs=x"})
    assert r.status_code == 200
    assert "set-cookie" not in r.headers
    assert "cookie" not in up.requests[0].headers


async def test_forward_cookies_site_gets_cookies_scoped_to_its_proxy_paths() -> None:
    s = settings(sites=[{"host": HOST, "forward_cookies": True}])
    up = Upstream(html(**{"set-cookie": "JSESSIONID=abc; Path=/; Domain=x.gov.cn; HttpOnly"}))
    r = await get(up, settings=s, headers={"Cookie": "JSESSIONID=reader; a11y_prefs=big"})
    assert up.requests[0].headers["cookie"] == "JSESSIONID=reader"
    cookies = r.headers.get_list("set-cookie")
    assert {c.split("Path=")[1].split(";")[0] for c in cookies} == {
        f"/{m}/http://{HOST}/" for m in ("a11y", "elder", "text")
    }
    assert all("Domain" not in c and "HttpOnly" in c for c in cookies)
    assert r.headers["cache-control"] == "private, no-store"


async def test_post_is_refused_for_sites_that_do_not_allow_it() -> None:
    up = Upstream(html())
    r = await get(up, method="POST", data={"q": "1"})
    assert_error_page(r, 405)
    assert up.requests == []


async def test_a_refused_post_offers_to_send_what_the_reader_typed_on_the_portal() -> None:
    # shanxi's site search is POST: the words are not lost at the refusal.
    up = Upstream(html())
    r = await get(up, method="POST", data={"sword": "政府 <信息>", "__a11y_cs": "gb18030", "p": ""})
    assert_error_page(r, 405)
    assert up.requests == []
    form = LexborHTMLParser(r.text).css_first("main form")
    assert form is not None
    assert form.attrs["method"] == "post" and form.attrs["action"] == f"http://{HOST}/zwgk/index.html"
    # In the portal page's encoding, which the browser then sends; the marker stays behind.
    assert form.attrs["accept-charset"] == "gb18030"
    assert [(i.attrs["name"], i.attrs["value"]) for i in form.css("input[type=hidden]")] == [
        ("sword", "政府 <信息>"),
        ("p", ""),
    ]
    assert "将离开无障碍浏览" in form.css_first("button").text()
    assert r.headers["cache-control"] == "no-store"
    # A site not served here is refused as a GET to it is, and nothing is offered.
    elsewhere = await get(
        Upstream(html()), "/a11y/http://www.evil.test/login", method="POST", data={"p": "x"}
    )
    assert_error_page(elsewhere, 403)
    assert LexborHTMLParser(elsewhere.text).css_first("main form") is None
    # A file upload cannot be filled in again: the refusal alone.
    upload = await get(Upstream(html()), method="POST", files={"f": ("a.txt", b"x")})
    assert_error_page(upload, 405)
    assert LexborHTMLParser(upload.text).css_first("main form") is None


async def test_post_is_forwarded_for_allowed_sites_with_a_body_cap() -> None:
    s = settings(sites=[{"host": HOST, "allow_post": True}], max_post_bytes=100)
    up = Upstream(html())
    r = await get(up, method="POST", data={"title": "你好", "__a11y_cs": "gb18030"}, settings=s)
    assert r.status_code == 200
    assert up.requests[0].method == "POST"
    assert up.requests[0].content == b"title=%C4%E3%BA%C3"
    big = await get(Upstream(html()), method="POST", data={"x": "y" * 200}, settings=s)
    assert_error_page(big, 413)


async def test_other_methods_are_refused() -> None:
    assert_error_page(await get(Upstream(html()), method="DELETE"), 405)
