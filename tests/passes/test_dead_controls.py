from __future__ import annotations

from a11y_proxy.passes import dead_controls, links, neutralise_scripts, rewrite_links
from a11y_proxy.passes.tables import LAYOUT_MARK
from tests.passes.helpers import run_pass, run_passes


def text_after(html: str) -> str:
    tree, _ = run_pass(dead_controls.run, html)
    body = tree.body
    assert body is not None
    return " ".join(body.text(separator=" ").split())


def test_the_article_toolbar_goes_with_its_brackets_and_labels() -> None:
    # gd.gov.cn, as served: spans and links whose clicks a script bound.
    html = (
        "<div class='info'><span>来源 : 南方日报</span>"
        "<div class='tools'><span class='print' wzades='打印'>【打印】</span>"
        "<div class='fav-wrap'><a class='my-fav'>我的收藏</a>&nbsp;&nbsp;<a class='add-fav'>收藏</a></div>"
        "<span class='changeFont'>【字体:<span id='lFont'>大</span> <span id='mFont'>中</span> "
        "<span id='sFont'>小</span>】</span>"
        "<div class='shareIcon'>分享到：<div id='share-1'></div></div></div></div>"
        "<p>2月24日上午,……</p>"
    )
    assert text_after(html) == "来源 : 南方日报 2月24日上午,……"


def test_a_close_button_leaves_the_tab_order() -> None:
    tree, _ = run_pass(
        dead_controls.run,
        '<div class="article_btn_group"><button title="关闭"><i class="icon"></i>关闭</button></div><p>正文</p>',
    )
    assert tree.css_first("button") is None and tree.css_first(".article_btn_group") is None


def test_a_toolbar_word_beside_a_working_link_or_field_stays() -> None:
    html = (
        '<p class="a"><a href="/print.html">打印</a></p>'  # a print version: it works
        '<p class="b">分享到:<a href="http://service.weibo.com/share">微博</a></p>'
        '<form><button type="submit">关闭</button></form>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert tree.css_first("p.a a") is not None
    assert tree.css_first("p.b").text() == "分享到:微博"
    assert tree.css_first("form button") is not None


def test_the_words_in_running_text_headings_and_data_tables_are_the_authors() -> None:
    html = (
        "<h2>关闭</h2><p>会议决定关闭三家企业。</p>"
        "<table><tr><th>阀门</th><th>状态</th></tr><tr><td>一号</td><td><span>关闭</span></td></tr></table>"
        "<ul><li><span>大</span></li><li><span>中</span></li></ul>"  # sizes with no toolbar word: a list
    )
    assert text_after(html) == "关闭 会议决定关闭三家企业。 阀门 状态 一号 关闭 大 中"


def test_a_toolbar_in_a_layout_table_cell_goes_but_the_cell_stays() -> None:
    tree, _ = run_pass(
        dead_controls.run,
        f"<table {LAYOUT_MARK}><tr><td><span>【打印本页】</span> <span>【关闭窗口】</span></td>"
        "<td>正文</td></tr></table>",
    )
    cells = tree.css("td")
    assert len(cells) == 2 and cells[0].text().strip() == "" and cells[1].text() == "正文"


def test_a_button_no_form_owns_goes_or_leaves_its_words() -> None:
    # gz.gov.cn's search box toggles and nfra's 检索: their script opened, closed and sent.
    html = (
        '<div class="head_tool"><span><button class="openSearch" id="open-btn"></button>'
        '<button class="closeSearch" id="close-btn">X</button></span></div>'
        '<ul><li><button type="button" id="goJiansuo"><i class="icon"></i></button></li></ul>'
        '<input class="ss_btn2" value="提交" type="button">'
        '<p class="more"><button type="button">展开全文</button></p>'
    )
    tree, _ = run_pass(dead_controls.run, html, mode="elder")
    assert tree.css("button, input") == []
    assert tree.css("li") == []  # the item it left empty went with it
    assert tree.css_first("p.more").text() == "展开全文"


def test_buttons_that_work_without_script_stay() -> None:
    html = (
        '<form action="/search"><input name="q"><button>搜索</button><input type="reset" value="重填"></form>'
        '<button form="f2" type="submit">提交</button><form id="f2" action="/apply"></form>'
        '<button popovertarget="menu">栏目</button><div id="menu" popover>…</div>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert [b.text() for b in tree.css("button")] == ["搜索", "提交", "栏目"]
    assert tree.css_first("input[type=reset]") is not None


def test_a_search_box_no_form_owns_goes_with_its_submit_and_label() -> None:
    # gz.gov.cn: the query was read and sent by a script; without it Enter does nothing.
    html = (
        '<div class="search"><label for="txt_search">搜索</label>'
        '<input type="keywords" class="stxt" placeholder="请输入关键字" id="txt_search">'
        '<input class="sbtn" value="搜一下" type="submit"></div>'
        '<p>日期:<input readonly value="2024-03-08"></p>'
        '<input type="checkbox" id="menu-toggle"><label for="menu-toggle">栏目</label>'
        '<form action="/s"><input name="q"><input type="submit" value="搜索"></form>'
        '<input name="q2" form="f2"><form id="f2" action="/s2"></form>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert tree.css_first("div.search").css("input, label") == []  # type: ignore[union-attr]
    assert [
        i.attrs.get("name") or i.attrs.get("type") or i.attrs.get("value") for i in tree.css("input")
    ] == [
        "2024-03-08",
        "checkbox",
        "q",
        "submit",
        "q2",
    ]
    assert tree.css_first("label[for=menu-toggle]") is not None


def test_a_type_button_does_nothing_in_a_form_either() -> None:
    # ccgp's 关闭窗口 and gz.gov.cn's second search icon sat in forms; only their handlers acted.
    html = (
        '<form action="/s"><input name="q"><input type="submit" value="搜索">'
        '<i><input class="ss_btn2" value="" type="button"></i>'
        '<input type="button" value="关闭窗口"><button type="button">返回列表</button></form>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert [i.attrs.get("type") for i in tree.css("input")] == [None, "submit"]
    assert tree.css("button") == [] and "返回列表" in tree.css_first("form").text()


def test_the_brackets_of_font_size_links_in_a_date_line_go_with_the_links() -> None:
    # The demo article's date line, through the passes before this one.
    html = (
        '<div class="ainfo">发布日期:2022-01-30&nbsp;&nbsp;点击量:<span>14215</span>'
        '&nbsp;&nbsp;[字体:<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>]'
        "&nbsp;&nbsp;【 】</div><p>昆政发〔2021〕7号 [2021]3号 【通知】 [注:]</p>"
    )
    tree, _ = run_passes((neutralise_scripts.run, rewrite_links.run, links.run, dead_controls.run), html)
    line = tree.css_first(".ainfo").text()  # type: ignore[union-attr]
    assert "字体" not in line and "[" not in line and "【" not in line
    assert "发布日期:2022-01-30" in line and "14215" in line
    kept = tree.css_first("p").text()  # type: ignore[union-attr]
    assert kept == "昆政发〔2021〕7号 [2021]3号 【通知】 "


def test_a_share_bar_whose_buttons_were_script_goes_with_the_networks_names() -> None:
    html = (
        # pingtan.gov.cn: icons and names in a box a script opened.
        '<div class="tools"><span class="share"><i class="trt-icon-fenxiang1"></i>'
        '<div class="share_box"><i class="icon-weixin1"></i>微信 <i class="icon-weibo"></i>微博 '
        '<i class="icon-kongjian"></i>QQ空间</div></span></div>'
        # xiangtan.gov.cn: Baidu's share box, its buttons written by its script, in a layout table.
        f'<div class="bdsharebuttonbox"><table {LAYOUT_MARK}><tr><td> 分享到：</td><td> </td></tr></table></div>'
        # nfra.gov.cn: share.js's button, its script link gone, its network named after it.
        '<div class="col"><span id="share-weibo" class="share-component social-share"></span>微博&nbsp;</div>'
        "<p>正文</p>"
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert " ".join(tree.body.text(separator=" ").split()) == "正文"
    assert tree.css_first(".share, .bdsharebuttonbox, #share-weibo") is None


def test_the_networks_names_outside_a_share_bar_or_beside_a_working_share_link_stay() -> None:
    html = (
        '<ul class="follow"><li><span>微信</span></li><li><span>微博</span></li></ul>'  # no share word, no share name
        "<p>关注<span>微信</span>公众号</p>"
        '<div class="share">分享到:<a href="http://service.weibo.com/share/share.php?url=x">微博</a></div>'
        '<div class="share"><img src="/qr.png" alt="分享到微信"></div>'
        # zjfgw.zj.gov.cn: a share link named from its title; the name is the link's.
        '<div class="bdsharebuttonbox"><a href="https://connect.qq.com/widget/shareqq/index.html?url=x">'
        '<span class="a11y-proxy-sr">分享到QQ好友</span></a></div>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    text = " ".join(tree.body.text(separator=" ").split())
    assert text == "微信 微博 关注 微信 公众号 分享到: 微博 分享到QQ好友"
    assert tree.css_first("img") is not None


def test_a_share_buttons_popup_of_the_portals_address_goes_with_the_networks_name() -> None:
    # nfra.gov.cn: share.js's WeChat popup (shown on hover by its script), its
    # h4 one more heading to a screen reader; and the 更多 that opened the rest.
    html = (
        '<div class="col"><span id="share-weixin" class="share-component social-share">'
        '<div class="wechat-qrcode"><h4>分享到微信</h4><div class="qrcode">'
        '<img alt="二维码:请用手机扫码访问" src="data:image/png;base64,iVBORw0KGgo="></div>'
        '<div class="help"><p>用微信扫一扫，点击右上角分享按钮，将本文分享给您的好友或朋友圈。</p></div></div>'
        '</span>微信&nbsp;<div style="display: inline;"><span id="share-more">'
        '<img alt="" src="/more.png">更多</span></div></div><p>正文</p>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    assert " ".join(tree.body.text(separator=" ").split()) == "正文"
    assert tree.css_first("h4, img") is None
    # A share box with a working link, or a picture that is not a code, stays.
    kept = (
        '<div class="share"><h4>分享到微信</h4><img src="/photo.jpg" alt="活动现场">'
        "<p>用微信扫一扫分享</p></div>"
        '<div class="share"><h4>分享到微信</h4><img src="data:image/png;base64,iVBO=" alt="二维码">'
        '<a href="http://service.weibo.com/share/share.php?url=x">用微博分享</a><p>扫一扫</p></div>'
    )
    tree, _ = run_pass(dead_controls.run, kept)
    assert len(tree.css("h4")) == 2 and len(tree.css("img")) == 2
    # "更多" outside a share bar is the author's.
    assert text_after('<div class="list"><span>更多</span></div>') == "更多"


def test_a_font_size_switch_of_spans_and_the_portals_speech_button_go() -> None:
    # npc.gov.cn's 字号：默认 大 超大 | 打印, and gz.gov.cn's 听全文 (its cloud speech).
    html = (
        "<div class='pages_print'><span class='font'>字号：<span class='default on'>默认</span>"
        "<span class='big'>大</span><span class='bigger'>超大</span></span><span class='split'>|</span>"
        "<span class='font printIco'>打印</span></div>"
        "<ul class='fl'><li class='yybb'><img src='/i/yybb.png' alt='听全文'> 听全文<span></span></li>"
        "<li class='date'><span>2023-12-05</span></li></ul><p>广州美妆产业依靠自主创新持续发力。</p>"
    )
    assert text_after(html) == "2023-12-05 广州美妆产业依靠自主创新持续发力。"


def test_a_toolbar_of_icons_goes_and_an_icon_that_leads_somewhere_stays() -> None:
    # gz.gov.cn: each control an <i><img title=…></i> (named from the title by the
    # images pass) whose script is gone.
    html = (
        "<ul class='attr_r'><li class='fontsize'><i class='l'><img src='/i/3.png' alt='字体加大'></i></li>"
        "<li class='fontsize'><i class='m'><img src='/i/2.png' alt='字体适中'></i></li>"
        "<li class='print'><i title='打印'><img src='/i/4.png' alt='打印'></i></li>"
        "<li class='fx'><a href='/share/weibo?url=x'><img src='/i/6.png' alt='分享'></a></li></ul>"
        "<p><img src='/pic/1.jpg' alt='大'>图为展会现场。</p>"
    )
    tree, _ = run_pass(dead_controls.run, html, mode="text")
    assert [img.attrs["alt"] for img in tree.css("img")] == ["分享", "大"]
    # The emptied items go where the proxy lays the page out.
    assert len(tree.css("li")) == 1
    tree, _ = run_pass(dead_controls.run, html)
    assert [img.attrs["alt"] for img in tree.css("img")] == ["分享", "大"]


def test_a_language_switch_only_a_script_made_work_goes_and_one_of_links_stays() -> None:
    # nfra.gov.cn's second header: 繁 and EN as divs its script bound.
    html = (
        '<div class="header-right2"><div class="lang"><div>繁</div><div>EN</div>'
        '<div class="last"><img src="email-2.png" alt=""></div></div><p>搜索</p></div>'
        '<div class="language"><a href="https://big5.x.gov.cn/">繁體</a> | <a href="/en/">English</a></div>'
        '<p class="slang">中文</p><div id="langs"><span>简体</span><span>繁体</span></div>'
    )
    tree, _ = run_pass(dead_controls.run, html)
    text = tree.body.text(deep=True)  # type: ignore[union-attr]
    assert tree.css_first(".lang") is None and tree.css_first("#langs") is None
    assert "搜索" in text and [a.text() for a in tree.css(".language a")] == ["繁體", "English"]
    # One language's word alone labels something ("EN" beside a file): it stays.
    assert tree.css_first(".slang") is not None
