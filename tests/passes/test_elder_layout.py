from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.demo import site
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.passes import elder_layout, find_main, headings, images, script_pagers, tables
from a11y_proxy.pipeline import render_html
from tests.conftest import render_corpus_page
from tests.passes.helpers import PAGE, run_pass, run_passes


def chain(tree, ctx):  # type: ignore[no-untyped-def]
    for p in (find_main.run, headings.run, images.run, elder_layout.run):
        p(tree, ctx)


def test_elder_page_is_site_name_crumbs_main_and_menu_only() -> None:
    page_bytes = render_html(
        site.article_page().encode("gbk"),
        "text/html",
        url=PAGE,
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    ).body
    tree = LexborHTMLParser(page_bytes.decode())
    tree.css_first("#a11y-proxy-bar").decompose()
    tree.css_first(".a11y-proxy-qr").decompose()  # the proxy's own "continue on a phone" code
    page = tree.body.child
    assert page.attrs["class"] == "elder-page"
    order = [
        n.tag
        for n in page.css("header, nav, main")
        if n.parent is not None and n.parent.mem_id == page.mem_id
    ]
    assert order == ["header", "nav", "main", "nav"]
    crumbs = [a.text() for a in tree.css("nav.elder-crumbs a")]
    assert crumbs == ["首页", "政务公开", "政府信息公开年报"]
    menu = [a.text() for a in tree.css("nav.elder-menu a")]
    assert menu == ["首页", "政务公开", "政务服务", "互动交流", "走进昆都仑"]
    text = tree.body.text()
    assert "蒙ICP备" not in text and "请用手机" not in text and "关闭" not in text
    sheets = [link.attrs["href"] for link in tree.css('link[rel~="stylesheet"]')]
    assert sheets == ["/static/proxy.css", elder_layout.STYLESHEET, "/themes/steps.css"]
    assert tree.css_first("style") is None


def test_tables_scroll_in_a_labelled_focusable_region() -> None:
    tree, _ = run_pass(chain, site.article_page())
    regions = tree.css("main .a11y-table-scroll")
    assert len(regions) == 3
    for region in regions:
        assert (
            region.attrs["role"] == "region"
            and region.attrs["tabindex"] == "0"
            and region.attrs["aria-label"]
        )
        assert region.css_first("table") is not None
    assert tree.css_first("main [style], main [width], main font") is None
    assert tree.css_first("main td[rowspan='22']") is not None


def test_layout_tables_inside_the_content_are_linearised() -> None:
    html = (
        "<body><div class='TRS_Editor'><table><tr><td><table><tr><td><p>"
        + "正文" * 200
        + "</p></td><td>1</td></tr></table></td></tr></table></div></body>"
    )
    tree, _ = run_pass(chain, html)
    assert len(tree.css("main table")) == 1


def test_a_data_table_whose_cells_wrap_their_text_in_a_block_stays_a_table() -> None:
    """In the article column of a layout table, cells of the form <td><div>3</div></td>:
    "td div div" asked of the table matched through the blocks and the cell around it."""

    def passes(tree, ctx):  # type: ignore[no-untyped-def]
        for p in (find_main.run, tables.run, elder_layout.run):
            p(tree, ctx)

    rows = "".join(
        f"<tr><td><div>{a}</div></td><td><div>{b}</div></td><td><div>{c}</div></td></tr>"
        for a, b, c in (
            ("信息内容", "本年制发件数", "本年废止件数"),
            ("规章", "3", "0"),
            ("行政规范性文件", "12", "2"),
        )
    )
    html = (
        "<body><table><tr><td><a href='/'>首页</a></td><td><div class='TRS_Editor'><div><p>"
        + "二、主动公开政府信息情况。" * 20
        + f"</p><table border='1'>{rows}</table></div></div></td></tr></table></body>"
    )
    tree, _ = run_pass(passes, html)
    table = tree.css_first("main table")
    assert table is not None
    assert [th.text(deep=True) for th in table.css("th[scope=col]")] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
    ]


_FIXED_WIDTH_PORTAL = (
    '<html><head><meta name="viewport" content="width=1100"><META NAME="Viewport" content="width=1200">'
    "</head><body><div id=zoom><p>" + "本年度政府信息公开工作情况。" * 20 + "</p></div></body></html>"
)


def test_a_portals_fixed_width_viewport_gives_way_to_the_devices() -> None:
    """A phone would lay the page out 1,100 px wide and shrink it to a third."""
    tree, _ = run_pass(chain, _FIXED_WIDTH_PORTAL, mode="elder")
    assert [m.attrs["content"] for m in tree.css("meta[name=viewport i]")] == [
        "width=device-width, initial-scale=1"
    ]


def test_a_breadcrumb_inside_the_content_block_is_shown_once_above_it() -> None:
    html = (
        "<body><div class=main-content><ul class=path><li><a href='/'>首页</a></li>"
        "<li><span>&gt;</span> <a href='/yw/'>要闻</a></li><li><span>&gt;</span> 山西要闻</li></ul>"
        "<h1>山西品牌丝路行正式启动</h1><p>" + "跨越千山万水，行程近两万公里。" * 20 + "</p></div></body>"
    )
    tree, _ = run_pass(chain, html, mode="elder")
    assert [a.text() for a in tree.css("nav.elder-crumbs a")] == ["首页", "要闻"]
    main = tree.css_first("main")
    assert "要闻" not in main.text() and main.css_first("h1").text() == "山西品牌丝路行正式启动"


def test_a_breadcrumb_block_holding_the_title_stays_in_the_content() -> None:
    html = (
        "<body><div class=main-content><div class=crumb>当前位置:<a href='/'>首页</a>"
        "<h1>通知</h1></div><p>" + "关于做好年度报告工作的通知。" * 20 + "</p></div></body>"
    )
    tree, _ = run_pass(chain, html, mode="elder")
    assert tree.css_first("main h1").text() == "通知"


def test_the_pager_written_for_a_list_stays_with_the_list() -> None:
    # The content block found is the list alone; the pager the proxy wrote for the
    # portal's script sits after it, outside: the elder page still leads on.
    items = "".join(f'<li><a href="/art/{i}.html">关于第{i}批重点项目的公示公告</a></li>' for i in range(6))
    html = (
        "<html><head><title>通知公告</title></head><body><div class=list>"
        f'<ul class=news>{items}</ul><div class=page><script>createPageHTML(5,0,"index","html");</script></div>'
        "</div><div class=side><p>联系我们</p></div></body></html>"
    )
    tree, _ = run_passes(
        (script_pagers.run, find_main.run, headings.run, images.run, elder_layout.run), html, mode="elder"
    )
    main = tree.css_first("main")
    assert main.css_first("ul.news") is not None
    assert main.css_first("nav.a11y-proxy-pager a[rel=next]").attrs["href"] == "index_1.html"


def elder_page(html: str) -> LexborHTMLParser:
    """A page through the whole pipeline in 适老版, parsed again."""
    page = render_html(
        html.encode(),
        "text/html",
        url=PAGE,
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    )
    return LexborHTMLParser(page.body.decode())


def test_pager_links_that_touch_are_kept_apart() -> None:
    html = (
        '<html><body><div id="zoom"><h1>女儿出嫁</h1><p>' + "正文内容。" * 60 + "</p>"
        '<div class="zdfy"><a href="/1.html">【1】</a><a href="/2.html">【2】</a></div></div></body></html>'
    )
    pager = elder_page(html).css_first("#a11y-main .zdfy")
    assert pager is not None
    for hidden in pager.css(".a11y-proxy-sr"):  # 第…页, for a screen reader (links pass)
        hidden.decompose()
    assert pager.text(deep=True) == "【1】 【2】"


def test_paragraphs_of_nothing_but_spaces_leave_no_blank_lines() -> None:
    html = (
        '<html><body><div id="zoom"><h1>德清县固定资产投资</h1><p>' + "全县固定资产投资完成。" * 40 + "</p>"
        '<p>&nbsp;</p><p> </p><p><img src="/chart.png" alt="投资结构图"></p><p>&nbsp;</p></div></body></html>'
    )
    main = elder_page(html).css_first("#a11y-main")
    assert main is not None
    assert [bool(p.css_first("img")) or bool(p.text().strip()) for p in main.css("p")] == [True, True]


def test_a_site_nothing_names_is_named_by_its_address_at_the_top() -> None:
    # No config name, no SiteName meta, a title with no site part: "网站" said nothing.
    tree = elder_page(
        "<html><head><title>行政区划代码</title></head><body><p>" + "正文内容。" * 40 + "</p></body></html>"
    )
    assert tree.css_first(".elder-site").text() == "www.x.gov.cn"
    named = elder_page(
        "<html><head><title>行政区划代码 - 国家统计局</title></head><body><p>"
        + "正文内容。" * 40
        + "</p></body></html>"
    )
    assert named.css_first(".elder-site").text() == "国家统计局"


def test_a_statistics_page_headed_with_its_whole_title_is_not_named_by_the_titles_last_words() -> None:
    # camacau.com: "Traffic Statistics - Passengers" is the title and the page's h2; no site is named.
    tree = render_corpus_page(
        "macau-caa-passenger-stats-saved.html", "elder", url="http://www.camacau.com/p.html"
    )
    assert tree.css_first(".elder-site").text() == "www.camacau.com"


def test_a_shell_pages_content_frame_is_a_button_that_opens_the_content_in_elder_mode() -> None:
    # At the portal's fixed height, with scrolling="no", 24 px text would be cut off in the frame.
    tree = elder_page(
        "<html><head><title>关于印发某某办法的通知 - 某某市人民政府</title></head><body>"
        '<div class="crumb">当前位置:<a href="/">首页</a></div><div class="content">'
        '<iframe src="/zwgk/content_123.html" width="100%" height="1600" scrolling="no"></iframe></div>'
        '<div class="footer"><p>主办单位:某某市人民政府办公室 网站标识码:1234567890</p></div></body></html>'
    )
    main = tree.css_first("main")
    assert main.css_first("iframe") is None
    link = main.css_first("p.elder-frame a")
    assert (
        link.text() == "打开正文" and link.attrs["href"] == "/elder/http://www.x.gov.cn/zwgk/content_123.html"
    )
    assert "主办单位" not in main.text()


def test_a_trail_is_its_named_steps_and_a_logo_beside_its_sites_name_is_no_step() -> None:
    trail = (
        '<div class="position">'
        '<a href="http://www.people.com.cn/"><img src="http://www.people.com.cn/logo01.png"></a>'
        '<a href="http://www.people.com.cn/"><img src="http://www.people.com.cn/logo2.png"></a>'
        '<a href="http://www.people.com.cn/">人民网</a>&gt;&gt;'
        '<a href="/"><img src="/images/home.png" alt="首页"></a> &gt; '
        '<a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/">政府信息公开</a></div>'
    )
    tree = elder_page(
        f"<html><head><title>通知</title></head><body>{trail}<div class='article'><p>{'正文内容。' * 40}</p></div></body></html>"
    )
    steps = [a.text() for a in tree.css("nav.elder-crumbs a")]
    assert steps == ["人民网 (外部网站,将离开无障碍浏览)", "首页", "政务公开", "政府信息公开"]


def test_blank_lines_in_a_row_are_one_in_elder_mode() -> None:
    body = f"<div class='article'><p>{'正文内容。' * 40}</p><br><br><br><br><span>表一</span></div>"
    tree = elder_page(f"<html><head><title>通知</title></head><body>{body}</body></html>")
    assert (tree.css_first("main").html or "").count("<br>") == 2


def test_the_title_comes_before_a_date_line_the_portal_printed_above_it() -> None:
    # nfra.gov.cn: the date, source and print bar stand above the title.
    html = (
        '<html><body><div id="zoom"><div class="pages-dateprint"><p class="pages-date">'
        "<span>发布时间：2025-06-03</span> <span>来源：浙江监管局</span> <span>文章类型：原创</span></p>"
        '<div class="print"></div></div><div><div class="row"><h1>浙江监管局行政处罚信息公开表</h1></div>'
        "<p>" + "正文内容。" * 60 + "</p></div></div></body></html>"
    )
    main = elder_page(html).css_first("#a11y-main")
    assert main is not None
    blocks = [" ".join(n.text(deep=True).split()) for n in main.css("h1, p")]
    assert blocks[0] == "浙江监管局行政处罚信息公开表"
    assert blocks[1] == "发布时间：2025-06-03 来源：浙江监管局 文章类型：原创"


def test_what_stands_above_the_title_stays_there_when_it_is_more_than_a_date_line() -> None:
    html = (
        '<html><body><div id="zoom"><p>本文件已于2024年3月1日废止，请以新文件为准，详见相关通知和说明。'
        + "说明。" * 40
        + "</p>"
        "<h1>关于印发某办法的通知</h1><p>" + "正文内容。" * 60 + "</p></div></body></html>"
    )
    main = elder_page(html).css_first("#a11y-main")
    assert main is not None and main.css("h1, p")[0].tag == "p"


def test_on_an_english_page_the_elder_layouts_own_names_are_english() -> None:
    months = "".join(f"<tr><th>M{i}</th><td>{i * 1000:,}</td><td>{i * 900:,}</td></tr>" for i in range(1, 5))
    page = (
        '<html lang="en"><head><title>Passenger statistics</title></head><body>'
        '<ul class="nav"><li><a href="/">Home</a></li><li><a href="/a">About us</a></li>'
        '<li><a href="/b">Services</a></li><li><a href="/c">News</a></li></ul>'
        '<div class="content"><h1>Passenger statistics</h1>'
        + "<p>The passenger figures of the airport, by month and year.</p>"
        * 8
        + f"<table><tr><th></th><th>2013</th><th>2012</th></tr>{months}</table></div>"
        "<div class=footer>Copyright</div></body></html>"
    )
    tree = LexborHTMLParser(
        render_html(
            page.encode(),
            "text/html",
            url=PAGE,
            mode="elder",
            allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
        ).body.decode()
    )
    names = [n.attrs["aria-label"] for n in tree.css("main [aria-label], nav[aria-label]")]
    assert "Site navigation" in names and any(n.endswith(" (scrolls sideways)") for n in names)
    assert not any(re.search(r"[\u3400-\u9fff]", n) for n in names)
    assert tree.css_first("h2.elder-menu-title").text() == "Site navigation"


def test_the_trails_last_step_that_is_no_link_is_shown_as_the_page_the_reader_is_on() -> None:
    # shanxi.gov.cn: 首页 > 要闻 > 山西要闻, the last step plain words (which hold the
    # words of the link before them); ccgp-hebei: 采购公告>中标公告.
    for trail, current in (
        (
            '<ul class="breadcrumb"><li><a href="/">首页</a></li><li><span>&gt;</span> <a href="/yw/">要闻</a></li>'
            "<li><span>&gt;</span> 山西要闻 </li></ul>",
            "山西要闻",
        ),
        (
            '<div>您当前位置：<a href="/">首页</a>&gt;<a href="/cg/">采购公告</a>&gt;中标公告</div>',
            "中标公告",
        ),
        ('<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a></div>', None),
    ):
        tree = elder_page(
            f"<html><head><title>通知</title></head><body>{trail}<div class='article'><p>{'正文内容。' * 40}</p></div></body></html>"
        )
        nav = tree.css_first("nav.elder-crumbs")
        assert nav is not None
        shown = nav.css_first('[aria-current="page"]')
        assert (shown.text() if shown is not None else None) == current
        assert [a.text() for a in nav.css("a")][-1] in ("要闻", "采购公告", "政务公开")
