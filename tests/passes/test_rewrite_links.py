from __future__ import annotations

from a11y_proxy.passes import rewrite_links
from tests.passes.helpers import PAGE, run_pass

P = "/a11y/http://www.x.gov.cn"


def test_links_go_through_the_proxy_in_the_same_mode() -> None:
    tree, _ = run_pass(rewrite_links.run, '<a href="list.html">l</a><img src="/i.png">', mode="elder")
    assert tree.css_first("a").attrs["href"] == "/elder/http://www.x.gov.cn/zwgk/list.html"
    assert tree.css_first("img").attrs["src"] == "/elder/http://www.x.gov.cn/i.png"


def test_external_links_stay_direct_and_say_they_leave() -> None:
    tree, _ = run_pass(rewrite_links.run, '<a href="https://www.gov.cn/">中国政府网</a>')
    a = tree.css_first("a")
    assert a.attrs["href"] == "https://www.gov.cn/"
    assert a.attrs["rel"] == "noopener noreferrer"
    assert "外部网站,将离开无障碍浏览" in a.text()


def test_external_images_and_scripts_urls_are_dropped() -> None:
    tree, _ = run_pass(
        rewrite_links.run,
        '<img src="http://tongji.example.net/c.gif" alt="">'
        '<link rel="stylesheet" href="http://cdn.example.net/s.css">',
    )
    assert "src" not in tree.css_first("img").attrs
    assert "href" not in tree.css_first("link").attrs


def test_external_iframe_becomes_a_marked_link() -> None:
    tree, _ = run_pass(
        rewrite_links.run, '<iframe src="http://weather.example.net/w.html" title="天气"></iframe>'
    )
    assert tree.css_first("iframe") is None
    a = tree.css_first("p a")
    assert a.attrs["href"] == "http://weather.example.net/w.html" and "天气" in a.text()


def test_an_unnamed_external_frame_becomes_a_link_named_for_what_it_holds() -> None:
    # pingtan.gov.cn's weather strip, i.tianqi.com's widget through an IPv6 gateway:
    # its link was read as 嵌入的外部内容, the address says nothing a listener knows.
    tree, _ = run_pass(
        rewrite_links.run,
        '<p id="weather-box"><iframe id="tianqi" class="tianqi-box" width="260" height="26"'
        ' src="https://i-tianqi-comx3211966f93868xx.ipv6best.cn?c=code&id=26"></iframe></p>'
        '<iframe name="frame1" src="https://other.example.net/x.html"></iframe>',
    )
    assert [rewrite_links.own_text(a) for a in tree.css("p a")] == ["天气预报", "frame1"]


def test_javascript_and_data_urls_are_neutralised() -> None:
    tree, _ = run_pass(
        rewrite_links.run,
        '<a href="javascript:doZoom(16)">大</a><a href=" JavaScript:x">b</a>'
        '<iframe src="data:text/html,<script>x</script>"></iframe>'
        '<img src="data:image/gif;base64,R0lG" alt="">',
    )
    for a in tree.css("a"):
        assert "href" not in a.attrs
    assert tree.css_first("iframe") is None
    assert tree.css_first("img").attrs["src"].startswith("data:image/gif")


def test_base_href_is_used_then_removed() -> None:
    tree, ctx = run_pass(rewrite_links.run, '<base href="/cdn/"><a href="x.html">x</a>')
    assert tree.css_first("base") is None
    assert tree.css_first("a").attrs["href"] == f"{P}/cdn/x.html"
    assert ctx.base_url == "http://www.x.gov.cn/cdn/"


def test_empty_form_action_is_the_document_not_the_base() -> None:
    tree, _ = run_pass(rewrite_links.run, '<base href="/elsewhere/"><form><input name="q"></form>')
    assert tree.css_first("form").attrs["action"] == f"{P}/zwgk/page.html"


def test_forms_of_gbk_pages_carry_the_charset_field() -> None:
    tree, _ = run_pass(
        rewrite_links.run,
        '<form action="/search.jsp" accept-charset="gbk"><input name="q"></form>',
        encoding="gb18030",
    )
    form = tree.css_first("form")
    assert "accept-charset" not in form.attrs
    hidden = form.css_first(f"input[name={rewrite_links.CHARSET_FIELD}]")
    assert hidden is not None and hidden.attrs["value"] == "gb18030"


def test_links_in_gbk_pages_encode_queries_in_gbk() -> None:
    tree, _ = run_pass(rewrite_links.run, '<a href="/s.jsp?q=年报">s</a>', encoding="gb18030")
    assert tree.css_first("a").attrs["href"] == f"{P}/s.jsp?q=%C4%EA%B1%A8"


def test_meta_refresh_is_proxied_or_removed() -> None:
    tree, _ = run_pass(rewrite_links.run, '<meta http-equiv="refresh" content="3; url=\'/new.html\'">')
    assert tree.css_first("meta").attrs["content"] == f"3;url={P}/new.html"
    tree, _ = run_pass(rewrite_links.run, '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">')
    assert tree.css_first("meta") is None
    tree, _ = run_pass(rewrite_links.run, '<meta http-equiv="refresh" content="60">')
    assert tree.css_first("meta") is None


def test_style_elements_keep_css_syntax() -> None:
    tree, _ = run_pass(rewrite_links.run, "<style>a > b { background: url(x.png) }</style>")
    html = tree.html or ""
    assert f'a > b {{ background: url("{P}/zwgk/x.png") }}' in html


def test_svg_use_fragment_references_stay_local() -> None:
    tree, _ = run_pass(rewrite_links.run, '<svg><use xlink:href="#icon"></use></svg>')
    assert tree.css_first("use").attrs["xlink:href"] == "#icon"


def test_page_url_encoding_of_path_is_utf8() -> None:
    tree, _ = run_pass(rewrite_links.run, '<a href="信息.html">x</a>', url=PAGE)
    assert tree.css_first("a").attrs["href"] == f"{P}/zwgk/%E4%BF%A1%E6%81%AF.html"


def test_empty_resource_urls_load_nothing_instead_of_the_page_itself() -> None:
    tree, _ = run_pass(
        rewrite_links.run,
        '<img src="" alt="占位"><video src=" " controls></video><link rel=stylesheet href="">'
        '<iframe src=""></iframe><a href="">本页</a>',
    )
    assert "src" not in tree.css_first("img").attrs
    assert "src" not in tree.css_first("video").attrs
    assert "href" not in tree.css_first("link").attrs
    # An empty link is the page itself (HTML: the document's URL), through the proxy.
    assert tree.css_first("a").attrs["href"] == "/a11y/http://www.x.gov.cn/zwgk/page.html"


def test_the_external_mark_is_chinese_on_an_english_page_too() -> None:
    tree, _ = run_pass(
        rewrite_links.run, '<html lang="en"><body><a href="http://www.example.com/">Example</a>'
    )
    mark = tree.css_first(f"a .{rewrite_links.EXTERNAL_CLASS}")
    assert mark is not None and mark.attrs["lang"] == "zh-CN"


def test_a_forms_own_accept_charset_decides_the_encoding_the_portal_gets() -> None:
    # HTML "pick an encoding for the form": the first label that names an encoding.
    html = (
        '<form action="/jsearch" accept-charset="x-unknown utf-8"><input name="q"></form>'
        '<form action="/was5" accept-charset="GB2312"><input name="q"></form>'
        '<form action="/s" accept-charset="utf-16"><input name="q"></form>'
    )
    tree, _ = run_pass(rewrite_links.run, html, encoding="gb18030")
    fields = [form.css_first(f"input[name={rewrite_links.CHARSET_FIELD}]") for form in tree.css("form")]
    assert fields[0] is None and fields[2] is None  # sent as UTF-8, as the browser sends it
    assert fields[1] is not None and fields[1].attrs["value"] == "gb18030"
    assert rewrite_links.form_encoding(None, "big5") == "big5"


def test_a_form_to_another_site_is_sent_in_the_encoding_the_portals_page_had() -> None:
    # The browser submits it directly, from a page the proxy serves as UTF-8.
    html = (
        '<form action="http://search.other.cn/s"><input name="q"></form>'
        '<form action="http://search.other.cn/u" accept-charset="utf-8"><input name="q"></form>'
    )
    tree, _ = run_pass(rewrite_links.run, html, encoding="big5hkscs")
    legacy, utf8 = tree.css("form")
    assert legacy.attrs["accept-charset"] == "big5" and "data-a11y-external" in legacy.attrs
    assert "accept-charset" not in utf8.attrs
    assert tree.css_first(f"input[name={rewrite_links.CHARSET_FIELD}]") is None
