from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import links, rewrite_links
from tests.passes.helpers import run_pass, run_passes


def test_more_links_say_more_of_what() -> None:
    tree, _ = run_pass(
        links.run, '<div class="box"><div class="tit"><span>要闻动态</span><a href="/m">更多</a></div></div>'
    )
    assert tree.css_first("a").text() == "更多:要闻动态"


def test_new_window_links_say_so() -> None:
    tree, _ = run_pass(links.run, '<a href="/x" target="_blank">年报</a>')
    assert tree.css_first("a").text() == "年报" + links.NEW_WINDOW


def test_a_named_link_that_opens_a_new_window_says_so_in_its_name() -> None:
    # npc.gov.cn's logo link: its name (given by the images pass) hides the
    # words in its text from a screen reader, so the name carries them.
    tree, _ = run_pass(
        links.run, '<a href="/" target="_blank" aria-label="中国政府网"><img src="/l.png" alt=""></a>'
    )
    assert tree.css_first("a").attrs["aria-label"] == f"中国政府网 {links.NEW_WINDOW}"


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


def test_a_script_login_link_is_dropped_and_one_with_an_address_stays() -> None:
    tree, _ = run_pass(
        links.run,
        '<div class="topbar"><a>登录</a> | <a>注册</a> <a>用户登录</a><a>登录/注册</a><a>退出</a></div>'
        '<p><a href="/sso/login.html">登录</a> <a>登录网上办事大厅查询进度</a></p>',
    )
    assert tree.css_first("div.topbar") is None or not tree.css_first("div.topbar").text().strip()
    assert tree.css_first("p a[href]").text() == "登录"
    assert "登录网上办事大厅查询进度" in tree.css_first("p").text()


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


def _external_then_links(html: str, mode: str = "a11y") -> LexborHTMLParser:
    """The pipeline's order: the link rewriter marks external links before this pass."""
    return run_passes((rewrite_links.run, links.run), html, mode=mode)[0]


def test_an_external_icon_link_is_named_by_its_title_or_alt_not_by_the_proxys_mark() -> None:
    tree = _external_then_links(
        '<a href="http://weibo.example.com/gov" alt="微博"><i class="icon-weibo"></i></a>'
        '<a href="http://app.example.com/"><i class="icon-app"></i></a>'
    )
    anchors = tree.css("a")
    assert len(anchors) == 1  # the one with no name at all is gone
    assert anchors[0].text() == "微博 " + rewrite_links.EXTERNAL_TEXT
    assert anchors[0].css_first(".a11y-proxy-sr").text() == "微博"


def test_words_the_proxy_adds_to_an_external_link_come_before_its_mark() -> None:
    tree = _external_then_links(
        '<div class="box"><div class="tit"><span>友情链接</span>'
        '<a href="http://other.example.com/more">更多</a></div></div>'
    )
    assert tree.css_first("a").text() == "更多:友情链接 " + rewrite_links.EXTERNAL_TEXT


def test_a_name_from_the_title_is_shown_where_the_proxy_lays_the_page_out() -> None:
    html = '<a href="/weibo" title="政务微博"><i class="icon"></i></a>'
    for mode, shown in (("a11y", False), ("elder", True), ("text", True)):
        tree, _ = run_pass(links.run, html, mode=mode)
        assert tree.css_first("a").text() == "政务微博"
        assert (tree.css_first("a .a11y-proxy-sr") is None) == shown


def test_script_links_that_switch_to_traditional_characters_or_reset_the_size_are_dropped() -> None:
    tree, _ = run_pass(
        links.run,
        '<p>字体:<a>放大</a><a>正常</a><a>缩小</a> <a id="StranLink">切換到<em>繁體</em></a> <a>简体中文版</a></p>',
    )
    assert tree.css("a") == [] and tree.css_first("p").text().strip() == "字体:"
    # www.jiangsu.gov.cn's header (written by its script): javascript:zh_tran() links,
    # one character each, as the link rewriter leaves them (no address).
    tree, _ = run_pass(
        links.run,
        '<ul><li><a id="zh_click_s">简</a></li><li><a id="zh_click_t">繁</a></li>'
        '<li><a href="http://en.x.gov.cn/">English</a></li></ul>',
        mode="elder",
    )
    assert [a.text() for a in tree.css("a")] == ["English"] and len(tree.css("li")) == 1


def test_a_dropped_script_link_takes_its_separator_with_it() -> None:
    tree, _ = run_pass(links.run, '<p><a>简体</a>|<a>繁体</a> | <a href="/wza">无障碍浏览</a><a>打印</a></p>')
    assert tree.css_first("p").text().strip() == "无障碍浏览"


def test_a_list_item_a_dropped_script_link_leaves_empty_leaves_the_list() -> None:
    # shanxi.gov.cn's top bar: <li><a href="javascript:StranBody()">切換到<em>繁體</em></a></li>.
    html = (
        '<ul><li><a href="/a11y/http://www.x.gov.cn/">首页</a></li><li> <a>切換到<em>繁體</em></a> </li></ul>'
    )
    tree, _ = run_pass(links.run, html, mode="a11y")
    assert [li.attrs.get("aria-hidden") for li in tree.css("li")] == [None, "true"]
    tree, _ = run_pass(links.run, html, mode="elder")
    assert len(tree.css("li")) == 1


def test_a_more_link_over_tabs_says_the_chosen_tab_not_an_items_date() -> None:
    # The demo front page: a tab strip in the block's title bar, dated items below.
    html = (
        '<div class="box"><div class="tit"><ul class="tab"><li class="on">要闻动态</li><li>通知公告</li></ul>'
        '<a href="/xwdt/">更多</a></div>'
        '<ul><li><span class="date">2022-01-10</span><a href="/a.html">昆都仑区召开政务公开推进会</a></li></ul></div>'
    )
    tree, _ = run_pass(links.run, html)
    assert tree.css_first("a[href='/xwdt/']").text() == "更多:要闻动态"


def test_a_link_to_hash_alone_keeps_its_words_as_text_unless_it_says_top() -> None:
    # gz.gov.cn's header: a heading over each drop-down is a link to "#" its
    # script made a toggle; without the script it only jumps to the top.
    tree, _ = run_pass(
        links.run,
        '<li><h4><a href="#">语言<i></i></a></h4><div class="drop"><a href="/en/">English</a></div></li>'
        '<p><a href="#"><img src="wx.png" alt="微信公众号"></a><a href="#"><img src="x.png"></a></p>'
        '<p><a href="#">返回顶部</a> <a href="#"><img src="up.png" alt="回到顶部"></a> <a href="#">TOP</a></p>'
        '<ul class="foot"><li><a id="godesktop" href="#">电脑版</a></li><li><a href="#main">正文</a></li></ul>',
    )
    assert tree.css_first("h4").html == "<h4>语言<i></i></h4>"
    assert [a.attrs["href"] for a in tree.css("a")] == ["/en/", "#", "#", "#", "#main"]
    assert [a.text(deep=True) or a.css_first("img").attrs["alt"] for a in tree.css("a[href='#']")] == [
        "返回顶部",
        "回到顶部",
        "TOP",
    ]
    # The named picture stays, as a picture; the nameless one and the layout switch go.
    assert tree.css_first("p img").attrs.get("alt") == "微信公众号"
    assert tree.css_first("p img").parent.tag == "p"
    assert tree.css_first('img[src="x.png"]') is None
    assert "电脑版" not in tree.body.text()


def test_a_pagers_numbered_links_say_they_are_pages_and_keep_their_number_whole() -> None:
    # people.com.cn's article pager: <div class="zdfy"><a>【1】</a><a>【2】</a>…
    tree, _ = run_pass(
        links.run,
        '<div class="zdfy"><a href="/a.html">【1】</a><a href="/a-2.html">【2】</a><a href="/a-3.html">3</a></div>'
        '<ul class="pages"><li><a href="/l-2.html">2</a></li><li><a href="/l-3.html">[3]</a></li></ul>'
        # One number alone is no pager: a footnote, a count.
        '<p>见注<a href="#n1">1</a>。共<a href="/all.html">25</a>条</p>',
    )
    names = [a.text(deep=True) for a in tree.css("a")]
    assert names[:5] == ["第【1】页", "第【2】页", "第3页", "第2页", "第[3]页"]
    assert names[5:] == ["1", "25"]
    # The words around the number are for a screen reader only.
    assert all(s.attrs.get("class") == "a11y-proxy-sr" for s in tree.css(".zdfy span"))
