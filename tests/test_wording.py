from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.modes import Mode
from a11y_proxy.pipeline import render_html
from a11y_proxy.wording import chinese_page, say
from tests.voices import chinese_heard_in_english, language


@pytest.mark.parametrize(
    ("html", "chinese"),
    [
        ('<html lang="zh-CN">', True),
        ('<html lang="zh">', True),
        ('<html lang="ZH-Hant-TW">', True),
        ("<html>", True),  # not declared: the portal's Chinese
        ('<html lang="en">', False),
        ('<html lang="en-US">', False),
        ('<html lang="pt">', False),
        ('<html lang="zhx">', False),  # a code that is not Chinese's
    ],
)
def test_a_page_is_chinese_by_its_declared_language(html: str, chinese: bool) -> None:
    tree = LexborHTMLParser(html + "<body>x</body></html>")
    assert chinese_page(tree) is chinese
    assert say(tree, "搜索", "Search") == ("搜索" if chinese else "Search")


_ENGLISH_PAGE = (
    "<html><head><title>Passenger statistics</title></head><body>"
    '<div class="header"><a href="/" target="_blank" aria-label="Civil Aviation Authority">'
    '<img src="/logo.png" alt=""></a></div>'
    "<h1>Passenger statistics</h1>"
    "<p>Monthly figures of passengers arriving and departing at the international airport, "
    "by airline and by route, as reported by the operators for the year.</p>"
    '<iframe src="/chart.html" width="600" height="400"></iframe>'
    '<form action="/search" target="_blank"><input name="q" title="Search words">'
    '<input type="image" src="/go.png"></form>'
    '<form action="/apply" target="_blank"><input name="who" title="Your name">'
    '<input type="image" src="/send.png"></form>'
    '<video src="/v.mp4"></video>'
    "</body></html>"
)


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_a_page_found_english_is_named_in_english_from_the_first_pass_on(mode: Mode) -> None:
    # The page declares no language: the language pass must declare it before
    # clutter titles the frame it keeps, and the names the later passes add to
    # a name already there (a new window) are English too.
    page = render_html(
        _ENGLISH_PAGE.encode(),
        "text/html",
        url="http://www.x.gov.cn/p.html",
        mode=mode,
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    )
    tree = LexborHTMLParser(page.body.decode())
    assert language(tree.css_first("html")).startswith("en")
    assert chinese_heard_in_english(tree) == []
    if mode == "a11y":
        assert tree.css_first("iframe").attrs["title"] == "Embedded page"
        home = tree.css_first(".header a")
        assert home.attrs["aria-label"] == "Civil Aviation Authority (opens in a new window)"
        search, apply = (form.css_first("input[type=image]") for form in tree.css("form"))
        assert search.attrs["aria-label"] == "Search (opens in a new window)"
        assert apply.attrs["aria-label"] == "Submit (opens in a new window)"
    if mode == "text":
        assert "[Video]" in tree.body.text()  # type: ignore[union-attr]
        search, apply = (form.css_first("input[type=submit]") for form in tree.css("form"))
        assert search.attrs["value"] == "Search" and apply.attrs["value"] == "Submit"
