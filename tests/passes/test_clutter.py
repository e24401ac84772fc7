from __future__ import annotations

from a11y_proxy.passes import clutter
from tests.passes.helpers import run_pass


def test_marquee_becomes_still_text_and_blink_is_unwrapped() -> None:
    tree, _ = run_pass(clutter.run, "<marquee scrollamount=3>通知公告</marquee><blink>新</blink>")
    assert tree.css_first("marquee") is None and tree.css_first("p").text() == "通知公告"
    assert tree.css_first("blink") is None and "新" in tree.body.text()


def test_floating_windows_and_popups_are_removed() -> None:
    tree, _ = run_pass(
        clutter.run,
        '<div id="piao" style="position:absolute;z-index:999"><a href="/x">飘窗</a></div>'
        '<div class="couplet-left">对联</div><table id="tbNotice" style="display:none;'
        'z-index:999;position:absolute"><tr><td>公告</td></tr></table><p>正文</p>',
    )
    assert tree.body.text().strip() == "正文"


def test_floating_windows_are_found_whatever_the_case_of_their_names() -> None:
    """The candidates are chosen from the lower-cased source, then matched case-blind."""
    tree, _ = run_pass(
        clutter.run,
        '<DIV CLASS="FloatAd_Right">广告</DIV><span ID="PiaoChuang1">飘窗</span>'
        '<div STYLE="POSITION:FIXED;Z-INDEX:1000">浮动层</div><p>正文</p>',
    )
    assert tree.body.text().strip() == "正文"


def test_positioned_but_not_floating_blocks_stay() -> None:
    tree, _ = run_pass(clutter.run, '<div style="position:absolute;z-index:2">菜单</div>')
    assert "菜单" in tree.body.text()


def test_counter_frames_go_and_other_frames_get_a_title() -> None:
    tree, _ = run_pass(
        clutter.run,
        '<iframe src="/tongji/count.html"></iframe><iframe src="/a11y/http://h/list.html">'
        '</iframe><iframe src="/x" width="1" height="1"></iframe>',
    )
    frames = tree.css("iframe")
    assert len(frames) == 1 and frames[0].attrs["title"] == "嵌入的网页内容"


def test_autoplay_media_stop_and_get_controls() -> None:
    tree, _ = run_pass(clutter.run, '<video autoplay src="/v.mp4"></video>')
    video = tree.css_first("video")
    assert "autoplay" not in video.attrs and "controls" in video.attrs


def test_media_with_nothing_to_play_is_removed_and_playable_media_stay() -> None:
    tree, _ = run_pass(
        clutter.run,
        '<p>附件信息:</p><video src="" controls width="740"></video><audio controls>'
        '<source src=""></audio><video controls><source src="/a11y/http://www.x.gov.cn/v.mp4"></video>'
        '<audio src="/a11y/http://www.x.gov.cn/a.mp3" autoplay></audio>',
    )
    assert [n.tag for n in tree.css("video, audio")] == ["video", "audio"]
    assert tree.css_first("source").attrs["src"] == "/a11y/http://www.x.gov.cn/v.mp4"
    audio = tree.css_first("audio")
    assert "autoplay" not in audio.attrs and "controls" in audio.attrs


def test_media_whose_source_was_on_a_host_not_served_is_removed() -> None:
    """The link rewriter runs first and drops the source; what is left plays nothing."""
    from a11y_proxy.passes import rewrite_links

    tree, ctx = run_pass(rewrite_links.run, '<video controls src="http://cdn.example.com/v.mp4"></video>')
    clutter.run(tree, ctx)
    assert tree.css_first("video") is None


def test_blocks_an_angular_page_left_hidden_stay_hidden() -> None:
    """angular.js hides .ng-hide with a stylesheet it injects; without its script the
    hidden copy of the notice would show and be read twice."""
    tree, _ = run_pass(
        clutter.run,
        '<div class="content ng-scope"><p>行政处罚信息公开表</p></div>'
        '<div class="content guizhang ng-hide"><p>行政处罚信息公开表</p></div><span ng-cloak>{{x.title}}</span>',
    )
    assert tree.body.text(deep=True).count("行政处罚信息公开表") == 1
    assert "{{" not in tree.body.text(deep=True)


def test_blocks_the_portal_hides_for_another_state_go_but_hidden_menus_and_content_stay() -> None:
    links = "".join(f'<li><a href="/col/{i}.html">栏目{i}</a></li>' for i in range(3))
    html = (
        # zjfgw: data a script reads; gz: the logged-in state; gd: a dialog template.
        '<div id="hiddenLocation" style="display:none;"><span>3185</span><span>/col/col1599522/index.html</span></div>'
        '<li class="dlout" style="display: none; margin-right:10px"><a href="/logout">退出</a></li>'
        '<div class="aTips" style="DISPLAY:NONE"><div class="text">您访问的链接即将离开</div></div>'
        '<p style="visibility: hidden">x</p>'
        # A tab panel or drop-down a script would show, and a hidden article: kept.
        f'<div id="con_news_2" style="display:none"><ul>{links}</ul></div>'
        f'<div class="zhengwen" style="display:none">{"正文" * 120}</div>'
        '<p style="color:none-such">看得见</p>'
    )
    tree, _ = run_pass(clutter.run, html)
    text = tree.body.text()
    for gone in ("3185", "退出", "即将离开", "x"):
        assert gone not in text, gone
    assert tree.css_first("#con_news_2") is not None and tree.css_first(".zhengwen") is not None
    assert "看得见" in text


DREAMWEAVER_FLASH = """<object classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000" width="95" height="20"
 title="Main Page"><param name="movie" value="flash/button_index_EN.swf"><param name="quality" value="high">
<object type="application/x-shockwave-flash" data="flash/button_index_EN.swf" width="92" height="20">
<param name="quality" value="high"><div><h4>這個頁面上的內容需要較新版本的 Adobe Flash Player。</h4>
<p><a href="http://www.adobe.com/go/getflashplayer"><img src="get_flash_player.gif" alt="取得 Adobe Flash Player"
 width="112" height="33"></a></p></div></object></object>"""


def test_flash_objects_go_with_the_flash_installers_box_and_keep_what_they_offer_instead() -> None:
    tree, _ = run_pass(
        clutter.run, f"<body><div id=nav>{DREAMWEAVER_FLASH}<a href='/en/'>Home</a></div></body>"
    )
    nav = tree.css_first("#nav")
    assert nav is not None and nav.css_first("object, param, img, h4") is None
    assert "Flash" not in nav.text() and "Home" in nav.text()
    tree, _ = run_pass(
        clutter.run,
        '<body><object data="/banner.swf" type="application/x-shockwave-flash">'
        '<a href="/zt/"><img src="/banner.jpg" alt="专题"></a></object><embed src="/m.swf"></body>',
    )
    assert tree.css_first("object, embed") is None
    assert tree.css_first('a[href="/zt/"] img[alt="专题"]') is not None


def test_an_object_that_is_not_flash_stays() -> None:
    tree, _ = run_pass(
        clutter.run, '<body><object data="/report.pdf" type="application/pdf">报告</object></body>'
    )
    assert tree.css_first("object") is not None


def test_an_unnamed_frame_is_called_what_its_address_or_box_says_it_holds() -> None:
    tree, _ = run_pass(
        clutter.run,
        '<div class="area_weather"><iframe src="/a11y/http://h/w.html"></iframe></div>'
        '<iframe name="ditu" src="/a11y/http://h/baidu-ditu.html"></iframe>'
        '<iframe name="栏目" src="/a11y/http://h/list.html"></iframe>',
    )
    assert [f.attrs["title"] for f in tree.css("iframe")] == ["天气预报", "地图", "栏目"]
