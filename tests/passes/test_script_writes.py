from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.context import PageContext
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.passes import script_writes
from a11y_proxy.pipeline import render_html

PAGE = (
    '<html><head><title>通知</title></head><body><script src="/script/0/head.js"></script>'
    "<div class=main><h1>关于年度报告的通知</h1><p>正文。</p></div>"
    '<script src="/script/0/foot.js"></script><script src="/other.js"></script></body></html>'
)
HEAD = "<div class='nav'><a href='/col/1/index.html'>政务公开</a></div>\n"
FOOT = "<div class='footer'>主办单位:某某市人民政府<script>alert(1)</script></div>"


def written_into(page: str, writes: dict[str, str]) -> LexborHTMLParser:
    """The page after this pass, with what its scripts write."""
    tree = LexborHTMLParser(page)
    ctx = PageContext(
        url="http://www.x.gov.cn/a.html", mode="a11y", allowlist=Allowlist(()), script_writes=writes
    )
    script_writes.run(tree, ctx)
    return tree


def test_each_script_is_replaced_by_what_it_writes_in_its_place() -> None:
    tree = written_into(PAGE, {"/script/0/head.js": HEAD, "/script/0/foot.js": FOOT})
    body = tree.body
    assert body is not None
    tags = [n.tag for n in body.iter()]
    assert tags == ["div", "div", "div", "script"]  # nav, main, footer, the script nobody wrote
    assert tree.css_first("script[src]").attrs["src"] == "/other.js"
    assert tree.css_first(".nav a").text() == "政务公开"


def test_what_a_script_wrote_goes_through_every_pass_like_the_page() -> None:
    out = render_html(
        PAGE.encode(),
        "text/html",
        url="http://www.x.gov.cn/a.html",
        mode="a11y",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
        written={"/script/0/head.js": HEAD, "/script/0/foot.js": FOOT},
    ).body.decode()
    tree = LexborHTMLParser(out)
    # The menu it wrote leads through the proxy; the script inside what it wrote is gone.
    assert tree.css_first("a[href='/a11y/http://www.x.gov.cn/col/1/index.html']") is not None
    assert "主办单位" in out and "alert(1)" not in out


def test_what_a_head_script_writes_for_the_body_starts_the_body() -> None:
    # HTML "in head": a <div> ends the head and starts the body; a <style> stays where it is.
    page = (
        '<html><head><meta charset="utf-8"><script src="/h.js"></script><title>通知</title></head>'
        "<body><p>正文</p></body></html>"
    )
    tree = written_into(
        page, {"/h.js": "<style>.nav{}</style>\n<div class='nav'>菜单</div><ul><li>一</li></ul>"}
    )
    head, body = tree.head, tree.body
    assert head is not None and body is not None
    assert [n.tag for n in head.iter()] == ["meta", "style", "title"]
    assert [n.tag for n in body.iter()] == ["div", "ul", "p"]


def test_what_a_script_wrote_is_marked_for_the_main_content_finder() -> None:
    from a11y_proxy.main_content import WRITTEN_MARK

    tree = written_into(
        '<body><div id="side"><script src="/js/box.js"></script></div></body>',
        {"/js/box.js": '<div class="box"><ul><li><a href="/zt/">专题</a></li></ul></div>text'},
    )
    box = tree.css_first("#side > .box")
    assert box is not None and WRITTEN_MARK in box.attrs
