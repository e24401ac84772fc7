from __future__ import annotations

from a11y_proxy.passes import empty_sections
from tests.passes.helpers import run_pass


def body_of(html: str, mode: str = "a11y") -> str:
    tree, _ = run_pass(empty_sections.run, "<body>" + html + "</body>", mode=mode)
    assert tree.body is not None
    return "".join(tree.body.html.split())  # type: ignore[union-attr]


def test_an_empty_list_goes_with_the_label_over_it() -> None:
    # gz.gov.cn: filled from the search API; the portal's script hides the block when empty.
    html = (
        '<div class="info_xgfj"><div class="info_xgxw_title">相关附件</div><ul id="ul_xgfj">\n  </ul></div>'
        '<div class="info_xgxw"><div class="info_xgxw_title">相关新闻</div>'
        '<ul><li><a href="/a.html">广州美妆</a></li></ul></div>'
    )
    out = body_of(html)
    assert "相关附件" not in out and "ul_xgfj" not in out
    assert "相关新闻" in out and "广州美妆" in out


def test_a_label_beside_its_empty_frame_goes_when_it_heads_nothing_else() -> None:
    # pingtan: each title and its list's frame are shown by one template condition.
    html = (
        '<div class="col"><div class="title_base"><div class="title_name">文字解读</div></div>'
        '<div class="list_base" ms-visible="list.length>0"><ul><li ms-repeat="list"> </li></ul></div>'
        '<div class="title_base"><div class="title_name">图片解读</div></div>'
        '<div class="list_base" ms-visible="list1.length>0"><ul><li ms-repeat="list1"> </li></ul></div></div>'
    )
    out = body_of(html)
    assert "文字解读" not in out and "图片解读" not in out and "<ul>" not in out
    # A label that heads more than the empty list stays.
    kept = body_of("<div><h3>联系我们</h3><ul></ul><p>地址:北京市西城区月坛南街57号</p></div>")
    assert "联系我们" in kept and "<ul>" not in kept
    kept = body_of(
        '<div><div class="t">热点</div><div class="l"><ul></ul></div><div class="m">更多</div></div>'
    )
    assert "热点" in kept


def test_a_frame_with_words_of_its_own_keeps_them() -> None:
    out = body_of("<div><p>本栏目暂无附件。请返回首页查看其他栏目的信息。</p><ul></ul></div>")
    assert "本栏目暂无附件" in out and "<ul>" not in out
    # A list of pictures or controls is not empty.
    assert "<ul><li><imgsrc=" in body_of('<div>专题<ul><li><img src="/zt.png" alt="专题"></li></ul></div>')


def test_a_canvas_becomes_its_fallback_content() -> None:
    out = body_of(
        '<p><canvas width="400" height="300"><img src="/chart.png" alt="2023年收入图"></canvas></p>'
    )
    assert "<canvas" not in out and 'alt="2023年收入图"' in out
    assert "<canvas" not in body_of('<div><canvas id="Canvas" width="132" height="132"></canvas></div>')


def test_the_caption_of_a_qr_code_a_script_was_to_draw_goes() -> None:
    # gz: the code was drawn on the canvas; the empty div is the script's target.
    html = (
        '<div class="content_extended"><dl class="content_ewm"><dt><div id="qr_container"></div>'
        '<canvas id="Canvas" width="132" height="132"></canvas></dt><dd>扫一扫在手机打开当前页</dd></dl></div>'
    )
    assert "扫一扫" not in body_of(html) and "<dl" not in body_of(html)  # no <dl> of a lone <dt>
    # shanxi: the caption is the term, the code's script target the description.
    shanxi = '<dl class="qcode"><dt>扫一扫在手机打开当前页面</dt><dd><div id="qrcodeCanvas"></div></dd></dl>'
    assert "<dl" not in body_of(shanxi, mode="elder")
    # A list that says more keeps its groups whole.
    kept = body_of(
        "<dl><dt>扫码关注</dt><dd><div></div></dd><dt>电话</dt><dd>0472-5990381</dd></dl>", mode="elder"
    )
    assert "扫码关注" in kept and "电话" in kept
    # The caption of a code that is a picture stays, and words split by markup go whole.
    assert "扫一扫" in body_of(
        '<div class="ewm"><img src="/ewm.png" alt="二维码"><p>扫一扫关注微信</p></div>'
    )
    assert "在手机打开" not in body_of(
        "<div><canvas></canvas><dd><span>扫一扫</span>在手机打开当前页</dd></div>"
    )


def test_a_code_the_portals_stylesheet_draws_keeps_its_caption_where_the_stylesheet_applies() -> None:
    # gz's floating bar: the code is the background of an empty <b>.
    html = '<li><div class="item-hover"><b class="qrcode-shb"></b><span>扫一扫<br>下载“穗好办”APP</span></div></li>'
    assert "穗好办" in body_of(html, mode="a11y")
    assert "qrcode-shb" in body_of(html, mode="a11y")
    # 适老版 drops the portal's stylesheets: nothing draws it, the caption goes (the element stays).
    elder = body_of(html, mode="elder")
    assert "穗好办" not in elder and "qrcode-shb" in elder


def test_the_element_a_script_was_to_draw_the_code_in_is_no_picture_where_the_stylesheet_applies() -> None:
    # pingtan: the page's script draws into #qrcode (shareOnMobileId: "#qrcode"); the
    # frame's class says qrcode too. Caption and empty frame go, in every mode.
    html = (
        '<div class="article_qrcode_area"><div class="article_qrcode"><p>扫一扫在手机上查看当前页面</p>'
        '<div class="ewm-img" id="qrcode"></div></div></div>'
    )
    script = '<script>var cfg = {shareOnMobileId: "#qrcode"};</script>'
    for mode in ("a11y", "elder", "text"):
        out = body_of(html + script, mode=mode)
        assert "扫一扫" not in out and 'id="qrcode"' not in out
    # shanxi, saved with its drawn canvas: the article's own pictures around the
    # code's block are not the code.
    shanxi = (
        '<div class="art"><p><img src="/photo.jpg" alt="活动现场"></p>'
        '<dl class="qcode"><dt>扫一扫在手机打开当前页面</dt><dd><div id="qrcodeCanvas">'
        '<canvas width="150" height="150"></canvas></div></dd></dl></div>'
    )
    for mode in ("a11y", "elder"):
        out = body_of(shanxi, mode=mode)
        assert "扫一扫" not in out and "<dl" not in out and "活动现场" in out
    # An empty element no script names stays a code the stylesheet may draw (a11y).
    drawn = '<div class="wx"><div id="wxcode" class="qrcode"></div><p>扫一扫关注微信公众号</p></div>'
    assert "扫一扫" in body_of(drawn, mode="a11y")


def test_a_code_of_this_page_is_the_pages_qr_scripts_to_draw_in_a_box_its_caption_names() -> None:
    # xiangtan: the caption's own box is the one jquery.qrcode.js (loaded by the
    # page, called from its external base.js) was to draw in. The article's
    # photo is not a code; nothing is left to scan in any mode.
    article = (
        '<div class="art"><p>正文</p><p><img src="/photo.jpg" alt="展览现场"></p>'
        '<div id="div_div" style="text-align:center"><div id="qr_container" style="margin:auto">'
        "扫一扫在手机打开当前页</div></div></div>"
    )
    library = '<script src="static/js/jquery.qrcode.js" type="text/javascript"></script>'
    for mode in ("a11y", "elder", "text"):
        out = body_of(article + library, mode=mode)
        assert "扫一扫" not in out and "qr_container" not in out and "展览现场" in out
    # Without a script that draws codes, the stylesheet may draw it (a11y keeps it).
    assert "扫一扫" in body_of(article, mode="a11y")
    # A QR picture beside the caption is the code, script or not.
    pictured = article.replace(
        '<div id="qr_container"', '<img src="/images/qrcode.png"><div id="qr_container"'
    )
    out = body_of(pictured + library, mode="a11y")
    assert "扫一扫" in out and "qrcode.png" in out


def test_the_portals_own_code_of_this_page_goes_with_its_caption() -> None:
    # nfra, saved after its script drew the portal's address: a phone would leave
    # the accessible view; the proxy's own code continues the page.
    html = (
        '<div id="qrcode" title="https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1">'
        '<div>手机扫一扫打开此页</div><img alt="二维码" src="data:image/png;base64,iVBORw0KGgo="></div><p>正文</p>'
    )
    out = body_of(html)
    assert "扫一扫" not in out and "data:image" not in out and "正文" in out
    # The portal's code of its app or account (a file, not drawn of this page) stays.
    kept = body_of('<div class="ewm"><img src="/ewm.png" alt="二维码"><p>扫一扫打开此页</p></div>')
    assert "扫一扫" in kept and "/ewm.png" in kept
    kept = body_of(
        '<div class="ewm"><p>扫一扫关注</p><img alt="公众号" src="data:image/png;base64,iVBO="></div>'
    )
    assert "扫一扫关注" in kept and "data:image" in kept


def test_words_about_scanning_that_are_not_a_caption_stay() -> None:
    assert "扫码下载" in body_of('<p><a href="/app.html">扫码下载APP</a></p>')
    assert "扫描件" in body_of(
        "<p>扫描件须加盖公章，并于每年三月底前报送本级政府信息公开工作主管部门，逾期不予受理。</p>"
    )


def test_the_main_content_is_never_taken_for_an_empty_frame() -> None:
    html = '<div id="zoom"><h1>通知</h1><ul></ul></div>'
    tree, ctx = run_pass(lambda t, c: None, "<body>" + html + "</body>")
    ctx.main = tree.css_first("#zoom")
    empty_sections.run(tree, ctx)
    assert tree.css_first("#zoom") is not None and "通知" in tree.body.text()  # type: ignore[union-attr]


def test_nested_and_neighbouring_empty_lists_are_removed_once() -> None:
    html = "<div>附件<ul></ul><ol></ol></div><ul><li><ul></ul></li></ul><div><dl></dl></div>"
    out = body_of(html)
    assert "<ul" not in out and "<ol" not in out and "<dl" not in out and "附件" not in out


def test_a_view_counter_no_script_fills_goes_and_a_filled_one_stays() -> None:
    # zjfgw: <span>浏览次数： </span> (the script that wrote the number is gone).
    html = (
        '<div class="small-title"><span>发布日期：2016-11-22</span><span>浏览次数： </span>'
        "<span>信息来源：省发改委</span></div>"
        '<div class="ainfo">点击量:<span id="hits">14215</span></div><p>浏览量：-</p>'
    )
    out = body_of(html)
    assert "浏览次数" not in out and "浏览量" not in out
    assert "发布日期：2016-11-22" in out and "信息来源：省发改委" in out and "点击量:" in out
