from __future__ import annotations

import pytest

from a11y_proxy.passes import rewrite_links, script_redirects
from tests.passes.helpers import run_passes


def redirect_of(html: str) -> tuple[list[str], list[str]]:
    """The refresh contents and the links a page ends with, through this pass and the link rewriter."""
    tree, _ = run_passes((script_redirects.run, rewrite_links.run), html)
    refresh = [m.attrs.get("content") or "" for m in tree.css('meta[http-equiv="refresh"]')]
    return refresh, [a.attrs.get("href") or "" for a in tree.css("body a")]


@pytest.mark.parametrize(
    "script",
    [
        '<script type="text/javascript">\n<!--\n  // 跳转到首页\n  window.location.href = "/col/col1/index.html";\n//-->\n</script>',
        "<script>location.replace('/col/col1/index.html')</script>",
        "<script>top.location = '/col/col1/index.html';</script>",
        '<script type="module">/* 新首页 */ document.location.href="/col/col1/index.html"</script>',
    ],
)
def test_a_page_only_its_script_sends_on_leads_on_through_the_proxy(script: str) -> None:
    refresh, links = redirect_of(
        f"<html><head><title>某某市人民政府</title>{script}</head><body></body></html>"
    )
    target = "/a11y/http://www.x.gov.cn/col/col1/index.html"
    assert refresh == [f"0;url={target}"]
    assert links == [target]


def test_a_body_onload_that_only_navigates_leads_on_too() -> None:
    refresh, links = redirect_of("<body onload=\"location.href='m/index.html'\"></body>")
    assert refresh == ["0;url=/a11y/http://www.x.gov.cn/zwgk/m/index.html"] and len(links) == 1


@pytest.mark.parametrize(
    "script",
    [
        # Conditional: a phone check, a frame breaker.
        "<script>if (/Android|iPhone/i.test(navigator.userAgent)) location.href = '/m/';</script>",
        "<script>if (top != self) top.location = self.location;</script>",
        # Built in script, or more than the navigation.
        "<script>var u = '/col/col' + id + '/'; location.href = u;</script>",
        "<script>count(); location.href = '/a.html';</script>",
        # A new window is a pop-up, not the page moving on; a script from a file is not read.
        "<script>window.open('/ad.html')</script>",
        '<script src="/go.js">location.href = "/a.html"</script>',
        '<script type="text/template">location.href = "/a.html"</script>',
        "<script>location.href = 'javascript:void(0)'</script>",
    ],
)
def test_scripts_that_do_more_or_less_than_send_the_page_on_are_not_followed(script: str) -> None:
    assert redirect_of(f"<html><head>{script}</head><body><p>正文</p></body></html>") == ([], [])


def test_a_redirect_off_the_proxy_keeps_only_its_link_marked_as_leaving() -> None:
    tree, _ = run_passes(
        (script_redirects.run, rewrite_links.run),
        "<script>location.href = 'https://www.evil.example.com/'</script><body></body>",
    )
    assert tree.css_first('meta[http-equiv="refresh"]') is None
    link = tree.css_first("body a")
    assert link.attrs["href"] == "https://www.evil.example.com/" and "外部网站" in link.text()
