"""SSRF: every way of writing an address the proxy must not reach is refused before any connection.

Each URL goes through the whole proxy (MockTransport that records requests,
and a fake DNS), as a reader's address, as a redirect the portal sends, and
where it matters as a link; the answer must be 400 or 403 with an error
page, and the upstream must never be asked. The allowlist is
``www.x.gov.cn`` and ``*.x.gov.cn``.
"""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.conftest import UpstreamServer, make_settings, proxy_client
from tests.test_fetch_faults import DNS, HOST, R, Upstream, get, html, settings

pytestmark = pytest.mark.anyio

#: Addresses of the machine itself and its networks, in every spelling.
LOOPBACK_FORMS = [
    "http://127.0.0.1/",
    "http://2130706433/",  # decimal
    "http://0177.0.0.1/",  # octal
    "http://0x7f000001/",  # hex
    "http://0x7f.0.0.1/",
    "http://127.1/",  # short forms
    "http://127.0.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]/",
    "http://%31%32%37.0.0.1/",  # percent-encoded host
    "http://localhost/",
    "http://LOCALHOST./",  # case and trailing dot
    "http://localhost.localdomain/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.0.1/",  # CGNAT
    "http://224.0.0.1/",  # multicast
    "http://255.255.255.255/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[ff02::1]/",
]
#: Tricks that make an address look like an allowed host.
LOOKALIKES = [
    "http://www.x.gov.cn@127.0.0.1/",  # userinfo
    "http://www.x.gov.cn:80@www.evil.test/",
    "http://user:pw@www.x.gov.cn/",
    "http://www.evil.test\\.www.x.gov.cn/",
    "http://www.x.gov.cn.evil.test/",  # suffix
    "http://x.gov.cn.evil.test/",
    "http://evilx.gov.cn/",  # not a subdomain of x.gov.cn
    "http://www.x.gov.cn%2eevil.test/",
    "http://www.x.gov.cn%00.evil.test/",
    "http://www.x.gov.cn%40www.evil.test/",
    "http://inside.x.gov.cn/",  # allowed name, private address (fake DNS: 10.0.0.7)
]
SCHEMES = [
    "file:///etc/passwd",
    "ftp://www.x.gov.cn/",
    "gopher://www.x.gov.cn:70/",
    "dict://www.x.gov.cn:11211/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ws://www.x.gov.cn/",
    "jar:http://www.x.gov.cn/!/",
]


@pytest.mark.parametrize("url", LOOPBACK_FORMS + LOOKALIKES + SCHEMES)
async def test_reader_addresses_that_lead_inside_or_off_the_list_are_refused_without_contact(
    url: str,
) -> None:
    up = Upstream(html())
    r = await get(up, f"/a11y/{url}")
    assert r.status_code in (400, 403, 404), (url, r.status_code)
    assert "Traceback" not in r.text
    assert up.requests == [], url


@pytest.mark.parametrize("url", LOOPBACK_FORMS + LOOKALIKES + [s for s in SCHEMES if "://" in s])
async def test_redirects_that_lead_inside_or_off_the_list_are_refused_before_the_next_hop(url: str) -> None:
    up = Upstream(
        lambda req: R(302, headers={"location": url}) if req.url.path == "/go" else R(200, b"inside!")
    )
    r = await get(up, f"/a11y/http://{HOST}/go")
    assert r.status_code in (400, 403, 502), (url, r.status_code)
    assert r.status_code != 200 and "inside!" not in r.text
    # Only the first hop reached the (mock) portal; the redirect target never did.
    assert [str(q.url) for q in up.requests] == [f"http://{HOST}/go"], url


async def test_a_backslash_is_a_slash_as_in_a_browser_so_the_request_stays_on_the_allowed_host() -> None:
    """WHATWG URL: in http(s) URLs "\\" is "/", so "www.x.gov.cn\\@www.evil.test/" is a path on
    www.x.gov.cn, which is where the request goes, as a browser would send it."""
    up = Upstream(html())
    r = await get(up, "/a11y/http://www.x.gov.cn\\@www.evil.test/")
    assert r.status_code in (200, 308)
    assert {q.url.host for q in up.requests} <= {HOST}
    redirect = Upstream(lambda req: R(302, headers={"location": "http://www.x.gov.cn\\@www.evil.test/"}))
    r = await get(redirect, f"/a11y/http://{HOST}/go")
    assert {q.url.host for q in redirect.requests} == {HOST}


async def test_allowed_hosts_still_work_in_their_harmless_variants() -> None:
    up = Upstream(html())
    for url in (f"http://{HOST.upper()}/", f"http://{HOST}:80/", "http://other.x.gov.cn/"):
        r = await get(up, f"/a11y/{url}")
        assert r.status_code == 200, url
    assert len(up.requests) == 3


@pytest.mark.parametrize("url", LOOPBACK_FORMS[:6] + LOOKALIKES[:4])
async def test_qr_and_settings_cannot_be_pointed_off_the_proxy(url: str) -> None:
    up = Upstream(html())
    async with proxy_client(settings(), transport=httpx.MockTransport(up), lookup=DNS) as client:
        qr = await client.get("/qr", params={"url": url})
        form = await client.post("/settings", data={"return": url, "mode": "original"})
    assert qr.status_code == 400
    assert form.headers["location"] == "/"
    assert up.requests == []


async def test_one_lookup_per_connection_and_the_checked_address_is_the_one_used(
    upstream: UpstreamServer,
) -> None:
    """No DNS-rebinding window: the name is resolved once, checked, and that address is dialled.

    The fake DNS answers the loopback server first and an unroutable address
    afterwards; the page arrives from the first answer and the name was
    looked up exactly once for the connection.
    """
    url = upstream.add("/rebind.html", "<p>第一次的答案</p>")
    calls: list[str] = []

    async def rebinding(host: str, port: int) -> list[tuple[int, str]]:
        calls.append(host)
        return [(socket.AF_INET, "127.0.0.1" if len(calls) == 1 else "192.0.2.1")]

    s = make_settings(f"rebind.x.gov.cn:{upstream.port}")
    async with proxy_client(s, lookup=rebinding) as client:
        r = await client.get(f"/a11y/http://rebind.x.gov.cn:{upstream.port}/rebind.html")
    assert r.status_code == 200 and "第一次的答案" in r.text, r.text[:300]
    assert calls == ["rebind.x.gov.cn"]
    assert url.endswith("/rebind.html")


async def test_a_name_that_resolves_inside_is_refused_on_a_real_socket(upstream: UpstreamServer) -> None:
    upstream.add("/secret.html", "<p>内部资料</p>")

    async def inside(host: str, port: int) -> list[tuple[int, str]]:
        return [(socket.AF_INET, "127.0.0.1")]

    s = make_settings(f"portal.x.gov.cn:{upstream.port}", upstream={"allow_private_addresses": False})
    before = len(upstream.requests)
    async with proxy_client(s, lookup=inside) as client:
        r = await client.get(f"/a11y/http://portal.x.gov.cn:{upstream.port}/secret.html")
    assert r.status_code == 403 and "内部资料" not in r.text
    assert len(upstream.requests) == before
