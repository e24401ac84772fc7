"""Nothing from upstream runs, in any mode: a battery of script vectors through the whole pipeline.

``tests/fixtures/xss-battery.html`` carries the usual ways of getting script
into a page (OWASP's filter-evasion list, SVG and MathML, CSS expressions
and bindings, ``srcdoc``, ``data:`` documents, meta refresh, conditional
comments). After the proxy, the only script in the page is its own loader,
no attribute is an event handler, and no URL can run script: ``data:``
survives only as an image inside ``<img>``, where browsers run no script.
The browser half (tests/browser/test_no_upstream_script.py) loads the page
and interacts with it, and checks that nothing ran.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.pipeline import render_html
from tests.conftest import FIXTURES

BATTERY = (FIXTURES / "xss-battery.html").read_bytes()
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|livescript|data)\s*:", re.I)
CSS_SCRIPT = re.compile(r"expression\s*\(|javascript\s*:|vbscript\s*:|behavior\s*:|-moz-binding", re.I)


def render(mode: str) -> str:
    page = render_html(
        BATTERY,
        "text/html; charset=utf-8",
        url="http://www.x.gov.cn/xss.html",
        mode=mode,  # type: ignore[arg-type]
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    )
    return page.body.decode()


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_no_script_survives_rendering(mode: str) -> None:
    html = render(mode)
    tree = LexborHTMLParser(html)
    assert tree.css("script") == []  # the reader's own tag is added per response
    assert not [n.tag for n in tree.root.traverse() if (n.tag or "").lower() in ("set", "animate")]  # type: ignore[union-attr]


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_no_handler_no_srcdoc_no_script_url_anywhere(mode: str) -> None:
    tree = LexborHTMLParser(render(mode))
    for node in tree.root.traverse() if tree.root else []:
        for name, value in (node.attributes or {}).items():
            lname = name.lower()
            assert not lname.startswith("on"), (node.tag, name)
            assert lname not in ("srcdoc", "formaction") or not value or not SCRIPT_URL.match(value), (
                node.tag,
                name,
            )
            assert lname != "srcdoc", node.tag
            if value and SCRIPT_URL.match(unquote(value)):
                # data: only as an image, where browsers never run script.
                assert node.tag == "img" and lname in ("src", "srcset") and value.startswith("data:image/"), (
                    node.tag,
                    name,
                    value[:80],
                )
            if lname == "style" and value:
                assert not CSS_SCRIPT.search(value), (node.tag, value)
    for style in tree.css("style"):
        assert not CSS_SCRIPT.search(style.text()), style.text()[:200]
    for meta in tree.css("meta[http-equiv]"):
        assert (meta.attrs.get("http-equiv") or "").lower() not in (
            "refresh",
            "content-security-policy",
            "set-cookie",
        )
    assert tree.css_first("base") is None
    assert not tree.css("iframe[src^='data:'], object[data^='data:'], embed[src^='data:']")


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_the_content_is_still_there(mode: str) -> None:
    html = render(mode)
    assert "一段正文" in html and "结束。" in html
