from __future__ import annotations

from a11y_proxy.passes import images, neutralise_scripts, rewrite_links
from tests.passes.helpers import run_pass, run_passes

HEAD = '<head><meta name="SiteName" content="智慧昆都仑"></head>'


def alts(html: str) -> list[str]:
    tree, _ = run_pass(images.run, HEAD + "<body>" + html + "</body>")
    return [img.attrs.get("alt", "?") for img in tree.css("img")]


def test_meaningful_alt_is_kept_and_placeholders_are_not_meaningful() -> None:
    assert alts('<img src="a.jpg" alt="山西品牌丝路行启动仪式">') == ["山西品牌丝路行启动仪式"]
    assert alts('<img src="a.jpg" alt="图片" title="启动仪式">') == ["启动仪式"]


def test_logo_is_named_after_the_site() -> None:
    assert alts('<a href="/a11y/http://www.x.gov.cn/index.html"><img src="/images/top.png"></a>') == [
        "智慧昆都仑(首页)"
    ]
    assert alts('<img src="/images/logo.png">') == ["智慧昆都仑"]


def test_qr_codes_are_described_as_such() -> None:
    assert alts('<img src="/images/qrcode.png">') == ["二维码:请用手机扫码访问"]
    # qrcode.js draws every code with alt="Scan me!" (NFRA's page, saved rendered).
    assert alts('<div id="code"><img alt="Scan me!" src="data:image/png;base64,iVBORw0KGgo="></div>') == [
        "二维码:请用手机扫码访问"
    ]


def test_spacers_and_unlinked_unnamed_images_are_decorative() -> None:
    assert alts('<img src="/images/spacer.gif" width="20" height="1">') == [""]
    assert alts('<img src="/images/W020190918234243033577.jpg">') == [""]


def test_image_only_links_get_a_name_and_images_beside_text_do_not_repeat_it() -> None:
    assert alts('<a href="/x" title="政务公开"><img src="/i/a.png"></a>') == ["政务公开"]
    assert alts('<a href="/x"><img src="/i/a.png"></a>') == ["链接图片"]
    assert alts('<a href="/x"><img src="/i/zwgk_banner.png"></a>') == ["zwgk banner"]
    assert alts('<a href="/x"><img src="/i/a.png" alt="平潭发布"> 平潭发布</a>') == [""]
    # The caption already says it; repeating it as alt would be read twice.
    assert alts('<figure><img src="/p.jpg"><figcaption>会议现场</figcaption></figure>') == [""]
    assert alts(
        '<figure><a href="/p.html"><img src="/p.jpg"></a><figcaption>会议现场</figcaption></figure>'
    ) == ["链接图片"]


def test_a_file_name_alt_gives_its_chinese_words_without_extension_date_or_cms_labels() -> None:
    # TRS WCM writes the uploaded file's name as the alt (stats.gov.cn column page).
    link = '<a href="/zt/{0}/"><img src="/w020190906617613409884_r75.jpg" alt="{0}"></a>'
    assert alts(link.format("第十届开放日外网小图-0906.jpg")) == ["第十届开放日"]
    assert alts(link.format("“不忘初心”外网小图-0617.jpg")) == ["“不忘初心”"]
    assert alts(link.format("金砖国家统计手册-1129.jpg")) == ["金砖国家统计手册"]
    assert alts(link.format("两会外网底部小图-0223.jpg")) == ["两会"]
    assert alts(link.format("外网底部小图（全国住户调查）-1012.jpg")) == ["全国住户调查"]
    assert alts(link.format("外网热点专题两会小图_main.fw.png")) == ["热点专题两会"]
    assert alts(link.format("2017金砖国家联合统计手册-0322.jpg")) == ["2017金砖国家联合统计手册"]
    # A picture in the text whose alt is its file name: the words, not decoration.
    assert alts('<img src="/p/1.jpg" alt="领导调研现场_20231012.JPG">') == ["领导调研现场"]
    # No words in the file name: as if there were no alt.
    assert alts(link.format("外网小图-0816.jpg")) == ["链接图片"]
    assert alts(link.format("2020gjzwfw.jpg")) == ["链接图片"]
    assert alts(link.format("图片1.jpg")) == ["链接图片"]
    assert alts('<img src="/p/1.jpg" alt="照片 (2).png">') == [""]


def test_a_coded_file_name_is_not_read_out_as_a_name() -> None:
    # "top03_1.png": a template's sprite code; a screen reader would say "top03 1".
    assert alts('<a href="/zjtj/"><img src="/images/top03_1.png"></a>') == ["链接图片"]
    assert alts('<a href="/x"><img src="/i/b01.gif"></a>') == ["链接图片"]
    assert alts('<a href="/x"><img src="/i/领导信箱.png"></a>') == ["领导信箱"]
    # A template's words for a picture's place or state name nothing either.
    assert alts(
        '<a href="/x"><img src="/i/select_01.png"></a><a href="/y"><img src="/i/btn-left.gif"></a>'
    ) == [
        "链接图片",
        "链接图片",
    ]


def test_only_a_link_to_this_sites_own_root_names_a_picture_after_the_site() -> None:
    # nfra.gov.cn's header: its mail icon links to https://mail.nfra.gov.cn (another
    # host's root), its banner to the 政务服务 platform's.
    html = (
        '<a href="https://mail.x.gov.cn"><img src="/i/email.png"></a>'
        '<a href="https://zwfw.x.gov.cn/#/home"><img src="/i/select_01.png"></a>'
        '<a href="https://other.gov.cn/"><img src="/i/a1.png"></a>'
        '<a href="http://www.x.gov.cn/"><img src="/i/a2.png"></a><a href="/index.html"><img src="/i/a3.png"></a>'
    )
    assert alts(html) == ["电子邮箱", "政务服务", "链接图片", "智慧昆都仑(首页)", "智慧昆都仑(首页)"]
    tree, _ = run_pass(
        images.run,
        HEAD + '<body><a href="http://x.gov.cn/"><img src="/i/a4.png"></a></body>',
        url="http://zwgk.x.gov.cn/a.html",
    )
    assert tree.css_first("img").attrs.get("alt") == "智慧昆都仑(首页)"  # a parent site's home


def test_an_external_image_link_is_named_from_its_image_not_from_the_proxys_mark() -> None:
    """The link rewriter's "leaving" mark is not the link's own words."""
    tree, ctx = run_pass(
        rewrite_links.run,
        HEAD
        + '<body><a href="http://other.example.com/gov"><img src="http://www.x.gov.cn/i/zwgk_banner.png">'
        "</a></body>",
    )
    images.run(tree, ctx)
    assert tree.css_first("img").attrs.get("alt") == "zwgk banner"


def test_the_footer_badges_every_government_site_carries_are_named() -> None:
    footer = (
        '<a href="http://bszs.conac.cn/sitename?method=show&id=0123"><img src="/images/conac.png"></a>'
        '<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1502030001">'
        '<img src="/images/jiucuo.png"></a>'
        '<a href="http://service.weibo.com/share/share.php?url="><img src="/images/weibo.png"></a>'
    )
    assert alts(footer) == ["党政机关网站标识", "政府网站找错", "分享到新浪微博"]


def test_a_list_item_holding_only_a_decorative_picture_is_a_spacer() -> None:
    # stats.gov.cn's menu: <li><img src="top03_a.png"></li> between the groups.
    html = '<ul><li><a href="/a">统计动态</a></li><li><img src="/images/top03_a.png"></li><li><img src="/s.png" alt="统计局"></li></ul>'
    tree, _ = run_pass(images.run, html, mode="text")
    assert len(tree.css("li")) == 2 and tree.css_first("img[alt='统计局']") is not None
    tree, _ = run_pass(images.run, html)
    assert [li.attrs.get("aria-hidden") for li in tree.css("li")] == [None, "true", None]


def test_a_picture_link_with_no_name_takes_the_words_of_a_link_to_the_same_place() -> None:
    # nfra.gov.cn's leaders: a photo link and a name link to the same page; stats.gov.cn's
    # menu tabs drawn as pictures beside the text menu.
    html = (
        '<div class="photos"><a href="/ld/25.html"><img src="/u/9f3a1c.jpg"></a></div>'
        '<ul class="menu"><li><a href="/tjgz/"><img src="/images/top03_1.png"></a></li>'
        '<li><a href="/other/"><img src="/images/b01.gif"></a></li></ul>'
        '<div class="names"><p>领导:<a href="/ld/25.html">李云泽</a></p><p><a href="/tjgz/">统计工作</a></p></div>'
    )
    tree, _ = run_pass(images.run, html)
    assert [i.attrs["alt"] for i in tree.css("img")] == ["李云泽", "统计工作", "链接图片"]


def test_a_picture_link_to_a_page_the_pager_numbers_is_named_as_that_page() -> None:
    # people.com.cn: an article's photos link to its next page, whose pager link says "【2】".
    html = (
        '<p><a href="/a-2.html"><img src="/p/MAIN2019061418070003.jpg"></a></p>'
        '<div class="zdfy"><a href="/a.html">【1】</a><a href="/a-2.html">【2】</a><a href="/a-3.html">3</a></div>'
        '<p><a href="/a-3.html"><img src="/p/MAIN2019061413200000.png"></a></p>'
    )
    tree, _ = run_pass(images.run, html)
    assert [i.attrs["alt"] for i in tree.css("img")] == ["第2页", "第3页"]


def test_a_picture_link_beside_its_twin_of_words_is_left_to_the_mouse() -> None:
    # nfra.gov.cn, as served: each leader's photo and name link to the same page, in one card.
    html = (
        '<div class="pic-content"><div class="pic-content-l"><a href="/ld/25.html" target="_blank">'
        '<img src="/u/2283a6d6.png"></a></div>'
        '<div class="pic-content-r"><div class="title"><a href="/ld/25.html">李云泽</a></div></div></div>'
        # A list of news items with pictures: each item is its own card.
        '<ul><li><a href="/n1.html"><img src="/n1.jpg"></a><a href="/n1.html">新闻一</a></li>'
        '<li><a href="/n2.html"><img src="/n2.jpg" alt="会场"></a><span>新闻二</span></li></ul>'
    )
    tree, _ = run_pass(images.run, html)
    photo, name = tree.css("div.pic-content a")
    assert photo.attrs.get("aria-hidden") == "true" and photo.attrs.get("tabindex") == "-1"
    assert photo.css_first("img").attrs.get("alt") == ""  # type: ignore[union-attr]
    assert "aria-hidden" not in name.attrs
    first, second = tree.css("li")
    assert first.css_first("a").attrs.get("aria-hidden") == "true"  # type: ignore[union-attr]
    assert "aria-hidden" not in second.css_first("a").attrs  # type: ignore[union-attr]
    assert second.css_first("img").attrs.get("alt") == "会场"  # type: ignore[union-attr]


def test_the_twin_left_to_the_mouse_stays_a_link_and_text_mode_shows_the_name_once() -> None:
    from a11y_proxy.passes import links, text_only

    html = (
        '<div class="card"><a href="/a11y/http://www.x.gov.cn/ld/25.html"><img src="/u/1.png"></a>'
        '<a href="/a11y/http://www.x.gov.cn/ld/25.html">李云泽</a></div>'
    )
    tree, _ = run_passes((images.run, links.run), html)
    assert len(tree.css(".card a")) == 2  # the links pass keeps the nameless twin
    tree, _ = run_passes((images.run, links.run, text_only.run), html, mode="text")
    assert [a.text() for a in tree.css(".card a")] == ["李云泽"]


def test_a_picture_in_an_a_with_no_address_is_not_named_as_a_link_home() -> None:
    # pingtan.gov.cn's footer icons and www.gov.cn's search toggle: <a href="javascript:;">,
    # its address gone with the script, is a placeholder, not a link to the site's front page.
    assert alts(
        '<a title="平潭文旅"><span><img src="/images/foot-icon4.png" alt=""></span>平潭文旅</a>'
        '<a class="search" id="searchBtn"><img class="s1" src="/images/gtrs_newsearch.png" alt=""></a>'
        '<a href="/a11y/http://www.x.gov.cn/"><img src="/images/top.png"></a>'
    ) == ["", "", "智慧昆都仑(首页)"]


def test_a_picture_with_no_address_shows_nothing_and_its_link_goes_with_it() -> None:
    from a11y_proxy.passes import links

    # people.com.cn's icons come from its own host: where that host is not served,
    # the link pass drops the picture's address, and nothing is left to see.
    html = (
        '<p><a href="/map.html"><img src="http://www.people.com.cn/img/icon02.gif" width="29" height="29"></a>'
        '<a href="/bbs"><img width="29"></a><a href="/pic"><img alt="国徽"></a> 文化</p>'
    )
    tree, ctx = run_passes((rewrite_links.run, images.run), HEAD + "<body>" + html + "</body>")
    assert [img.attrs.get("alt") for img in tree.css("img")] == ["", "", "国徽"]
    links.run(tree, ctx)
    # An author's words show in place of a missing picture (HTML: img "represents" its alt).
    assert [a.attrs["href"] for a in tree.css("a")] == ["/a11y/http://www.x.gov.cn/pic"]


def test_an_icon_in_its_own_box_is_silent_when_its_words_stand_beside_it() -> None:
    # gz.gov.cn's date line: each label an icon named by its title, in an <i>.
    html = (
        '<ul><li class="ly"><i><img src="/i/r3.png" title="来源"></i><span>来源：广州日报</span></li>'
        '<li class="date"><i><img src="/i/r1.png" title="发布时间"></i><span>2023-12-05</span></li></ul>'
    )
    # The second's words are not beside it: its name is the label the date needs.
    assert alts(html) == ["", "发布时间"]


def test_file_name_and_class_hints_count_in_any_letter_case() -> None:
    # The hints are matched on lower-cased text (for speed), so upper case must still count.
    assert alts('<img src="/images/QRCode.PNG">') == ["二维码:请用手机扫码访问"]
    assert alts('<img src="/images/top.png" class="Site-LOGO">') == ["智慧昆都仑"]
    assert alts(
        '<a href="/x"><img src="/i/Spacer.GIF"></a><a href="/y"><img src="/i/Zwgk_Banner.png"></a>'
    ) == [
        "",
        "Zwgk Banner",
    ]


def test_an_emblem_beside_the_logo_that_links_home_is_decoration() -> None:
    # pingtan's header: the national emblem, then the site's name as a picture linking home.
    header = '<div class="logo"><img src="/images/gh_logo.png"><a href="/"><img src="/images/site_logo.png"></a></div>'
    assert alts(header) == ["", "智慧昆都仑(首页)"]
    # Alone, the logo still names the site.
    assert alts('<div class="logo"><img src="/images/gh_logo.png"></div>') == ["智慧昆都仑"]


def test_a_picture_made_decoration_loses_its_title_so_no_screen_reader_names_it() -> None:
    # gz.gov.cn's 微博 drop-down: the picture named, and titled, with the words of its link.
    tree, _ = run_pass(
        images.run,
        HEAD + '<body><a href="https://weibo.com/1"><img src="a.jpg" title="中国广州发布" alt="中国广州发布">'
        "<span>中国广州发布</span></a>"
        '<li><img src="ewm.jpg" title="关注 · 手机版" alt="关注 · 手机版"><span>关注 · 手机版</span></li>'
        '<p><img src="b.jpg" title="政务服务" alt="政务服务大厅"></p></body>',
    )
    decorated, code, named = tree.css("img")
    for img in (decorated, code):
        assert img.attrs.get("alt") == "" and "title" not in img.attrs
    # A picture that keeps a name keeps its title.
    assert named.attrs.get("alt") == "政务服务大厅" and named.attrs.get("title") == "政务服务"


def test_an_inline_svg_with_no_name_leaves_the_accessibility_tree() -> None:
    # nfra.gov.cn: an <svg> of filter definitions for its stylesheet, which Chromium
    # showed a screen reader as an image with no name.
    tree, _ = run_pass(
        images.run,
        '<div style="height:0;overflow:hidden"><svg><filter id="grayscale"><feColorMatrix/></filter></svg></div>'
        '<a href="/x"><svg><path d="M0 0h9"/></svg>搜索</a>'
        '<svg><title>访问量走势</title><svg><rect/></svg></svg><svg aria-label="地图"><path/></svg>'
        '<svg aria-hidden="false"><path/></svg>',
    )
    hidden = [svg.attrs.get("aria-hidden") for svg in tree.css("svg")]
    assert hidden == ["true", "true", None, None, None, "false"]


def test_on_an_english_page_the_names_the_proxy_makes_up_are_english() -> None:
    tree, _ = run_pass(
        images.run,
        '<html lang="en"><head><meta name="SiteName" content="Macau Airport"></head><body>'
        '<a href="/a11y/http://www.x.gov.cn/index.html"><img src="/images/top.png"></a>'
        '<img src="/images/qrcode.png"><a href="/a11y/http://www.x.gov.cn/zjtj/"><img src="/i/top03_1.png"></a>'
        "</body></html>",
    )
    assert [img.attrs["alt"] for img in tree.css("img")] == [
        "Macau Airport (home page)",
        "QR code: scan to open on a phone",
        "Picture link",
    ]


def test_words_somewhere_in_a_long_list_are_not_beside_a_picture() -> None:
    """A picture's words are "said beside" it in its link or a small block (a logo
    and its caption), not anywhere among hundreds of items: reading the whole
    list's words once a picture took 108 s on 50,000 picture links."""
    items = "".join(f'<a href="/d{i}.html"><img src="/i/{i}.png" alt="下载"></a>' for i in range(30))
    tree, _ = run_pass(images.run, f'<html><body>{items}<a href="/all.html">下载</a></body></html>')
    assert [img.attrs.get("alt") for img in tree.css("img")] == ["下载"] * 30


def test_a_picture_link_with_no_name_takes_the_words_its_template_commented_out() -> None:
    # stats.gov.cn's 热点专题 (TRS): each banner keeps its picture and comments out
    # its title, written to the same address (here absolute, the link relative,
    # the one a directory, the other its default.htm).
    html = (
        '<ul class="hot"><li><a href="../ztjc/d5jkfr/default.htm"><img src="/rdzt/w020140918504_r75.jpg"></a></li>'
        '<!--<li><font><a href="http://www.x.gov.cn/ztjc/d5jkfr/">第五届中国统计开放日</a></font></li>--></ul>'
        '<ul class="hot"><li><a href="/ztjc/jz2014"><img src="/rdzt/w020140717304_r75.jpg"></a></li>'
        '<!--<li><a href="/ztjc/jz2014">金砖国家联合统计手册</a>--></ul>'
        # A "#" in a comment ("加为收藏") names no picture link to "#"; nor do the
        # words of an address that is not the picture link's.
        '<!-- <a href="#">加为收藏</a> <a href="/ztjc/other/">别的专题</a> -->'
        '<p><a href="#"><img src="/rdzt/w020190228595_r75.jpg"></a> <a href="#">返回顶部</a></p>'
    )
    tree, _ = run_passes((neutralise_scripts.run, rewrite_links.run, images.run), html)
    assert [i.attrs["alt"] for i in tree.css("img")] == [
        "第五届中国统计开放日",
        "金砖国家联合统计手册",
        "链接图片",
    ]
    # Nor is the "#" picture link the twin of the "#" words beside it, left to the mouse.
    assert "aria-hidden" not in tree.css("p a")[0].attrs


def test_an_unclosed_link_in_one_comment_does_not_take_the_words_of_the_next() -> None:
    html = '<a href="/a/"><img src="/rdzt/w0201_r75.jpg"></a><!-- <a href="/a/"> --><!-- <b>别的话</b> -->'
    tree, _ = run_passes((neutralise_scripts.run, rewrite_links.run, images.run), html)
    assert [i.attrs["alt"] for i in tree.css("img")] == ["链接图片"]


def test_an_image_map_area_that_leaves_is_named_not_only_by_its_leaving() -> None:
    # stats.gov.cn's banner map: <area href="http://www.stats.gov.cn/english/"> with no
    # alt, on a host not served here; the link pass's mark is no name of its own.
    html = (
        '<img src="/banner.jpg" usemap="#m" alt="国家统计局"><map name="m">'
        '<area href="http://other.example.net/english/" shape="rect" coords="0,0,9,9">'
        '<area href="http://other.example.net/" title="首页" shape="rect" coords="9,9,19,19">'
        '<area href="/zwgk/" shape="rect" coords="19,19,29,29"></map>'
        '<p><a href="/zwgk/">政务公开</a></p>'
    )
    tree, _ = run_passes((rewrite_links.run, images.run), html)
    assert [a.attrs["alt"] for a in tree.css("area")] == [
        "链接区域 " + rewrite_links.EXTERNAL_TEXT,
        "首页 " + rewrite_links.EXTERNAL_TEXT,
        "政务公开",
    ]
