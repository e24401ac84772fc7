from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import find_main, headings
from tests.passes.helpers import run_pass

ARTICLE = (
    """<html><head><title>关于2021年度政府信息公开工作年度报告 - 智慧昆都仑</title>
<meta name="ArticleTitle" content="关于2021年度政府信息公开工作年度报告"></head><body>
<div class="top"><h1>智慧昆都仑</h1></div>
<div class="article"><div class="atit">关于2021年度政府信息公开工作年度报告</div>
<div class="TRS_Editor"><p><b>一、总体情况</b></p><p>"""
    + "正文内容。" * 60
    + """</p>
<p>(一)主动公开情况</p><p>一是完善政府信息公开专栏。"""
    + "正文。" * 30
    + """</p>
<table><tr><td><p>三、本年度办理结果</p></td><td>0</td></tr></table></div></div></body></html>"""
)


def both(tree, ctx):  # type: ignore[no-untyped-def]
    find_main.run(tree, ctx)
    headings.run(tree, ctx)


def test_one_h1_is_the_article_title() -> None:
    tree, ctx = run_pass(both, ARTICLE)
    h1s = tree.css("h1")
    assert len(h1s) == 1 and h1s[0].text() == "关于2021年度政府信息公开工作年度报告"
    assert h1s[0].attrs.get("class") == "atit"
    assert ctx.heading == "关于2021年度政府信息公开工作年度报告"
    assert tree.css_first("h2").text() == "智慧昆都仑"


def test_word_pasted_section_titles_become_headings_but_not_table_cells() -> None:
    tree, _ = run_pass(both, ARTICLE)
    assert [h.text() for h in tree.css("h2")][1:] == ["一、总体情况"]
    assert [h.text() for h in tree.css("h3")] == ["(一)主动公开情况"]
    assert tree.css_first("td h2, td h3") is None


def test_page_without_visible_title_gets_one_from_its_title_element() -> None:
    tree, _ = run_pass(
        both, "<title>区划代码 - 国家统计局</title><table><tr><td>" + "代码" * 100 + "</td></tr></table>"
    )
    assert tree.css_first("h1").text() == "区划代码"


def test_fragment_without_title_gets_one_from_its_url() -> None:
    tree, _ = run_pass(both, "<table><tr><td>x</td></tr></table>", url="http://www.x.gov.cn/data/sales.html")
    assert tree.css_first("title").text() == "sales"


def test_a_title_made_from_a_file_name_is_its_words_not_a_title_and_a_site() -> None:
    """Portal titles join page and site with dashes; a file name's dashes join words."""
    tree, ctx = run_pass(
        both, "<table><tr><td>x</td></tr></table>", url="http://www.x.gov.cn/d/sec-10q-computer-sales.html"
    )
    assert tree.css_first("title").text() == "sec 10q computer sales"
    assert ctx.heading == "sec 10q computer sales"


def test_skipped_levels_and_empty_headings_are_fixed() -> None:
    tree, _ = run_pass(headings.run, "<h1>题</h1><h2>甲</h2><h4>乙</h4><h3></h3><h6>丙</h6>")
    assert [h.tag for h in tree.css("h1, h2, h3, h4, h5, h6")] == ["h1", "h2", "h3", "h4"]


def test_a_title_for_main_content_that_is_a_table_goes_beside_the_table_not_into_it() -> None:
    """A procurement notice or a list page whose main content is one table: a heading
    inside <table> is invalid, and a browser would move it out of the main content."""
    rows = "".join(
        f"<tr><td>11010100{i}000</td><td><a href=/q{i}.html>第{i}街道办事处</a></td></tr>"
        for i in range(1, 30)
    )
    tree, ctx = run_pass(
        both, f"<html><head><title>统计用区划代码</title></head><body><table>{rows}</table></body></html>"
    )
    h1 = tree.css_first("h1")
    assert h1 is not None and h1.text() == "统计用区划代码"
    assert h1.parent is not None and h1.parent.tag != "table" and tree.css_first("table h1") is None
    assert (
        ctx.main is not None
        and ctx.main.css_first("h1") is not None
        and ctx.main.css_first("table") is not None
    )


def test_the_pages_own_h1_before_the_content_block_stays_the_one_title() -> None:
    # people.com.cn: the title block sits above the content column, outside it.
    html = (
        "<html><head><title>女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网</title></head><body>"
        '<div class="text_title"><h1>女儿出嫁，郑板桥画了几笔兰花当嫁妆</h1><div class="box01">2019年06月15日</div></div>'
        '<div class="text_con"><div class="fl"><div class="box_con" id="rwb_zw"><p>'
        + "父亲的教诲像一盏灯，为我们照亮前行的路。" * 30
        + "</p></div></div></div></body></html>"
    )
    tree, ctx = run_pass(both, html)
    assert ctx.main is not None and ctx.main.css_first(".text_title") is None  # the content column
    h1s = tree.css("h1")
    assert [h.text() for h in h1s] == ["女儿出嫁，郑板桥画了几笔兰花当嫁妆"]
    assert h1s[0].parent is not None and h1s[0].parent.attrs.get("class") == "text_title"
    assert tree.css_first("h2") is None
    assert ctx.heading == "女儿出嫁，郑板桥画了几笔兰花当嫁妆"


def test_a_heading_that_says_a_little_more_than_the_title_is_the_title() -> None:
    # macau: <title>Traffic Statistics - Passengers</title>, the heading says all of it,
    # and the title's words are split by a space.
    html = (
        "<html><head><title>Traffic Statistics - Passengers</title></head><body><div id=container>"
        '<div class="box"><h2 class="con">Traffic Statistics - Passengers</h2></div><table><tr><td>'
        + "Passengers 2019 " * 60
        + "</td></tr></table></div></body></html>"
    )
    tree, _ = run_pass(both, html)
    assert [h.text() for h in tree.css("h1")] == ["Traffic Statistics - Passengers"]
    assert tree.css_first("h1").attrs.get("class") == "con"  # type: ignore[union-attr]


_ITEMS = "".join(
    f'<li><a href="/nb/{y}.html">关于{y}年度政府信息公开工作年度报告</a></li>' for y in (2021, 2020)
)


def _front(box: str, mode: str = "elder") -> LexborHTMLParser:
    html = f"<html><head><title>智慧昆都仑</title></head><body><div class=main><h1>智慧昆都仑</h1>{box}</div></body></html>"
    tree, ctx = run_pass(lambda t, c: None, html, mode=mode)
    ctx.main = tree.css_first("div.main")
    headings.run(tree, ctx)
    return tree


def test_a_boxs_title_over_its_list_of_links_is_a_heading() -> None:
    box = f'<div class="tit"><span>政府信息公开年报</span><a href="/nb/" class="more">更多</a></div><ul>{_ITEMS}</ul>'
    elder = _front(box)
    assert [(h.tag, h.text()) for h in elder.css("div.main h2")] == [("h2", "政府信息公开年报")]
    assert elder.css_first("div.tit a.more") is not None  # the 更多 stays beside it, not in it
    # 无障碍 keeps the portal's look: the same element, named a heading.
    a11y = _front(box, mode="a11y")
    span = a11y.css_first("div.tit span")
    assert span.attrs.get("role") == "heading" and span.attrs.get("aria-level") == "2"
    # A title that is the column's link, alone in its block.
    linked = _front(f'<div class="title"><a href="/tzgg/">通知公告</a></div><ul>{_ITEMS}</ul>')
    assert [h.text() for h in linked.css("div.main h2")] == ["通知公告"]


def test_words_over_a_list_that_are_no_box_title_stay_as_they_are() -> None:
    for box in (
        f"<p>以下为本机关近三年发布的政府信息公开工作年度报告。</p><ul>{_ITEMS}</ul>",  # a sentence
        f"<div>2024-01-05</div><ul>{_ITEMS}</ul>",  # a date
        f'<div><a href="/a/">政务公开</a> <a href="/b/">政务服务</a></div><ul>{_ITEMS}</ul>',  # a menu
        '<div class="tit">友情链接</div><ul><li><a href="/x/">一个链接</a></li></ul>',  # one link is no box
        f'<div class="tit"><ul class="tab"><li>要闻</li></ul></div><ul>{_ITEMS}</ul>',  # a tab strip
        f'<div class="tit"><span>相关</span><a href="/more">更多</a><span>附件</span></div><ul>{_ITEMS}</ul>',
    ):
        tree = _front(box)
        assert tree.css("div.main h2") == [] and tree.css_first("div.main [role=heading]") is None, box


def test_with_no_title_to_match_the_first_block_classed_a_title_without_a_link_is_the_title() -> None:
    page = (
        "<html><head></head><body><div class=main>"
        '<div class="tit"><a href="/lm/">栏目标题链接</a></div>'
        '<p class="bt">关于开展统计执法检查的通知</p>'
        '<div class="art_title">第二个标题样式的块</div>'
        "<p>" + "正文内容。" * 60 + "</p></div></body></html>"
    )
    tree, _ = run_pass(both, page)
    h1 = tree.css_first("h1")
    assert h1 is not None and h1.text() == "关于开展统计执法检查的通知"
