from __future__ import annotations

from a11y_proxy.passes import find_main, landmarks
from tests.passes.helpers import run_pass

PAGE = (
    """<body><div class="top"><img src="/logo.png" alt="x"><ul><li><a href="/1">首页</a></li>
<li><a href="/2">政务公开</a></li><li><a href="/3">政务服务</a></li><li><a href="/4">互动交流</a></li></ul></div>
<table><tr><td class="side">"""
    + "".join(f'<a href="/s{i}">相关链接第{i}条</a>' for i in range(20))
    + """</td><td><div class="TRS_Editor"><p>"""
    + "正文。" * 80
    + """</p></div></td></tr></table>
<div class="related"><a href="/r">相关阅读</a></div><div class="foot">版权所有 网站标识码 1502030001</div>
<header role="banner">old</header></body>"""
)


def both(tree, ctx):  # type: ignore[no-untyped-def]
    find_main.run(tree, ctx)
    landmarks.run(tree, ctx)


def with_main(selector: str):  # type: ignore[no-untyped-def]
    """The landmarks pass with the main content given, as find_main would find it on the real page."""

    def run(tree, ctx):  # type: ignore[no-untyped-def]
        ctx.main = tree.css_first(selector)
        landmarks.run(tree, ctx)

    return run


def test_regions_around_the_main_content() -> None:
    tree, ctx = run_pass(both, PAGE)
    mains = tree.css("main")
    assert len(mains) == 1 and mains[0].attrs["id"] == landmarks.MAIN_ID and "正文" in mains[0].text()
    assert ctx.skip_target == landmarks.MAIN_ID
    assert len(tree.css("header")) == 1 and "首页" in tree.css_first("header").text()
    assert tree.css_first("header nav[aria-label]") is not None
    assert len(tree.css("footer")) == 1 and "版权所有" in tree.css_first("footer").text()
    asides = tree.css("aside")
    labels = [a.attrs["aria-label"] for a in asides]
    assert len(labels) == len(set(labels)) >= 2
    assert any("相关链接第1条" in a.text() for a in asides) and any("相关阅读" in a.text() for a in asides)
    assert tree.css_first("[role=banner]") is None  # the template's own banner is neutralised


def test_page_without_a_found_main_is_all_main() -> None:
    tree, _ = run_pass(landmarks.run, "<body><p>短</p><p>文</p></body>")
    assert tree.css_first("main").text() == "短文"


def test_site_selectors_place_header_and_footer() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from a11y_proxy.context import PageContext
    from a11y_proxy.hosts import Allowlist

    html = (
        "<body><div id=logo>站名</div><div id=menu><a href=/1>一</a><a href=/2>二</a><a href=/3>三</a></div>"
        "<div class=TRS_Editor><p>" + "正文。" * 80 + "</p></div><div id=bottom>联系电话 0472</div></body>"
    )
    tree = LexborHTMLParser(html)
    ctx = PageContext(
        url="http://h/",
        mode="a11y",
        allowlist=Allowlist(()),
        source=html,
        header_selector="#menu",
        footer_selector="#bottom",
    )
    find_main.run(tree, ctx)
    landmarks.run(tree, ctx)
    assert tree.css_first("header #menu") is not None and tree.css_first("header nav") is not None
    assert tree.css_first("footer #bottom") is not None
    assert tree.css_first("aside #logo") is not None
    assert len(tree.css("header")) == 1 and len(tree.css("footer")) == 1


def test_a_block_with_nothing_to_perceive_is_no_region_and_no_header() -> None:
    # gd.gov.cn: an empty anchor above the site name and breadcrumb; stats.gov.cn: a
    # hidden field between two columns. Neither is a landmark a screen reader lists.
    page = (
        '<body><div id="headerAnchor"></div>'
        '<div class="wrap"><div class="SiteName"><img src="/s.png" alt="广东省人民政府"></div>'
        '<div class="pos">当前位置：<a href="/">首页</a></div>'
        '<div class="col"><input type="hidden" name="PL_CUR_CHANNEL" value="1"></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div>"
        '<div class="clear"> </div><div class="side"><a href="/r">相关阅读</a></div></div>'
        '<div id="footerAnchor"></div></body>'
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    header = tree.css_first("header")
    assert header is not None and "当前位置" in header.text() and header.css_first("img") is not None
    asides = tree.css("aside")
    assert [a.text(deep=True).strip() for a in asides] == ["相关阅读"]
    assert asides[0].attrs["aria-label"] == "页面其他内容 1"
    # The empty blocks stay where they were, in no landmark.
    assert tree.css_first("#headerAnchor").parent.tag == "body"  # type: ignore[union-attr]
    assert tree.css_first("input[type=hidden]").parent.tag == "div"  # type: ignore[union-attr]


def test_the_skip_link_leads_to_the_title_where_it_stands_above_the_main_content() -> None:
    # people.com.cn: the title block spans both columns, above the content column.
    page = (
        '<body><div class="nav"><a href="/">首页</a><a href="/w">国际</a></div>'
        '<div class="text_title"><h1>女儿出嫁，郑板桥画了几笔兰花当嫁妆</h1><div class="box01">2019年06月15日</div></div>'
        '<div class="text_con"><div class="left"><div class="box_con"><p>'
        + "正文。"
        * 80
        + "</p></div></div>"
        '<div class="right"><a href="/r">推荐阅读</a></div></div></body>'
    )
    tree, ctx = run_pass(with_main(".box_con"), page)
    title = tree.css_first("h1")
    assert ctx.skip_target == title.attrs["id"] == landmarks.TITLE_ID and title.attrs["tabindex"] == "-1"
    # A title inside the main content: the skip link leads to the main content.
    tree, ctx = run_pass(both, PAGE.replace("<p>", "<h1>标题</h1><p>", 1))
    assert ctx.skip_target == landmarks.MAIN_ID


def test_a_breadcrumb_trail_beside_the_content_is_a_navigation_named_for_it() -> None:
    page = (
        '<body><div class="top"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div><div class="wrap">'
        '<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div>"
        '<div class="side">您的位置:<a href="/">首页</a></div></div></body>'
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    trails = tree.css('nav[aria-label="当前位置"]')
    assert len(trails) == 1 and "当前位置:首页" in trails[0].text(deep=True).replace(" ", "")
    # One trail a page: a second stays a region, so landmark names stay unique.
    assert [a.attrs["aria-label"] for a in tree.css("aside")] == ["页面其他内容 1"]


def test_a_site_name_set_as_the_h1_above_the_content_is_no_title_for_the_skip_link() -> None:
    page = (
        '<body><div class="top"><h1><a href="/"><img src="/logo.png" alt="智慧昆都仑"></a></h1></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></body>"
    )
    tree, ctx = run_pass(with_main(".TRS_Editor"), page)
    assert ctx.skip_target == landmarks.MAIN_ID and "id" not in tree.css_first("h1").attrs


def test_a_trail_that_is_all_above_the_content_is_a_navigation_not_the_sites_banner() -> None:
    # xiangtan's saved page: the site header a script writes is empty; only the trail is left.
    page = (
        '<body><div id="head_disp_new"></div>'
        '<div class="place">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    assert tree.css("header") == []
    assert len(tree.css('nav[aria-label="当前位置"]')) == 1


def test_on_an_english_page_the_landmarks_the_proxy_names_are_named_in_english() -> None:
    page = (
        '<html lang="en"><body><div class="wrap"><div class="pos">当前位置: <a href="/">Home</a></div>'
        '<div class="TRS_Editor"><p>' + "Text. " * 80 + "</p></div>"
        '<div class="side"><a href="/r">Related</a></div></div></body></html>'
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    assert tree.css_first("nav").attrs["aria-label"] == "Breadcrumb"
    assert [a.attrs["aria-label"] for a in tree.css("aside")] == ["Other content 1"]


def test_a_trail_of_links_in_the_sites_header_is_the_trail_not_a_menu() -> None:
    # zjfgw (Hanweb): 当前位置： then a table of one cell a step, in the header; its
    # three links made it "网站导航 2", and a screen reader's landmark list said so.
    page = (
        '<body><div class="top"><p>浙江省发展和改革委员会 主办单位 欢迎访问本网站</p>'
        '<ul><li><a href="/1">首页</a></li><li><a href="/2">政务公开</a></li><li><a href="/3">政务服务</a></li></ul>'
        '<div class="position"><table><tr><td>当前位置：</td><td><a href="/">首页</a></td><td><table><tr>'
        '<td> &gt;<a href="/col/1/">发展改革工作</a></td><td> &gt;<a href="/col/2/">投资管理</a></td>'
        '<td> &gt;<a href="/col/3/">投资运行</a></td></tr></table></td></tr></table></div></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    assert [n.attrs["aria-label"] for n in tree.css("header nav")] == ["网站导航", "当前位置"]
    trail = tree.css_first('nav[aria-label="当前位置"]')
    assert [a.text() for a in trail.css("a")] == ["首页", "发展改革工作", "投资管理", "投资运行"]
    assert trail.parent is not None and trail.parent.tag not in ("tr", "tbody", "td")


def test_a_trail_in_a_cell_beside_the_content_or_named_so_is_its_navigation() -> None:
    # ccgp-hebei: 您当前位置： in the row of a layout table above the content's row.
    cell = (
        '<body><table><tr><td><span>您当前位置：</span><a href="/cd/">承德市</a>&gt;<a href="/wc/">围场县</a></td></tr>'
        '<tr><td><div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></td></tr></table></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), cell)
    assert [n.attrs.get("aria-label") for n in tree.css("nav, aside")] == ["当前位置"]
    # npc.gov.cn: <div class="BreadcrumbNav"> beside the content, 首页 > 国务院公报 > 2007年第23号.
    named = (
        '<body><div class="wrap"><div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/gb/">国务院公报</a></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></div></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), named)
    assert [n.attrs.get("aria-label") for n in tree.css("nav, aside")] == ["当前位置"]


def test_a_block_of_nothing_but_hidden_pictures_is_no_region() -> None:
    # nfra.gov.cn: an <svg aria-hidden="true"> of filter definitions in a box of height 0.
    page = (
        '<body><div class="wrap"><div style="height:0"><svg aria-hidden="true"><filter id="g"></filter></svg></div>'
        '<div class="TRS_Editor"><p>' + "正文。" * 80 + "</p></div></div></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    assert tree.css("aside, header, footer") == []


def test_a_region_beside_the_content_is_named_by_the_title_it_opens_with() -> None:
    # people.com.cn: 推荐阅读, 相关新闻, 精彩图集 boxes; a box whose title stands
    # after other words, and one with none, are numbered in order.
    boxes = (
        "<div class='box'><h2>推荐阅读</h2><a href='/1'>致敬改革开放四十年</a></div>"
        "<div class='box'><p>关注人民网微信</p><h3>热点推荐</h3><a href='/2'>微信</a></div>"
        "<div class='box'><h2>推荐阅读</h2><a href='/3'>一个时代的文艺</a></div>"
        "<div class='box'><a href='/4'>手机人民网</a></div>"
    )
    assert region_names_beside_the_content(boxes) == [
        "推荐阅读",
        "页面其他内容 1",
        "推荐阅读 2",
        "页面其他内容 2",
    ]


def test_a_layout_tables_last_row_that_is_the_site_footer_holds_the_footer() -> None:
    # stats.gov.cn's 区划代码 pages: 版权所有 in the row under the content's row.
    page = (
        "<body><table><tr><td><img src='/banner.png' alt='国家统计局'></td></tr>"
        "<tr><td><div class='TRS_Editor'><p>" + "正文。" * 80 + "</p></div></td></tr>"
        "<tr><td class='STYLE3'><div>版权所有：中华人民共和国国家统计局 <a href='/icp'>京ICP备05034670号</a></div></td></tr>"
        "</table></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    footer = tree.css_first("footer")
    assert footer is not None and "版权所有" in footer.text() and footer.parent.tag == "td"
    assert all("版权所有" not in aside.text() for aside in tree.css("aside"))


def test_a_region_is_named_by_the_block_its_template_calls_its_title() -> None:
    # stats.gov.cn: <div class="xgwz_tit">相关网站</div>, no heading; a title block of
    # only "| 更多" is no title, nor is a class that merely holds the letters (entity).
    boxes = (
        "<div class='xiangguanwangzhan'><div class='xgwz_tit'>相关网站</div><a href='/1'>主要全球指标</a></div>"
        "<div class='center_hot'><div class='center_hot_tit'><a href='/m'>| 更多</a></div><a href='/2'>专题</a></div>"
        "<div class='box'><div class='entity'>机构</div><a href='/3'>机构职能</a></div>"
        # pingtan: a region of only its banner, <div class="info_public_tit"><img alt=…>.
        "<div class='row'><div class='info_public_tit'><img src='/b.png' alt='政府信息公开'></div></div>"
    )
    assert region_names_beside_the_content(boxes) == [
        "相关网站",
        "页面其他内容 1",
        "页面其他内容 2",
        "政府信息公开",
    ]


def region_names_beside_the_content(boxes: str) -> list[str]:
    """The names of the regions the boxes after an article become."""
    page = (
        "<body><div class='wrap'><div class='TRS_Editor'><p>"
        + "正文。" * 80
        + f"</p></div>{boxes}</div></body>"
    )
    tree, _ = run_pass(with_main(".TRS_Editor"), page)
    return [a.attrs["aria-label"] for a in tree.css("aside")]
