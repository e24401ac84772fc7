"""QR codes: the /qr endpoint and the code on every page, decoded with a real decoder (zxing-cpp)."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from a11y_proxy.config import settings_from_mapping
from a11y_proxy.qr import qr_png, qr_svg
from tests.conftest import proxy_client

SETTINGS = settings_from_mapping({"upstream": {"allowed_hosts": ["www.x.gov.cn"]}})


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_png_code_decodes_to_its_text_and_svg_has_a_title() -> None:
    url = "http://proxy.example/elder/http://www.x.gov.cn/zwgk/t20220130_1.html?__a11y_theme=black-yellow"
    assert decode(qr_png(url)) == [url]
    assert b"<title>" in qr_svg(url, title="QR") and b"<svg" in qr_svg(url)


@pytest.mark.anyio
async def test_endpoint_encodes_the_absolute_address_of_a_proxy_page() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/qr", params={"url": "/elder/http://www.x.gov.cn/a.html?x=1", "format": "png"})
        svg = await client.get("/qr", params={"url": "/text/http://www.x.gov.cn/a.html"})
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert decode(r.content) == ["http://proxy.test/elder/http://www.x.gov.cn/a.html?x=1"]
    assert (
        svg.headers["content-type"].startswith("image/svg+xml")
        and "sandbox" in svg.headers["content-security-policy"]
    )


@pytest.mark.anyio
@pytest.mark.parametrize(
    "bad", ["http://evil.test/", "//evil.test/x", "javascript:alert(1)", "/nonsense/x", ""]
)
async def test_endpoint_refuses_anything_but_this_proxys_pages(bad: str) -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/qr", params={"url": bad})
    assert r.status_code == 400


@pytest.mark.anyio
async def test_public_url_setting_is_the_base_of_the_code() -> None:
    settings = settings_from_mapping(
        {
            "server": {"public_url": "https://wza.example.gov.cn/"},
            "upstream": {"allowed_hosts": ["www.x.gov.cn"]},
        }
    )
    async with proxy_client(settings) as client:
        r = await client.get("/qr", params={"url": "/a11y/http://www.x.gov.cn/", "format": "png"})
    assert decode(r.content) == ["https://wza.example.gov.cn/a11y/http://www.x.gov.cn/"]


def test_page_code_carries_mode_and_preferences() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from a11y_proxy.hosts import Allowlist, parse_host_pattern
    from a11y_proxy.pipeline import render_html
    from a11y_proxy.prefs import Prefs

    page = render_html(
        b"<p>x</p>",
        "text/html",
        url="http://www.x.gov.cn/a.html?q=1",
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
        prefs=Prefs(theme="black-yellow", size=150),
    ).body.decode()
    img = LexborHTMLParser(page).css_first(".a11y-proxy-qr img")
    target = parse_qs(urlsplit(img.attrs["src"]).query)["url"][0]
    assert (
        target
        == "/elder/http://www.x.gov.cn/a.html?q=1&__a11y_theme=black-yellow&__a11y_size=150&__a11y_spacing=0"
    )
    assert img.attrs["alt"] == "二维码:请用手机扫码访问本页适老版"
