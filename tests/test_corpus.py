"""Real portal pages through the real proxy, from a real upstream server on 127.0.0.1."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from a11y_proxy.charset import decode_html
from a11y_proxy.modes import Mode
from a11y_proxy.passes.tables import LAYOUT_MARK
from tests.conftest import CORPUS, UpstreamServer, proxy_client, reader_script_nonce, render_corpus_page
from tests.linkcheck import PROXY_ADDED, page_urls, resolve_against
from tests.voices import chinese_heard_in_english, language

PAGES = sorted(p.name for p in CORPUS.glob("*.htm*"))
PROXY = "http://proxy.test"

pytestmark = pytest.mark.anyio


def _serve(upstream: UpstreamServer, name: str) -> str:
    # As the portals serve them: GB2312 pages with a bare text/html header,
    # so only their <meta> names the charset.
    return upstream.add(f"/corpus/{name}", (CORPUS / name).read_bytes(), content_type="text/html")


def _visible_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css(f"script, style, noscript, template, {PROXY_ADDED}"):
        node.decompose()
    body = tree.body
    return re.sub(r"\s+", "", body.text(deep=True) if body is not None else "")


@pytest.mark.parametrize("name", PAGES)
async def test_every_url_on_a_corpus_page_stays_in_the_proxy_or_is_marked_external(
    name: str, upstream: UpstreamServer, upstream_settings: object
) -> None:
    url = _serve(upstream, name)
    async with proxy_client(upstream_settings) as client:  # type: ignore[arg-type]
        r = await client.get(f"/a11y/{url}")
    assert r.status_code == 200
    html = r.text
    # The only script is the proxy's own reader, by this response's nonce.
    assert html.lower().count("<script") == 1
    reader_script_nonce(r.headers["content-security-policy"], html)
    tree = LexborHTMLParser(html)
    external_ids = {n.mem_id for n in tree.css("[data-a11y-external]")}
    page_url = f"{PROXY}/a11y/{url}"
    for tag, attr, value in page_urls(html):
        absolute = resolve_against(page_url, value)
        if absolute.startswith(f"{PROXY}/"):
            path = absolute[len(PROXY) :]
            assert path.startswith(("/a11y/", "/static/", "/themes/", "/qr?")), f"{tag}@{attr}={value!r}"
            continue
        if absolute.startswith(("mailto:", "tel:", "data:image/", "about:invalid")):
            continue
        # Anything else must be a navigation marked as leaving the proxy.
        assert tag in ("a", "area", "form"), f"{tag}@{attr}={value!r} leaves the proxy unmarked"
    for switch in tree.css("a.a11y-proxy-switch"):
        # The portal's own 长者模式/无障碍浏览 switch: this page, in another of the proxy's modes.
        assert switch.attrs.get("href") in (f"/elder/{url}", f"/text/{url}"), switch.html
    for node in tree.css("a[href^='http']"):
        if node.parent is not None and node.css_matches("#a11y-proxy-bar a"):
            continue
        assert node.mem_id in external_ids or node.attrs.get("class") == "a11y-proxy-original"
        # Says it leaves: "(外部网站,将离开无障碍浏览)", or for the original page "(将离开无障碍浏览)".
        assert "将离开无障碍浏览" in node.text(deep=True)


@pytest.mark.parametrize("name", ["stats-qhdm-2018-index-gb2312.html", "stats-qhdm-2018-110101-gb2312.html"])
async def test_gbk_page_text_equals_the_original_decoded_correctly(
    name: str, upstream: UpstreamServer, upstream_settings: object
) -> None:
    url = _serve(upstream, name)
    async with proxy_client(upstream_settings) as client:  # type: ignore[arg-type]
        r = await client.get(f"/a11y/{url}")
    original = (CORPUS / name).read_bytes().decode("gb18030")
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert _visible_text(r.content.decode("utf-8")) == _visible_text(original)
    assert "\ufffd" not in r.text


async def test_utf16_page_with_a_lying_meta_is_served_as_utf8(
    upstream: UpstreamServer, upstream_settings: object
) -> None:
    name = "xiangtan-gov-utf16le-bom-declares-gb2312.html"
    url = _serve(upstream, name)
    async with proxy_client(upstream_settings) as client:  # type: ignore[arg-type]
        r = await client.get(f"/a11y/{url}")
    original = decode_html((CORPUS / name).read_bytes()).text
    # Every character decoded right; the proxy takes out only the article
    # toolbar and the share box that did nothing without the portal's script
    # (dead_controls), the caption of the code its script was to draw
    # (empty_sections), and the words of the comment forms' script buttons
    # (dead_forms).
    dead = (
        "【字体：大中小】",
        "【打印本页】【关闭窗口】",
        "分享到：",
        "扫一扫在手机打开当前页",
        "提交留言返回",
        "提交留言返回",
    )
    expected = _visible_text(original)
    for toolbar in dead:
        assert toolbar in expected
        expected = expected.replace(toolbar, "", 1)
    assert _visible_text(r.text) == expected
    assert '<meta charset="utf-8">' in r.text and 'charset="gb2312"' not in r.text


def _nearest_table(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


@pytest.mark.parametrize("name", PAGES)
def test_tables_stay_tables_and_data_tables_keep_their_headers_in_every_mode(name: str) -> None:
    """Layout tables become blocks in 适老版 and 纯文本, but never the rows and cells of a
    data table inside them (纯文本 once left <table>s full of divs, with no headers)."""
    data_headers: Counter[str] = Counter()
    for th in render_corpus_page(name, "a11y").css("th"):
        table = _nearest_table(th)
        if table is not None and LAYOUT_MARK not in table.attrs:
            data_headers[_norm_text(th)] += 1
    for mode in ("elder", "text"):
        tree = render_corpus_page(name, mode)
        for table in tree.css("table"):
            parts = {child.tag for child in table.iter()}
            assert parts <= {"caption", "colgroup", "thead", "tbody", "tfoot", "tr"}, (mode, parts)
            for row in table.css("tr"):
                if _nearest_table(row) is table:
                    assert {cell.tag for cell in row.iter()} <= {"td", "th"}, mode
        if mode == "text":  # the whole page, so every data table's headers
            kept = Counter(_norm_text(th) for th in tree.css("th"))
            assert not data_headers - kept, data_headers - kept


def _norm_text(node: Node) -> str:
    return re.sub(r"\s+", "", node.text(deep=True))


@pytest.mark.parametrize(
    ("name", "action", "sent"),
    [
        # nfra.gov.cn: a field and a 检索 button its script read and sent, on the portal itself.
        ("nfra-xzcf-merged-cells-rendered.html", "/cn/view/pages/index/jiansuo.html", ["keyWords"]),
        # gz.gov.cn: twice (header and phone layout), to the province's search engine, another site.
        (
            "gz-gov-article-mirror.html",
            "http://search.gd.gov.cn/search/local_msg/200001",
            ["position", "sort", "filterType", "filterId", "keywords"],
        ),
    ],
)
async def test_a_search_only_the_portals_script_sent_is_a_form_again(
    name: str, action: str, sent: list[str], upstream: UpstreamServer, upstream_settings: object
) -> None:
    url = _serve(upstream, name)
    async with proxy_client(upstream_settings) as client:  # type: ignore[arg-type]
        r = await client.get(f"/a11y/{url}")
    tree = LexborHTMLParser(r.text)
    forms = [f for f in tree.css("form") if (f.attrs.get("action") or "").endswith(action)]
    assert forms, [f.attrs.get("action") for f in tree.css("form")]
    for form in forms:
        assert form.attrs.get("method") == "get"
        assert [f.attrs.get("name") for f in form.css("input[name]")] == sent
        assert form.css_first("input[type=submit], button[type=submit]") is not None
        if action.startswith("http"):
            assert "data-a11y-external" in form.attrs and "外部网站" in form.html  # type: ignore[operator]
        else:
            assert form.attrs["action"] == f"/a11y/{url.split('/corpus/')[0]}{action}"


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
@pytest.mark.parametrize(
    "name", ["macau-caa-passenger-stats-saved.html", "sec-10q-computer-sales-multilevel-header.html"]
)
def test_an_english_page_says_no_chinese_words_in_an_english_voice(name: str, mode: Mode) -> None:
    """camacau.com's statistics (declares no language) and an SEC filing (lang="en"):
    every Chinese word of the page and of the proxy, in its text or in a name
    (a landmark's, a field's, a picture's), stands in an element marked Chinese,
    or the proxy's name is English: a screen reader picks the voice by lang
    (WCAG 3.1.2)."""
    tree = render_corpus_page(name, mode)
    assert language(tree.css_first("html")).startswith("en")
    assert chinese_heard_in_english(tree) == []


@pytest.mark.parametrize("mode", ["a11y", "text"])
def test_the_hot_topic_banners_are_named_with_the_titles_their_template_commented_out(mode: Mode) -> None:
    """stats.gov.cn's column page at its own address: the 热点专题 pictures have
    no words, and the TRS template comments out each one's title; a screen
    reader's list of links read "链接图片" eleven times (WCAG 2.4.4)."""
    tree = render_corpus_page(
        "stats-qhdm-column-page-trs.htm",
        mode,
        url="http://www.stats.gov.cn/tjsj/tjbz/tjyqhdmhcxhfdm/default.htm",
        allowed=("www.stats.gov.cn",),
    )
    if mode == "a11y":
        names = [img.attrs.get("alt") for img in tree.css('img[src*="/rdzt/"]')]
    else:
        names = [_norm_text(s).removeprefix("[图片:").removesuffix("]") for s in tree.css(".a11y-text-image")]
    for title in ("第五届中国统计开放日", '2014年全国"两会"服务', "第四次全国经济普查", "全国1%人口抽样调查"):
        assert title in names
    if mode == "a11y":
        # The three whose commented-out links have no words either keep the fallback.
        assert names.count("链接图片") == 3
