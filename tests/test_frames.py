"""A frameset page unfolds into a page of links to its frames, in every mode."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.frames import unfold
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.modes import MODES
from a11y_proxy.pipeline import render_html

URL = "http://www.x.gov.cn/zwgk/index.html"
FRAMESET = (
    "<html><head><title>某某县人民政府信息公开</title><script>alert(1)</script></head>"
    '<frameset rows="120,*" frameborder="0"><frame src="top.html" name="topFrame">'
    '<frameset cols="200,*"><frame src="/menu.jsp?id=1" name="leftFrame" onload="x()">'
    '<frame src="about:blank" name="blank"><frame src="javascript:void(0)" name="js">'
    '<frame src="list.html" title="信息公开目录" name="mainFrame"><frame src="http://www.x.gov.cn/a.html" name="rightFrame">'
    '<frame src="https://evil.example.com/x.html" name="mainFrame2"></frameset>'
    "<noframes><body>您的浏览器不支持框架。</body></noframes></frameset></html>"
)


def render(html: str, mode: str) -> LexborHTMLParser:
    out = render_html(
        html.encode(),
        "text/html",
        url=URL,
        mode=mode,
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    )
    return LexborHTMLParser(out.body.decode())


def test_a_page_with_a_body_is_left_as_it_is() -> None:
    assert unfold(LexborHTMLParser("<html><body><frame src=a.html><p>x</p></body></html>")) is None


def test_the_frames_become_links_named_by_title_then_by_what_their_name_says_then_by_place() -> None:
    html = unfold(LexborHTMLParser(FRAMESET))
    assert html is not None
    tree = LexborHTMLParser(html)
    assert tree.css_first("frameset, frame, noframes") is None
    assert tree.css_first("h1").text() == "某某县人民政府信息公开"
    links = [(a.attrs["href"], a.text()) for a in tree.css("li a")]
    # In the page's order; nothing for the blank and the script frames.
    assert links == [
        ("top.html", "页头部分"),
        ("/menu.jsp?id=1", "导航部分"),
        ("list.html", "信息公开目录"),
        ("http://www.x.gov.cn/a.html", "第 4 部分"),
        ("https://evil.example.com/x.html", "主要内容部分"),
    ]
    assert "6 个部分" not in html and "5 个部分" in html
    # The head stays for the passes (its scripts go there, like any page's).
    assert tree.css_first("head title") is not None


def test_a_frameset_with_nothing_to_open_says_so() -> None:
    html = unfold(LexborHTMLParser('<html><frameset cols="*"><frame src="about:blank"></frameset></html>'))
    assert html is not None and "没有可以打开的内容" in html
    assert LexborHTMLParser(html).css_first("h1").text() == "网页框架"


@pytest.mark.parametrize("mode", MODES)
def test_a_frameset_page_is_read_as_a_page_of_links_inside_the_proxy(mode: str) -> None:
    tree = render(FRAMESET, mode)
    assert tree.css_first("frameset, frame, script") is None
    assert tree.css_first("html").attrs.get("lang") == "zh-CN"
    main = tree.css_first("main")
    assert main is not None and main.css_first("h1").text() == "某某县人民政府信息公开"
    hrefs = [a.attrs["href"] for a in main.css("li a")]
    assert hrefs[:4] == [
        f"/{mode}/http://www.x.gov.cn/zwgk/top.html",
        f"/{mode}/http://www.x.gov.cn/menu.jsp?id=1",
        f"/{mode}/http://www.x.gov.cn/zwgk/list.html",
        f"/{mode}/http://www.x.gov.cn/a.html",
    ]
    # A frame from a site not served stays direct and says it leaves.
    leaving = main.css("li a")[4]
    assert leaving.attrs["href"] == "https://evil.example.com/x.html" and "外部网站" in leaving.text()
    # The page has what every proxied page has: the skip link to its content, the phone code.
    assert tree.css_first("a.a11y-proxy-skip").attrs["href"] == f"#{main.attrs['id']}"
    assert tree.css_first(".a11y-proxy-qr img") is not None


def test_script_and_data_frames_are_left_out_and_names_stay_text() -> None:
    hostile = (
        '<html><frameset><frame src="data:text/html,<script>alert(1)</script>">'
        '<frame src=" JaVaScript:alert(1)"><frame src="vbscript:msgbox(1)">'
        '<frame src="list.html" title="&quot;><img src=x onerror=alert(1)>"></frameset></html>'
    )
    html = unfold(LexborHTMLParser(hostile))
    assert html is not None
    tree = LexborHTMLParser(html)
    assert [a.attrs["href"] for a in tree.css("a")] == ["list.html"]
    assert tree.css_first("[onerror], img, script") is None
    assert tree.css_first("a").text() == '"><img src=x onerror=alert(1)>'
