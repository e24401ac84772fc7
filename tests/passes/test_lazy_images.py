from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.passes import images, lazy_images, rewrite_links
from a11y_proxy.pipeline import render_html
from tests.passes.helpers import run_pass, run_passes


def srcs(html: str) -> list[str | None]:
    tree, _ = run_pass(lazy_images.run, html)
    return [img.attrs.get("src") for img in tree.css("img")]


def test_the_address_a_lazy_loader_kept_becomes_the_pictures_src() -> None:
    html = (
        '<img class="lazy" src="/images/loading.gif" data-original="/upload/2024/a.jpg" alt="开幕式">'
        '<img data-src="b.jpg" alt="">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="/c.png">'
        '<img src="/skin/grey.gif" data-echo="//img.x.gov.cn/d.jpg">'
    )
    assert srcs(html) == ["/upload/2024/a.jpg", "b.jpg", "/c.png", "//img.x.gov.cn/d.jpg"]


def test_a_picture_shown_already_keeps_its_src_and_a_non_address_is_not_taken() -> None:
    html = (
        '<img src="/thumb/a_s.jpg" data-original="/big/a.jpg">'
        '<img src="/i/loading.gif" data-src="true" data-original="/real.jpg">'
        '<img src="/i/blank.gif" data-src="123">'
    )
    assert srcs(html) == ["/thumb/a_s.jpg", "/real.jpg", "/i/blank.gif"]


def test_a_lazy_srcset_is_the_srcset_and_is_pointed_through_the_proxy() -> None:
    html = (
        '<picture><source data-srcset="/p/a.webp 1x, /p/a@2x.webp 2x" type="image/webp">'
        '<img src="/i/lazy.png" data-src="/p/a.jpg" data-srcset="/p/a.jpg 1x" alt="图为会场"></picture>'
    )
    tree, _ = run_passes((lazy_images.run, rewrite_links.run, images.run), html)
    img = tree.css_first("img")
    assert img is not None and img.attrs["src"] == "/a11y/http://www.x.gov.cn/p/a.jpg"
    assert img.attrs["srcset"] == "/a11y/http://www.x.gov.cn/p/a.jpg 1x"
    assert tree.css_first("source").attrs["srcset"].startswith("/a11y/http://www.x.gov.cn/p/a.webp 1x")  # type: ignore[union-attr]


def test_through_the_pipeline_the_picture_is_the_real_one_in_every_mode() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>通知</title></head><body><div class="article">'
        "<h1>关于举办书画展的通知</h1>"
        '<p><img src="/images/loading.gif" data-original="/upload/zhanlan.jpg" alt="展览现场"></p>'
        "<p>" + "展览于九月二十九日开幕，展出作品五十幅。" * 8 + "</p></div></body></html>"
    ).encode()
    for mode in ("a11y", "elder"):
        out = render_html(
            page,
            "text/html",
            url="http://www.x.gov.cn/tzgg/t1.html",
            mode=mode,
            allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
        ).body.decode()
        img = LexborHTMLParser(out).css_first("main img")
        assert img is not None and img.attrs["src"] == f"/{mode}/http://www.x.gov.cn/upload/zhanlan.jpg", mode
