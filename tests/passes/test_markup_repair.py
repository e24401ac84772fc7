from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import markup_repair
from tests.passes.helpers import run_pass


def test_invalid_roles_and_roles_without_required_children_are_removed() -> None:
    tree, _ = run_pass(
        markup_repair.run,
        '<div role="header_line">a</div><ul role="list"><li>x</li></ul>'
        '<div role="list" class="m-comment"><p>none</p></div><div role="Button x">b</div>',
    )
    divs = tree.css("div")
    assert "role" not in divs[0].attrs
    assert tree.css_first("ul").attrs["role"] == "list"
    assert "role" not in divs[1].attrs
    assert divs[2].attrs["role"] == "button"


def test_labels_on_generic_elements_are_removed() -> None:
    tree, _ = run_pass(
        markup_repair.run, '<span aria-label="您已进入视窗区">x</span><nav aria-label="导航">y</nav>'
    )
    assert "aria-label" not in tree.css_first("span").attrs
    assert tree.css_first("nav").attrs["aria-label"] == "导航"


def test_zoom_is_never_disabled() -> None:
    tree, _ = run_pass(
        markup_repair.run,
        '<head><meta name="viewport" content="width=device-width, maximum-scale=1, user-scalable=no"></head>',
    )
    assert tree.css_first("meta[name=viewport]").attrs["content"] == "width=device-width, initial-scale=1"
    tree, _ = run_pass(markup_repair.run, "<p>x</p>")
    assert tree.css_first("meta[name=viewport]") is not None


def test_broken_definition_lists_and_empty_headers_become_plain() -> None:
    tree, _ = run_pass(
        markup_repair.run, "<dl><a href='/x'>x</a><dd>y</dd></dl><table><tr><th></th><th>年</th></tr></table>"
    )
    assert tree.css_first("dl") is None
    assert len(tree.css("th")) == 1 and tree.css_first("th").text() == "年"


def test_positive_tabindex_and_labels_hiding_visible_words_are_fixed() -> None:
    tree, _ = run_pass(
        markup_repair.run,
        '<a href="/x" tabindex="3">进入</a><a href="/y" aria-label="中国政府网">[图片:国徽]</a>'
        '<a href="/z" aria-label="政务公开 栏目">政务公开</a>',
    )
    a, b, c = tree.css("a")
    assert a.attrs["tabindex"] == "0"
    assert "aria-label" not in b.attrs
    assert c.attrs["aria-label"] == "政务公开 栏目"


def test_stray_list_children_are_wrapped_and_scrolling_boxes_reachable() -> None:
    tree, _ = run_pass(
        markup_repair.run,
        '<ul class="nav"><a href="/a">甲</a><li>乙</li></ul>'
        '<div id="Goods" style="width:930px; overflow: auto">表</div>',
    )
    assert [li.text() for li in tree.css("ul > li")] == ["甲", "乙"]
    box = tree.css_first("#Goods")
    assert box.attrs["tabindex"] == "0" and box.attrs["role"] == "region" and box.attrs["aria-label"]


def test_a_scrolling_box_with_nothing_in_it_or_in_a_mode_without_the_portals_styles_is_no_region() -> None:
    # ccgp-hebei: boxes for the 工程 and 服务 tables its script fills, left empty.
    html = (
        '<div id="Goods" style="overflow: auto"><table><tr><td>1</td></tr></table></div>'
        '<div id="Service" style="overflow: auto"> </div>'
    )
    tree, _ = run_pass(markup_repair.run, html)
    assert tree.css_first("#Goods").attrs.get("role") == "region"
    assert (
        "role" not in tree.css_first("#Service").attrs and "tabindex" not in tree.css_first("#Service").attrs
    )
    for mode in ("elder", "text"):  # the style goes there, and the box scrolls nothing
        tree, _ = run_pass(markup_repair.run, html, mode=mode)
        assert tree.css("[role=region], [tabindex]") == []


def test_a_desktop_width_viewport_becomes_the_devices() -> None:
    """A phone would lay a width=1100 page out 1,100 px wide and shrink it to a third."""
    for name in ("viewport", "Viewport"):
        html = f'<head><meta name="{name}" content="width=1100"></head><p>x</p>'
        tree, _ = run_pass(markup_repair.run, html)
        metas = tree.css("meta[name=viewport i]")
        assert [m.attrs["content"] for m in metas] == ["width=device-width, initial-scale=1"]


SPACED_LIST = (
    '<ul><li><a href="/2019/">2019年</a></li><li class="cont_line">&nbsp;</li>'
    '<li><a href="/2018/">2018年</a></li><li class="cont_line"> </li><li>共1页</li>'
    '<li><img src="/i.png" alt="图"></li></ul>'
)


def test_spacer_list_items_leave_the_accessibility_tree_in_the_portal_layout() -> None:
    tree, _ = run_pass(markup_repair.run, SPACED_LIST)
    hidden = [li.attrs.get("aria-hidden") for li in tree.css("li")]
    assert hidden == [None, "true", None, "true", None, None]


def test_spacer_list_items_are_removed_where_the_proxy_lays_the_page_out() -> None:
    for mode in ("elder", "text"):
        tree, _ = run_pass(markup_repair.run, SPACED_LIST, mode=mode)
        assert [li.text(deep=True) for li in tree.css("li")] == ["2019年", "2018年", "共1页", ""]


def test_an_item_of_empty_inline_boxes_only_is_a_spacer_too() -> None:
    # The box a script was to fill (gz.gov.cn's 语音播报), an icon a stylesheet draws.
    html = (
        '<ul><li class="yybb"><span></span></li><li><i><b> </b></i></li><li><span class="nav-last"></span></li>'
        '<li><span>来源</span></li><li><img src="a.png" alt="x"></li><li><span></span><input name="q"></li></ul>'
    )
    tree, _ = run_pass(markup_repair.run, html)
    assert [li.attrs.get("aria-hidden") for li in tree.css("li")] == ["true"] * 3 + [None] * 3
    tree, _ = run_pass(markup_repair.run, html, mode="text")
    assert len(tree.css("li")) == 3


def test_an_item_a_removal_leaves_with_only_empty_boxes_is_a_spacer() -> None:
    tree = LexborHTMLParser(
        '<ul><li><img src="t.png" title="语音播报"><span></span></li><li><b>a</b></li></ul>'
    )
    first, second = tree.css("li")
    markup_repair.remove_with_emptied_items(
        [first.css_first("img"), second.css_first("b")], remove_items=False
    )
    assert [li.attrs.get("aria-hidden") for li in tree.css("li")] == ["true", "true"]


def test_a_title_and_its_date_side_by_side_are_read_apart() -> None:
    html = (
        "<ul>"
        '<li><a href="/a"><span><font>2019年</font><font>2020-02-25</font></span></a></li>'
        '<li><span class="date">2022-01-10</span><a href="/b">召开推进会</a></li>'
        '<li><a href="/c">通知</a><span>[2021年3月5日]</span></li>'
        '<li><a href="/d">公告</a><span>2021/3/5</span></li>'
        "</ul>"
    )
    tree, _ = run_pass(markup_repair.run, html)
    assert [li.text() for li in tree.css("li")] == [
        "2019年 2020-02-25",
        "2022-01-10 召开推进会",
        "通知 [2021年3月5日]",
        "公告 2021/3/5",
    ]


def test_words_side_by_side_without_a_date_are_left_as_written() -> None:
    html = (
        "<ul><li><span>一、</span><span>总体情况</span></li>"
        '<li><a href="/a"><b>2021</b><span>年度报告</span></a></li>'
        "<li><span>2020-02-25</span> <a>已有空格</a></li></ul>"
        "<p><span>2019年</span><span>2020-02-25</span></p>"
    )
    tree, _ = run_pass(markup_repair.run, html)
    assert [li.text() for li in tree.css("li")] == ["一、总体情况", "2021年度报告", "2020-02-25 已有空格"]
    assert tree.css_first("p").text() == "2019年2020-02-25"  # not a list: running text is the author's


def test_items_that_hold_only_the_bar_between_menu_entries_are_spacers() -> None:
    # gov.cn's toolbar (<li class="split">|</li>) and zjfgw's column menu (<dd>|</dd>).
    html = (
        '<ul><li><a href="/">首页</a></li><li class="split">|</li><li><a href="/en">EN</a></li></ul>'
        '<dl><dd><a href="/a">战略规划</a></dd><dd> | </dd><dd><a href="/b">经济运行</a></dd></dl>'
    )
    tree, _ = run_pass(markup_repair.run, html, mode="text")
    assert [n.text() for n in tree.css("li, dd")] == ["首页", "EN", "战略规划", "经济运行"]
    tree, _ = run_pass(markup_repair.run, html)
    assert [n.attrs.get("aria-hidden") for n in tree.css("li, dd")] == [
        None,
        "true",
        None,
        None,
        "true",
        None,
    ]


def test_a_description_list_keeps_its_terms_and_empty_descriptions() -> None:
    # shanxi.gov.cn: <dt class="rotate360"> </dt> is an icon; without it the <dl>
    # would be descriptions with no term (axe definition-list).
    html = '<dl class="main-nav-home"><dt class="rotate360"> </dt><dd><a href="/">首页</a></dd><dd></dd></dl>'
    for mode in ("a11y", "text"):
        tree, _ = run_pass(markup_repair.run, html, mode=mode)
        assert [n.tag for n in tree.css("dl > *")] == ["dt", "dd", "dd"]
        assert all("aria-hidden" not in n.attrs for n in tree.css("dl > *"))


def test_runs_of_line_breaks_are_kept_to_two_in_the_modes_that_lay_the_page_out() -> None:
    tree = LexborHTMLParser("<div>第一段<br> <br>第二段<br>\n<br>&nbsp;<br><br><span>标题</span><br>行</div>")
    markup_repair.collapse_line_breaks(tree.css_first("div"))
    html = tree.css_first("div").html or ""
    assert html.count("<br>") == 5  # two, two of the four, one
    assert "第一段<br> <br>第二段" in html and "<span>标题</span><br>行" in html


def test_a_list_item_written_date_first_reads_title_first_in_the_modes_that_lay_the_page_out() -> None:
    tree = LexborHTMLParser(
        '<ul><li><span class="date">2022-01-10</span> <a href="/a.html">政务公开工作推进会</a></li>'
        '<li><font>[2020年2月25日]</font><a href="/b.html">年度报告</a></li>'
        # Not a date and one link: left as written.
        '<li><span>2022-01-10</span> 发布 <a href="/c.html">通知</a></li>'
        '<li><span>第3期</span><a href="/d.html">简报</a></li>'
        '<li><span>2022-01-10</span><a href="/e.html"><img src="e.png"></a></li></ul>'
    )
    markup_repair.date_after_title(tree.css_first("ul"))
    texts = [" ".join(li.text(deep=True).split()) for li in tree.css("li")]
    assert texts[:2] == ["政务公开工作推进会 2022-01-10", "年度报告 [2020年2月25日]"]
    assert texts[2:4] == ["2022-01-10 发布 通知", "第3期简报"]
    assert tree.css("li")[4].child.tag == "span"  # type: ignore[union-attr]


def test_a_div_of_words_and_inline_elements_is_a_paragraph_in_the_modes_that_lay_the_page_out() -> None:
    # shanxi.gov.cn's TRS editor writes every paragraph of an article as a <div>.
    tree = LexborHTMLParser(
        '<div id="main"><div class="TRS_Editor"><div></div><div><b>图为启动仪式。</b></div>'
        "<div><span>　　跨越千山万水，</span>行程近两万公里。<br>第二行</div>"
        '<div>附件:<a href="/a.pdf">年报</a></div><div role="note">注</div>'
        '<div><img src="p.jpg" alt=""></div><div>表<table><tr><td>1</td></tr></table></div></div></div>'
    )
    markup_repair.paragraphs_from_divs(tree, tree.css_first("#main"))
    assert [p.text(deep=True) for p in tree.css("p")] == [
        "图为启动仪式。",
        "　　跨越千山万水，行程近两万公里。第二行",
        "附件:年报",
    ]
    # Empty, named by a role, a picture alone, or holding a block: still divs.
    assert len(tree.css("div")) == 6
