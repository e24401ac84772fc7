from __future__ import annotations

import pytest

from a11y_proxy.passes import portal_overlay
from a11y_proxy.passes.portal_overlay import SWITCH_CLASS
from tests.conftest import render_corpus_page
from tests.passes.helpers import PAGE, run_pass

#: pingtan.gov.cn's header, as served: the 适老化 retrofit's switch and its way back, the
#: 无障碍 overlay's switch (a script bound to each; rewrite_links already took the javascript:).
PINGTAN = (
    '<div class="aged_link">'
    '<a class="aged_link_01" ms-click="$inSlb()">长者模式</a>'
    '<a class="aged_link_01 none" ms-click="$outSlb()">退出长者模式</a>'
    '<a class="aged_link_02" id="barrierFreeBtn"><font id="WzaStatus">无障碍浏览</font></a>'
    "</div><p>正文</p>"
)


def switches(html: str, mode: str = "a11y") -> dict[str, str]:
    tree, _ = run_pass(portal_overlay.run, html, mode=mode)
    return {a.text(): a.attrs.get("href") or "" for a in tree.css(f"a.{SWITCH_CLASS}")}


def test_the_portals_switches_lead_to_this_page_in_the_proxys_mode_they_name() -> None:
    assert switches(PINGTAN, "a11y") == {"长者模式": f"/elder/{PAGE}"}
    assert switches(PINGTAN, "elder") == {"无障碍浏览": f"/a11y/{PAGE}"}
    assert switches(PINGTAN, "text") == {"长者模式": f"/elder/{PAGE}", "无障碍浏览": f"/a11y/{PAGE}"}


def test_the_switch_to_the_mode_the_page_is_in_and_the_ways_out_go() -> None:
    tree, _ = run_pass(portal_overlay.run, PINGTAN, mode="a11y")
    text = tree.body.text() if tree.body is not None else ""
    assert "退出长者模式" not in text and "无障碍浏览" not in text
    assert "正文" in text


def test_a_switch_keeps_the_portals_place_and_look_and_drops_its_query_fragment() -> None:
    tree, _ = run_pass(
        portal_overlay.run,
        '<ul><li class="nav">首页</li><li><a class="gh" href="/a11y/http://www.x.gov.cn/wca.html">'
        "【关怀版】</a></li></ul>",
        url="http://www.x.gov.cn/list.html?page=2#top",
    )
    link = tree.css_first(f"li a.{SWITCH_CLASS}")
    assert link is not None and link.text() == "【关怀版】"
    assert link.attrs.get("href") == "/elder/http://www.x.gov.cn/list.html?page=2"
    assert link.attrs.get("class") == f"gh {SWITCH_CLASS}"


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/a11y/http://www.x.gov.cn/zt/">无障碍环境建设</a>',  # a column on the subject
        '<a href="/a11y/http://www.x.gov.cn/a.html">市残联推进信息无障碍工作</a>',
        "<p>适老版</p>",  # words, not a control
        '<a href="/a11y/http://www.x.gov.cn/b.html">老年人优待政策</a>',
    ],
)
def test_links_about_accessibility_and_words_that_are_no_control_stay(html: str) -> None:
    tree, _ = run_pass(portal_overlay.run, html)
    assert tree.css_first(f".{SWITCH_CLASS}") is None
    assert tree.body is not None and tree.body.html == f"<body>{html}</body>"


def test_a_picture_switch_is_named_by_its_alt() -> None:
    # gd.gov.cn: <a id="wza"><img alt="无障碍" aria-label="按 alt 加 4 打开导航区…"></a>
    html = '<a id="wza"><img src="/wza.png" alt="无障碍" aria-label="按 alt 加 4 打开导航区"></a>'
    assert switches(html, "elder") == {"无障碍": f"/a11y/{PAGE}"}


def test_the_overlays_spoken_key_help_goes_and_an_alert_that_only_held_it_with_it() -> None:
    # gz.gov.cn: an empty link, role=alert, read out by a screen reader on arrival.
    html = (
        '<div class="skip"><a aria-label="欢迎访问广州市人民政府门户网站,请用 alt 加右键 开启智能盲道功能,'
        '按 alt 加 9 退出无障碍服务。" target="_self" role="alert" id="wza-intro"></a></div>'
        # gd.gov.cn's navigation area, labelled with the overlay's keys.
        '<div class="nav" aria-label="按 alt 加 4 打开导航区,按 tab 键切换读取导航区元素;按 alt 加 9 退出无障碍服务。">'
        '<a href="/a11y/http://www.x.gov.cn/" title="首页">首页</a></div>'
        # nfra.gov.cn, at the end of the page.
        '<a aria-label="按回车键在新窗口打开无障碍说明页面,按Alt加波浪键打开导盲模式。" tabindex="7"'
        ' id="esdTipLink1">按回车键在新窗口打开无障碍说明页面,按Alt+~键打开导盲模式。</a>'
    )
    tree, _ = run_pass(portal_overlay.run, html)
    assert tree.css_first("[role=alert]") is None and tree.css_first("#esdTipLink1") is None
    nav = tree.css_first("div.nav")
    assert nav is not None and "aria-label" not in nav.attrs
    assert [a.text() for a in nav.css("a")] == ["首页"]


def test_words_about_keys_in_the_article_and_long_paragraphs_are_the_authors() -> None:
    html = (
        '<div id="main"><p>在读屏软件中按 Alt 加 4 可以跳到导航区。</p></div>'
        f"<p>{'城市智能盲道建设进展顺利,' * 30}</p>"
    )
    tree, ctx = run_pass(lambda t, c: None, html)
    ctx.main = tree.css_first("#main")
    portal_overlay.run(tree, ctx)
    assert tree.body is not None and tree.body.text().count("盲道") == 30
    assert "Alt 加 4" in tree.body.text()


def test_a_list_item_the_overlay_leaves_empty_leaves_the_list() -> None:
    html = '<ul><li><a href="/a11y/http://www.x.gov.cn/">首页</a></li><li><a>无障碍浏览</a></li></ul>'
    tree, _ = run_pass(portal_overlay.run, html, mode="a11y")
    assert [li.attrs.get("aria-hidden") for li in tree.css("li")] == [None, "true"]
    tree, _ = run_pass(portal_overlay.run, html, mode="elder")
    assert [a.text() for a in tree.css("li a")] == ["首页", "无障碍浏览"]  # a switch to 无障碍 now
    tree, _ = run_pass(portal_overlay.run, html.replace("无障碍浏览", "退出无障碍"), mode="text")
    assert len(tree.css("li")) == 1


def test_on_real_pages_the_switches_work_and_the_key_help_is_gone() -> None:
    tree = render_corpus_page("pingtan-2023-zfxxgk-annual-report.html", "a11y")
    body = tree.body.text() if tree.body is not None else ""
    assert "退出长者模式" not in body
    (switch,) = tree.css(f"a.{SWITCH_CLASS}")
    assert switch.text() == "长者模式" and switch.attrs.get("href") == "/elder/http://127.0.0.1/p.html"
    gz = render_corpus_page("gz-gov-article-mirror.html", "a11y")
    assert not [n for n in gz.css("[aria-label]") if "智能盲道" in (n.attrs.get("aria-label") or "")]
    assert gz.css_first("[role=alert]") is None
    nfra = render_corpus_page("nfra-xzcf-merged-cells-rendered.html", "text")
    assert nfra.body is not None and "导盲模式" not in nfra.body.text()


def test_a_span_a_script_made_a_switch_becomes_one() -> None:
    # gz.gov.cn: <span id="wza" style="cursor: pointer">无障碍</span>, <span id="slh">长者助手</span>.
    html = (
        '<ul><li class="wza"><span id="wza" style="cursor: pointer; color:#fff;">无障碍</span></li>'
        '<li class="slh"><span id="slh" style="cursor: pointer">长者助手</span></li>'
        '<li><span style="cursor: pointer">政务公开</span></li></ul>'
    )
    assert switches(html, "a11y") == {"长者助手": f"/elder/{PAGE}"}
    assert switches(html, "elder") == {"无障碍": f"/a11y/{PAGE}"}


def test_the_overlays_you_have_entered_labels_and_their_tab_stops_go() -> None:
    # gz.gov.cn and gd.gov.cn: the overlay names the page's parts for its own keys.
    html = (
        '<ul class="menu" aria-label="您已进入工具栏服务区"><li><a href="/a11y/http://www.x.gov.cn/">首页</a></li></ul>'
        '<div class="footWza" aria-label="您已进入适老化无障碍服务标识视窗区" tabindex="0">'
        '<img src="/a11y/http://www.x.gov.cn/foot_wza.png" alt="适老化无障碍服务标识"></div>'
        '<nav aria-label="网站导航"><a href="/a11y/http://www.x.gov.cn/a.html">政务公开</a></nav>'
    )
    tree, _ = run_pass(portal_overlay.run, html)
    assert "aria-label" not in tree.css_first("ul.menu").attrs
    badge = tree.css_first("div.footWza")
    assert badge is not None and "aria-label" not in badge.attrs and "tabindex" not in badge.attrs
    assert badge.css_first("img") is not None  # the badge itself stays
    assert tree.css_first("nav").attrs.get("aria-label") == "网站导航"
