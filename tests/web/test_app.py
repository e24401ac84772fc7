"""The proxy's own endpoints: landing page, /go, /healthz, static files, unknown paths."""

from __future__ import annotations

import pytest

from a11y_proxy.config import settings_from_mapping
from tests.conftest import proxy_client

SETTINGS = settings_from_mapping(
    {
        "upstream": {"allowed_hosts": ["www.kundulun.gov.cn"]},
        "sites": [
            {
                "host": "www.kundulun.gov.cn",
                "name": "包头市昆都仑区人民政府",
                "start_url": "https://www.kundulun.gov.cn/",
            }
        ],
    }
)

pytestmark = pytest.mark.anyio


async def test_landing_page_is_chinese_first_with_url_box_and_sites() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/")
    assert r.status_code == 200
    html = r.text
    assert '<html lang="zh-CN">' in html
    assert html.index("无障碍浏览") < html.index("Accessible browsing")
    assert '<input id="go-url" name="url"' in html and '<label for="go-url">' in html
    assert "包头市昆都仑区人民政府" in html
    assert 'href="/elder/https://www.kundulun.gov.cn/"' in html
    assert "<script" not in html
    assert "script-src 'none'" in r.headers["content-security-policy"]


async def test_go_redirects_to_the_proxy_path() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/go", params={"url": "www.kundulun.gov.cn/zwgk/?a=1", "mode": "elder"})
        assert r.status_code == 303
        assert r.headers["location"] == "/elder/http://www.kundulun.gov.cn/zwgk/?a=1"
        bad = await client.get("/go", params={"url": "javascript:alert(1)"})
        assert bad.status_code == 400


async def test_scheme_less_and_collapsed_urls_redirect_to_the_canonical_form() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/a11y/https:/www.kundulun.gov.cn/zwgk/")
        assert r.status_code == 308
        assert r.headers["location"] == "/a11y/https://www.kundulun.gov.cn/zwgk/"


async def test_healthz_answers_without_touching_upstream() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


async def test_unknown_paths_get_an_explanatory_404() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/nonsense/path")
    assert r.status_code == 404
    assert "/a11y/https://www.example.gov.cn/" in r.text


async def test_static_stylesheet_is_served() -> None:
    async with proxy_client(SETTINGS) as client:
        r = await client.get("/static/proxy.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert ".a11y-proxy-bar" in r.text


async def test_error_pages_name_their_main_landmark_by_their_heading() -> None:
    """Shown in a portal's frame, an error page is a second main landmark on the screen."""
    from selectolax.lexbor import LexborHTMLParser

    async with proxy_client(SETTINGS) as client:
        refused = await client.get("/a11y/http://evil.example.com/")
        unknown = await client.get("/nonsense/path")
    for r, heading in ((refused, "不提供"), (unknown, "没有这个页面")):
        tree = LexborHTMLParser(r.text)
        main = tree.css_first("main")
        named_by = tree.css_first(f"#{main.attrs['aria-labelledby']}")
        assert named_by is not None and named_by.tag == "h1" and heading in named_by.text()
