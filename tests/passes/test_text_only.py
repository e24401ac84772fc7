from __future__ import annotations

from a11y_proxy.passes import tables, text_only
from tests.passes.helpers import run_pass


def test_images_become_their_words_and_media_become_links() -> None:
    tree, ctx = run_pass(
        text_only.run,
        '<link rel="stylesheet" href="/s.css"><style>p{}</style><p style="color:red">'
        '<img src="/a.png" alt="启动仪式"><img src="/b.gif" alt=""></p>'
        '<iframe src="/a11y/http://h/map.html" title="地图"></iframe><video src="/v.mp4"></video>'
        '<table width="600"><tr><td bgcolor="red">1</td></tr></table>'
        '<input type="image" src="/go.png" alt="搜索">',
    )
    assert tree.css_first("img") is None
    assert tree.css_first("span.a11y-text-image").text() == "[图片:启动仪式]"
    assert [a.text() for a in tree.css("a")] == ["[地图]", "[视频]"]
    assert tree.css_first("[style], [width], [bgcolor], link, style") is None
    assert tree.css_first("table td").text() == "1"
    button = tree.css_first("input")
    assert button.attrs["type"] == "submit" and button.attrs["value"] == "搜索"
    assert ctx.stylesheets == [text_only.STYLESHEET]


# An old portal's article column: a layout table whose cell holds the report's
# data table (th-less, Word-pasted), which the tables pass gives its headers.
LAID_OUT_REPORT = (
    "<table width='1000'><tr><td width='200'><a href='/'>首页</a></td><td>"
    "<p>二、主动公开政府信息情况</p><table border='1'>"
    "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td></tr>"
    "<tr><td>规章</td><td>3</td><td>0</td></tr>"
    "<tr><td>行政规范性文件</td><td>12</td><td>2</td></tr></table></td></tr></table>"
)


def test_a_data_table_in_a_layout_tables_cell_keeps_its_headers() -> None:
    def passes(tree, ctx):  # type: ignore[no-untyped-def]
        tables.run(tree, ctx)
        text_only.run(tree, ctx)

    tree, _ = run_pass(passes, LAID_OUT_REPORT)
    (table,) = tree.css("table")  # the layout table became blocks, the data table did not
    assert [th.text() for th in table.css("th[scope=col]")] == ["信息内容", "本年制发件数", "本年废止件数"]
    assert [th.text() for th in table.css("th[scope=row]")] == ["规章", "行政规范性文件"]
    assert len(table.css("td")) == 4
    assert all(child.tag in ("caption", "thead", "tbody", "tr") for child in table.iter())


def test_a_portals_fixed_width_viewport_gives_way_to_the_devices() -> None:
    tree, _ = run_pass(
        text_only.run,
        '<head><meta name="viewport" content="width=1100, initial-scale=0.3"></head><p>正文</p>',
        mode="text",
    )
    assert [m.attrs["content"] for m in tree.css("meta[name=viewport]")] == [
        "width=device-width, initial-scale=1"
    ]


def test_a_pictures_words_that_the_text_beside_it_says_or_a_qr_code_are_not_repeated() -> None:
    html = (
        # people.com.cn: the alt is the blurb printed beside the photo.
        '<p><img src="/m.png" alt="致敬改革开放四十年，文化大家讲述亲历"><strong>致敬改革开放四十年，'
        "文化大家讲述亲历</strong></p>"
        # The demo portal: its QR code and the caption under it.
        '<td class="qr"><img src="/qr.png" alt="二维码:请用手机扫码访问"><p>请用手机<br>扫码访问</p></td>'
        # A photo with its own words, and a picture that is all of its link.
        '<p><img src="/a.png" alt="启动仪式现场"> 会议在京举行</p>'
        '<p><a href="/zt.html"><img src="/zt.png" alt="专题:政府信息公开"></a> 专题:政府信息公开</p>'
    )
    tree, _ = run_pass(text_only.run, html)
    assert [s.text() for s in tree.css("span.a11y-text-image")] == [
        "[图片:启动仪式现场]",
        "[图片:专题:政府信息公开]",
    ]
    # The QR code went, and its caption with it: it would caption nothing.
    assert "请用手机" not in tree.html and tree.css_first("img") is None  # type: ignore[operator]


def test_links_that_touch_are_kept_apart_once_the_portals_padding_is_gone() -> None:
    # people.com.cn's channel bar: <a>网站首页</a><a>时政</a>…, spaced by its stylesheet.
    tree, _ = run_pass(
        text_only.run,
        '<div><a href="/">网站首页</a><a href="/sz/">时政</a><a href="/gj/">国际</a></div>'
        '<p>见<a href="/a">通知</a>和<a href="/b">附件</a>。</p>',
    )
    assert tree.body is not None
    assert tree.body.text(deep=True) == "网站首页 时政 国际见通知和附件。"


def test_a_box_title_and_its_more_link_are_kept_apart_but_running_text_is_not_touched() -> None:
    tree, _ = run_pass(
        text_only.run,
        '<div class="tit"><span>政府信息公开年报</span><a href="/nb/">更多</a></div>'
        '<p><span>；电子邮箱：</span><a href="mailto:a@b.cn">a@b.cn</a><span>）。</span></p>'
        '<div><a href="/x">承德市</a><br><span>（已结束）</span><a href="/y">围场县</a></div>'
        '<p>见<a href="/gk/">政府信息</a><a href="/gk/">公开</a>专栏</p>',
    )
    assert tree.body is not None
    assert [d.text(deep=True) for d in tree.css("div, p")] == [
        "政府信息公开年报 更多",
        "；电子邮箱：a@b.cn）。",
        "承德市（已结束）围场县",
        "见政府信息公开专栏",
    ]
