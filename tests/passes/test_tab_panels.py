from __future__ import annotations

import pytest

from a11y_proxy.passes import tab_panels
from tests.passes.helpers import run_pass


def links(n: int) -> str:
    return "".join(f'<li><a href="/t{n}_{i}.html">第{n}栏第{i}条通知</a></li>' for i in range(2))


TABS = (
    '<div class="box"><div class="tit"><ul class="tab">'
    "<li onmouseover=\"setTab('news',1,3)\">要闻动态</li><li onmouseover=\"setTab('news',2,3)\">通知公告</li>"
    '<li onmouseover="setTab(\'news\',3,3)">政策文件</li></ul><a href="/more">更多</a></div>'
    f'<div class="bd"><div id="con_news_1"><ul>{links(1)}</ul></div>'
    f'<div id="con_news_2" style="display:none"><ul>{links(2)}</ul></div>'
    f'<div id="con_news_3" style="height:200px; DISPLAY: none;"><ul>{links(3)}</ul></div></div></div>'
)


def test_every_tab_panel_is_shown_as_a_region_named_by_its_tab() -> None:
    tree, _ = run_pass(tab_panels.run, TABS)
    panels = tree.css("[id^=con_news_]")
    assert [(p.attrs.get("role"), p.attrs.get("aria-label")) for p in panels] == [
        ("region", "要闻动态"),
        ("region", "通知公告"),
        ("region", "政策文件"),
    ]
    assert [p.attrs.get("style") for p in panels] == [None, None, "height:200px;"]


def test_a_slideshow_or_hidden_blocks_no_tab_names_stay_hidden() -> None:
    slides = (
        '<div class="dots"><span>1</span><span>2</span></div>'
        '<div><div id="slide1"><a href="/a"><img src="a.jpg" alt="甲"></a></div>'
        '<div id="slide2" style="display:none"><a href="/b"><img src="b.jpg" alt="乙"></a></div></div>'
    )
    pictures = (
        '<p><a id="image1" href="/a" style="display:inline">甲</a>'
        '<a id="image2" href="/b" style="display:none">乙</a></p>'
    )
    unnamed = '<div><div id="c1"><a href="/a">甲</a></div><div id="c2" style="display:none"><a href="/b">乙</a></div></div>'
    for html in (slides, pictures, unnamed):
        tree, _ = run_pass(tab_panels.run, html)
        assert "display:none" in (tree.html or ""), html
        assert tree.css_first("[role=region]") is None


def test_without_the_portals_look_each_panel_is_under_a_heading_of_its_tab_and_the_tabs_go() -> None:
    tree, _ = run_pass(tab_panels.run, TABS)
    assert tree.body is not None
    tab_panels.title_panels(tree, tree.body)
    assert tree.css_first("ul.tab") is None  # its items were the tabs: the empty list goes too
    # The 更多 beside the tabs led to the shown tab's column: it stays, under that tab's list.
    more = tree.css_first('a[href="/more"]')
    assert more is not None and more.parent.parent.attrs.get("id") == "con_news_1"  # type: ignore[union-attr]
    assert tree.css_first("#con_news_1").last_child.css_first('a[href="/more"]') is not None  # type: ignore[union-attr]
    assert [(h.parent.attrs.get("id"), h.text()) for h in tree.css("h2")] == [  # type: ignore[union-attr]
        ("con_news_1", "要闻动态"),
        ("con_news_2", "通知公告"),
        ("con_news_3", "政策文件"),
    ]
    assert len(tree.css("[id^=con_news_] li a")) == 6


def test_a_tab_that_was_a_link_gives_its_panels_heading_the_link() -> None:
    html = (
        '<div><ul class="tab"><li><a href="/ywdt/">要闻动态</a></li><li><a href="/tzgg/">通知公告</a></li></ul>'
        f'<ul id="list1">{links(1)}</ul><ul id="list2" style="display:none">{links(2)}</ul></div>'
    )
    tree, _ = run_pass(tab_panels.run, html)
    assert tree.body is not None
    tab_panels.title_panels(tree, tree.body)
    # A list's heading goes before it: a heading is not an item of the list.
    headings = tree.css("h2")
    assert [(h.next.attrs.get("id") if h.next else None) for h in headings] == ["list1", "list2"]
    assert [(a.attrs.get("href"), a.text()) for a in tree.css("h2 > a")] == [
        ("/ywdt/", "要闻动态"),
        ("/tzgg/", "通知公告"),
    ]
    assert tree.css_first("ul.tab") is None


@pytest.mark.parametrize("words", ["更多&gt;&gt;", "&gt;&gt;", "»", "查看更多+"])
def test_the_strips_more_link_goes_under_the_list_of_the_tab_it_was_shown_with(words: str) -> None:
    # The second tab shown first; its panel a list, so the 更多 goes after it, not into it.
    # A bare ">>" is as common a 更多 as the word (the links pass names both the same way).
    html = (
        '<div><div class="hd"><ul class="tab"><li>要闻动态</li><li>通知公告</li></ul>'
        f'<a href="/tzgg/" class="more">{words}</a></div>'
        f'<ul id="list1" style="display:none">{links(1)}</ul><ul id="list2">{links(2)}</ul></div>'
    )
    tree, _ = run_pass(tab_panels.run, html)
    # 无障碍 keeps the portal's look: the strip, and the 更多 beside it.
    assert tree.css_first("div.hd a.more") is not None
    assert tree.body is not None
    tab_panels.title_panels(tree, tree.body)
    line = tree.css_first("#list2").next
    assert line is not None and line.tag == "p" and line.css_first("a.more") is not None
    assert tree.css_first("ul a.more, div.hd a.more") is None
