from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.crumbs import find_trail, trail_around


def trail_text(html: str) -> str | None:
    trail = find_trail(LexborHTMLParser(html))
    return " ".join(trail.text().split()) if trail is not None else None


def test_the_trail_is_the_short_block_of_links_that_starts_with_its_words_or_is_named_so() -> None:
    assert trail_text('<div><p>当前位置：<a href="/">首页</a> &gt; 正文</p></div>') == "当前位置：首页 > 正文"
    assert trail_text('<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/x">要闻</a></div>') == (
        "首页 > 要闻"
    )


def test_a_menu_a_data_table_or_a_long_block_is_no_trail() -> None:
    assert (
        trail_text('<ul class="path"><li><a href="/">首页</a><ul><li><a href="/a">甲</a></li></ul></li></ul>')
        is None
    )
    assert (
        trail_text('<div class="position"><table><tr><td><a href="/">首页</a></td></tr></table></div>')
        is None
    )
    assert trail_text(f'<div>当前位置：<a href="/">首页</a> {"字" * 300}</div>') is None


def test_a_trail_laid_out_in_a_layout_table_is_a_trail() -> None:
    # zjfgw.zj.gov.cn: one cell a step; the tables pass has marked the table layout.
    html = (
        '<div class="position"><table data-a11y-layout=""><tr><td>当前位置：</td><td><a href="/">首页</a></td>'
        '<td> &gt;<a href="/col/1/">投资运行</a></td></tr></table></div>'
    )
    assert trail_text(html) == "当前位置：首页 >投资运行"


def test_breadcrumbs_are_the_first_short_linked_block_that_reads_or_is_named_so() -> None:
    wrapper_with_table = (
        "<div>当前位置:<a href='/'>首页</a><table><tr><td>表</td></tr></table></div>"  # holds a table
    )
    split_words = "<div><b>当前</b><i>位置</i>:<a href='/'>首页</a> &gt; <a href='/gk/'>公开</a></div>"
    assert trail_text(wrapper_with_table + split_words) == "当前位置:首页 > 公开"
    assert trail_text("<p>当前位置:首页</p><nav class='breadcrumb'><a href='/'>首页</a></nav>") == "首页"
    long_text = "<div>当前位置:" + "很长的正文" * 50 + "<a href='/'>首页</a></div>"
    assert trail_text(long_text) is None


def test_a_block_whose_list_sits_inside_an_outer_list_is_not_a_breadcrumb() -> None:
    # "ul ul" counts with the outer list outside the block, as css_first sees it.
    html = "<ul><li><div class='crumb'><a href='/'>首页</a><ul><li>子</li></ul></div></li></ul>"
    assert trail_text(html) is None


def test_a_wrapper_too_long_to_be_the_trail_is_passed_over_for_the_trail_inside_it() -> None:
    menu = "<div class='menu'>" + "<a href='/x'>栏目</a>" * 120 + "</div>"
    trail = "<div class='BreadCrumb'><a href='/'>首页</a> &gt; <a href='/gk/'>公开</a></div>"
    # The wrapper is named for a location too, and holds the trail: its 240 characters are no trail.
    assert trail_text(f"<div class='Location-wrap'>{menu}{trail}</div>") == "首页 > 公开"


def test_the_trail_around_a_block_is_the_nearest_block_that_reads_as_one() -> None:
    tree = LexborHTMLParser(
        '<header><div class="pos"><table><tr><td>当前位置：<a href="/">首页</a></td>'
        '<td><table id="steps"><tr><td><a href="/a">甲</a></td><td><a href="/b">乙</a></td></tr></table></td></tr>'
        "</table></div></header>"
    )
    header, steps = tree.css_first("header"), tree.css_first("#steps")
    found = trail_around(steps, header)
    # Not the row or the cell that start with 当前位置: a landmark cannot stand there.
    assert found is not None and found.tag == "table" and found.attrs.get("id") != "steps"
    menu = LexborHTMLParser('<header><div><ul id="m"><li><a href="/a">甲</a></li></ul></div></header>')
    assert trail_around(menu.css_first("#m"), menu.css_first("header")) is None


def test_a_trail_is_known_by_its_steps_or_by_your_current_position_too() -> None:
    # gd.gov.cn: <div class="pos">, no words before the steps, each one > the next.
    steps = '<div class="pos"><a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/yw">要闻动态</a>&nbsp;&gt;&nbsp;<a href="/zt">政务专题</a></div>'
    assert trail_text(steps) == "首页 > 要闻动态 > 政务专题"
    # ccgp-hebei: 您当前位置：
    assert trail_text(
        '<table><tr><td><span>您当前位置：</span><a href="/cd/">承德市</a>&gt;<a href="/wc/">围场县</a></td></tr></table>'
    ) == ("您当前位置：承德市>围场县")
    # Two steps, steps of words with one link, or a row of menu links between
    # bars, are no trail by their shape.
    assert trail_text('<div class="x"><p>甲 &gt; <a href="/b">乙</a> &gt; 丙</p></div>') is None
    assert trail_text('<div class="pos"><a href="/">首页</a> &gt; <a href="/yw">要闻</a></div>') is None
    assert (
        trail_text('<div><a href="/a">首页</a> | <a href="/b">政务</a> | <a href="/c">服务</a></div>') is None
    )
