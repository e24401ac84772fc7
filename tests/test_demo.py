"""``a11y-proxy demo`` end to end: the real command, real sockets, the GBK demo portal."""

from __future__ import annotations

import io
import re

import httpx
import zxingcpp
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.demo.site import ARTICLE_PATH, LIST_PATH, REAL_SITE
from tests.conftest import reader_script_nonce


def test_article_is_served_in_utf8_with_gbk_only_characters_and_tables(demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    r = httpx.get(base + ARTICLE_PATH)
    assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    assert "联系人:张喆" in r.text
    tree = LexborHTMLParser(r.text)
    tables = [t for t in tree.css("table.MsoNormalTable")]
    # Table 2's four stacked sub-tables are split into their own tables (issue #4).
    assert len(tables) == 6
    assert any(th.attrs.get("rowspan") == "22" for th in tables[4].css("th"))
    # No portal script: only the proxy's reader controls, by this response's nonce.
    reader_script_nonce(r.headers["content-security-policy"], r.text)
    assert tree.css_first("#a11y-proxy-bar a.a11y-proxy-original").attrs["href"].endswith(ARTICLE_PATH)


def test_front_page_links_stay_in_the_proxy(demo: tuple[str, str, str]) -> None:
    _, portal, base = demo
    r = httpx.get(base + "/")
    tree = LexborHTMLParser(r.text)
    # The proxy bar's mode links and the portal's own 适老版 switch lead to other modes.
    own = "#a11y-proxy-bar a, a.a11y-proxy-switch"
    hrefs = [a.attrs.get("href") or "" for a in tree.css("a[href]") if not a.css_matches(own)]
    internal = [h for h in hrefs if portal in h]
    assert internal and all(h.startswith("/a11y/" + portal) for h in internal)
    assert any(LIST_PATH in h for h in hrefs)
    (switch,) = tree.css("a.a11y-proxy-switch")
    assert switch.text() == "适老版" and switch.attrs.get("href") == f"/elder/{portal}/"


def test_the_front_pages_news_lists_read_title_first_in_elder_and_text_modes(
    demo: tuple[str, str, str],
) -> None:
    # The portal writes each item date first and floats the date right.
    proxy, portal, _ = demo
    for mode in ("elder", "text"):
        tree = LexborHTMLParser(httpx.get(f"{proxy}/{mode}/{portal}/").text)
        items = tree.css("li:has(span.date)")
        assert items, mode
        for item in items:
            assert [n.tag for n in item.iter() if n.tag != "-text"] == ["a", "span"], (mode, item.html)


def test_search_form_reaches_the_gbk_portal_in_gbk(demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    tree = LexborHTMLParser(httpx.get(base + "/").text)
    form = tree.css_first("form[name=searchform]")
    action = form.attrs["action"]
    hidden = {i.attrs["name"]: i.attrs.get("value", "") for i in form.css("input[type=hidden]")}
    proxy = base.split("/a11y/")[0]
    r = httpx.get(proxy + action, params={"keyword": "年度报告", **hidden})
    assert r.status_code == 200
    assert re.search(r'id="keyword">年度报告<', r.text)
    assert 'id="count">3<' in r.text


def test_post_form_is_forwarded_in_the_portals_encoding(demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    tree = LexborHTMLParser(httpx.get(base + "/").text)
    form = tree.css_first("form[method=post]")
    hidden = {i.attrs["name"]: i.attrs.get("value", "") for i in form.css("input[type=hidden]")}
    proxy = base.split("/a11y/")[0]
    r = httpx.post(proxy + form.attrs["action"], data={"title": "路灯不亮", "content": "请修理", **hidden})
    assert r.status_code == 200
    assert "留言“路灯不亮”提交成功" in r.text


def test_redirect_lands_on_the_proxied_final_url(demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    r = httpx.get(base + "/zwgk/old-report.html")
    assert r.status_code == 302 and r.headers["location"].endswith(ARTICLE_PATH)


def test_a_column_folder_serves_its_index_page_as_a_portals_web_server_does(
    demo: tuple[str, str, str],
) -> None:
    _, portal, base = demo
    folder = LIST_PATH.removesuffix("index.html")
    r = httpx.get(base + folder)
    assert r.status_code == 200 and "政府信息公开年报" in r.text
    r = httpx.get(base + folder.rstrip("/"))
    assert r.status_code == 302 and r.headers["location"].endswith(f"/a11y/{portal}{folder}")


def test_pdf_streams_with_range_and_stylesheet_is_rewritten(demo: tuple[str, str, str]) -> None:
    _, portal, base = demo
    whole = httpx.get(base + "/files/2021-report.pdf")
    assert whole.status_code == 200 and whole.content.startswith(b"%PDF-1.4")
    assert whole.headers["content-disposition"].startswith("inline")
    part = httpx.get(base + "/files/2021-report.pdf", headers={"Range": "bytes=0-7"})
    assert part.status_code == 206 and part.content == b"%PDF-1.4"
    css = httpx.get(base + "/css/style.css")
    assert f'url("/a11y/{portal}/images/bg.png")' in css.text and "宋体" in css.text
    assert httpx.get(base + "/js/jquery.min.js").status_code == 415


def test_the_list_pages_linked_only_by_the_portals_script_are_reached_in_every_mode(
    demo: tuple[str, str, str],
) -> None:
    # The demo column writes its pager with TRS's createPageHTML: without the proxy's
    # own pager a reader would see page 1 and never the older reports.
    _, portal, base = demo
    proxy = base.split("/a11y/")[0]
    for mode in ("a11y", "elder", "text"):
        first = LexborHTMLParser(httpx.get(f"{proxy}/{mode}/{portal}{LIST_PATH}").text)
        nav = first.css_first("nav.a11y-proxy-pager[aria-label=分页]")
        assert nav is not None, mode
        assert first.css_first("script:not([nonce])") is None
        following = nav.css_first("a[rel=next]").attrs["href"]
        assert following == f"/{mode}/{portal}{LIST_PATH.replace('index.html', 'index_1.html')}"
        second = LexborHTMLParser(httpx.get(proxy + following).text)
        assert "关于2016年度政府信息公开工作年度报告" in second.body.text(), mode
        current = second.css_first("nav.a11y-proxy-pager [aria-current=page]")
        assert current.text() == "2" and second.css_first("nav.a11y-proxy-pager a[rel=prev]") is not None


def test_the_portals_pictures_show_what_a_real_portals_do_and_are_served_sandboxed(
    demo: tuple[str, str, str],
) -> None:
    """Its logo and banners are pictures of words (named by the proxy), its phone
    code a code a phone reads, leading to the real portal, as the portal's own does."""
    _, _, base = demo
    logo = httpx.get(base + "/images/logo.svg")
    assert logo.headers["content-type"] == "image/svg+xml"
    assert "sandbox" in logo.headers["content-security-policy"]
    assert "智慧昆都仑" in logo.text and "<script" not in logo.text
    code = httpx.get(base + "/images/qrcode.png")
    (read,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.content)))
    assert read.text == REAL_SITE
    front = LexborHTMLParser(httpx.get(base + "/").text)
    assert [img.attrs.get("alt") for img in front.css('img[src*="banner-"]')] == ["政务公开", "政务服务"]
