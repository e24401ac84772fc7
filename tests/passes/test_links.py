from __future__ import annotations

from a11y_proxy.passes import links
from tests.passes.helpers import run_pass


def test_more_links_say_more_of_what() -> None:
    tree, _ = run_pass(
        links.run, '<div class="box"><div class="tit"><span>要闻动态</span><a href="/m">更多</a></div></div>'
    )
    assert tree.css_first("a").text() == "更多:要闻动态"


def test_new_window_links_say_so() -> None:
    tree, _ = run_pass(links.run, '<a href="/x" target="_blank">年报</a>')
    assert tree.css_first("a").text() == "年报" + links.NEW_WINDOW


def test_windows_with_a_name_no_frame_has_are_new_windows_too() -> None:
    tree, _ = run_pass(
        links.run,
        '<iframe name="list" src="/l"></iframe><a href="/a" target="_new">新</a>'
        '<a href="/b" target="list">框架</a><a href="/c" target="_self">本页</a><a href="/d" target=" _TOP ">顶</a>',
    )
    assert [a.text() for a in tree.css("a")] == ["新" + links.NEW_WINDOW, "框架", "本页", "顶"]


def test_elder_and_text_modes_open_links_and_forms_in_the_same_tab() -> None:
    html = (
        '<a href="/x" target="_blank">年报</a><a href="/y" target="list">列表</a>'
        '<form action="/s" target="_blank"><input name="q"></form>'
        '<map><area href="/m" target="_blank" alt="地图"></map><iframe name="list" src="/l"></iframe>'
    )
    for mode in ("elder", "text"):
        tree, _ = run_pass(links.run, html, mode=mode)
        assert [a.attrs.get("target") for a in tree.css("a")] == [None, "list"]
        assert tree.css_first("a").text() == "年报"
        assert "target" not in tree.css_first("form").attrs
        assert "target" not in tree.css_first("area").attrs
    tree, _ = run_pass(links.run, html, mode="a11y")
    assert tree.css_first("a").attrs.get("target") == "_blank"
    assert tree.css_first("form").attrs.get("target") == "_blank"


def test_former_script_links_are_dropped_or_unwrapped() -> None:
    tree, _ = run_pass(
        links.run, "<p>[字体:<a>大</a> <a>中</a> <a>小</a>] <a>打印</a> <a>展开全文</a> <a name=top></a></p>"
    )
    assert [a.attrs.get("name") for a in tree.css("a")] == ["top"]
    assert "展开全文" in tree.css_first("p").text() and "打印" not in tree.css_first("p").text()


def test_nameless_links_are_named_from_title_or_removed() -> None:
    tree, _ = run_pass(links.run, '<a href="/a" title="政务服务"></a><a href="/b"></a>')
    anchors = tree.css("a")
    assert len(anchors) == 1 and anchors[0].text() == "政务服务"


def test_svg_links_are_left_alone() -> None:
    tree, _ = run_pass(links.run, '<svg><a xlink:href="/x"><text>详情</text></a></svg>')
    assert tree.css_first("svg a") is not None


def test_the_new_window_note_is_chinese_on_an_english_page_too() -> None:
    """WCAG 3.1.2: read with a Chinese voice whatever the page's language."""
    tree, _ = run_pass(links.run, '<html lang="en"><body><a href="/r.pdf" target="_blank">Annual report</a>')
    assert tree.css_first("a span").attrs["lang"] == "zh-CN"
