from __future__ import annotations

import pytest

from a11y_proxy.passes import script_links
from a11y_proxy.passes.script_links import destination
from tests.passes.helpers import run_pass


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("window.open('/zwgk/a.html')", ("/zwgk/a.html", True)),
        ("javascript:window.open('http://www.gov.cn/','_blank')", ("http://www.gov.cn/", True)),
        ("window.open('/a.html','_self')", ("/a.html", False)),
        ("window.open('/f.html').focus();", ("/f.html", True)),
        ("location.href='/b.html';return false;", ("/b.html", False)),
        ("top.location = '/c.html'", ("/c.html", False)),
        ('document.location.href="/g.html"', ("/g.html", False)),
        ("window.location.assign('/d.html')", ("/d.html", False)),
        ("location.replace('t2021_5.html');", ("t2021_5.html", False)),
    ],
)
def test_one_literal_navigation_gives_its_address(script: str, expected: tuple[str, bool]) -> None:
    assert destination(script) == expected


@pytest.mark.parametrize(
    "script",
    [
        "window.open('/x?id=' + id)",  # built in script
        "location.href='${path}/x'",  # a template the server never filled
        "location.href='<%=ctx%>/x'",
        "window.open('javascript:alert(1)')",
        "location.href='data:text/html,x'",
        "openWin('/e.html')",  # the portal's own function: what it does is not in the page
        "if (ok) location.href='/a.html'",
        "location.href='/a.html'; track()",
        "window.open(url)",
    ],
)
def test_anything_else_is_not_guessed_at(script: str) -> None:
    assert destination(script) is None


def test_a_link_that_went_nowhere_without_its_script_leads_there_again() -> None:
    html = (
        '<a href="javascript:void(0);" onclick="window.open(\'/zwgk/t1.html\')">关于开展价格监测的通知</a>'
        "<a href=\"javascript:location.href='/zwgk/t2.html'\">第二条</a>"
        '<a href="/zwgk/t3.html" onclick="window.open(\'/count?id=3\')">第三条</a>'
    )
    tree, _ = run_pass(script_links.run, html)
    links = tree.css("a")
    assert [a.attrs.get("href") for a in links] == ["/zwgk/t1.html", "/zwgk/t2.html", "/zwgk/t3.html"]
    assert [a.attrs.get("target") for a in links] == ["_blank", None, None]


def test_an_element_made_clickable_whole_becomes_a_link_around_its_content() -> None:
    html = (
        "<ul><li onclick=\"location.href='/zwgk/t4.html'\"><span>通知公告</span> 2021-01-05</li></ul>"
        '<img src="/b.png" alt="专题" onclick="window.open(\'/zt/index.html\')">'
        '<div onclick="location.href=\'/x.html\'"><a href="/y.html">已是链接</a></div>'
    )
    tree, _ = run_pass(script_links.run, html)
    li_link = tree.css_first("li > a")
    assert li_link.attrs["href"] == "/zwgk/t4.html" and li_link.text() == "通知公告 2021-01-05"
    assert tree.css_first("a[target=_blank] > img[alt=专题]").parent.attrs["href"] == "/zt/index.html"
    assert [a.attrs["href"] for a in tree.css("div a")] == ["/y.html"]  # no link inside a link


def test_through_the_pipeline_the_link_goes_through_the_proxy_without_its_handler() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from a11y_proxy.demo import site
    from a11y_proxy.hosts import Allowlist, parse_host_pattern
    from a11y_proxy.pipeline import render_html

    for mode, target in (("a11y", "_blank"), ("elder", None), ("text", None)):
        out = render_html(
            site.index_page().encode("gbk"),
            "text/html",
            url="http://127.0.0.1:8081/",
            mode=mode,
            allowlist=Allowlist((parse_host_pattern("127.0.0.1:8081"),)),
        ).body.decode()
        link = next(
            a for a in LexborHTMLParser(out).css("a") if a.text().startswith("昆都仑区人民政府 关于2021年度")
        )
        assert link.attrs["href"] == f"/{mode}/http://127.0.0.1:8081{site.ARTICLE_PATH}", mode
        assert link.attrs.get("target") == target and "onclick" not in link.attrs
        assert ("在新窗口打开" in link.text()) == (mode == "a11y")
