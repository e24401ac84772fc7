from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy import site_search
from a11y_proxy.demo import site
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.pipeline import render_html
from tests.conftest import render_corpus_page

PAGE = "/elder/http://www.x.gov.cn/zwgk/page.html"


def found(html: str) -> site_search.SiteSearch | None:
    return site_search.find_searches(LexborHTMLParser(html), PAGE).site


def test_the_demo_portals_gbk_search_is_found_with_its_encoding_field() -> None:
    # Through the pipeline: the link pass has pointed the form through the proxy and
    # given it the field that turns the reader's UTF-8 back into GBK.
    out = render_html(
        site.index_page().encode("gbk"),
        "text/html",
        url="http://127.0.0.1:8081/",
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("127.0.0.1:8081"),)),
    ).body.decode()
    form = LexborHTMLParser(out).css_first("header form[role=search]")
    assert form.attrs["action"] == "/elder/http://127.0.0.1:8081/search.jsp" and form.attrs["method"] == "get"
    assert form.css_first("label").text() == "站内搜索"
    field = form.css_first("input[type=search]")
    assert field.attrs["name"] == "keyword" and form.css_first("label").attrs["for"] == field.attrs["id"]
    assert {i.attrs["name"]: i.attrs["value"] for i in form.css("input[type=hidden]")} == {
        "__a11y_cs": "gb18030"
    }
    assert form.css_first("button[type=submit]").text() == "搜索"


def test_a_search_whose_fields_name_their_form_from_a_table_is_found() -> None:
    main = render_corpus_page("stats-qhdm-column-page-trs.htm", "elder")
    form = main.css_first("form.elder-search")
    assert form.attrs["action"] == "/elder/http://127.0.0.1/was5/web/search"
    assert form.css_first("input[type=search]").attrs["name"] == "andsen"
    assert form.css_first("input[name=channelid]").attrs["value"] == "288041"


def test_a_search_named_only_by_its_fields_hint_is_found() -> None:
    # pingtan.gov.cn: action /ssp/main/index.html, the field says 请输入搜索内容.
    search = found(
        '<form method="get" action="/elder/http://www.x.gov.cn/ssp/main/index.html">'
        '<input type="hidden" name="siteId" value="4028"><input type="text" name="key" placeholder="请输入搜索内容">'
        "<button>搜</button></form>"
    )
    assert search == site_search.SiteSearch(
        "/elder/http://www.x.gov.cn/ssp/main/index.html", "key", (("siteId", "4028"),)
    )


def test_forms_the_proxy_cannot_ask_for_are_not_rebuilt() -> None:
    for html in (
        # A dialog form submits nothing.
        '<form method="dialog" action="/elder/http://www.x.gov.cn/search.jsp"><input name="q"></form>',
        # Another site's address that is not a web address.
        '<form action="ftp://search.example.cn/s" data-a11y-external><input name="q" aria-label="搜索"></form>',
        # An empty action, made the page itself: a script built the real address.
        f'<form action="{PAGE}"><input name="headSearchword" placeholder="请输入关键字"></form>',
        # An advanced search, or a form with nothing to type in.
        '<form action="/elder/http://www.x.gov.cn/search.jsp"><input name="q"><select name="y"></select></form>',
        '<form action="/elder/http://www.x.gov.cn/search.jsp"><input type="hidden" name="q"></form>',
        # Not a search at all: a message form.
        '<form action="/elder/http://www.x.gov.cn/hdjl/liuyan.jsp"><input name="title" aria-label="留言标题"></form>',
    ):
        assert found(html) is None, html


def test_a_post_search_is_rebuilt_as_post_so_it_fares_as_the_portals_own_form() -> None:
    # shanxi.gov.cn's site search is POST. Without it the older reader had no
    # search; rebuilt, it goes where the 无障碍 page's original form goes: forwarded
    # where the operator allows POST, else to the refusal that keeps the words.
    elder = render_corpus_page("shanxi-gov-article-gne.html", "elder")
    (form,) = elder.css("header form[role=search]")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/elder/http://127.0.0.1/search/sxgovsearch.jsp"
    assert form.css_first("input[type=search]").attrs["name"] == "sword"
    original = render_corpus_page("shanxi-gov-article-gne.html", "a11y").css_first("form#searchForm")
    assert original.attrs["method"] == "post"
    assert original.attrs["action"] == form.attrs["action"].replace("/elder/", "/a11y/", 1)
    # An unknown method is GET (HTML "form submission": the method's missing value default).
    search = found(
        '<form method="put" action="/elder/http://www.x.gov.cn/s.jsp"><input name="q" placeholder="搜索"></form>'
    )
    assert search is not None and search.method == "get"


def test_a_search_on_another_site_is_taken_only_when_none_is_inside_the_proxy_and_says_it_leaves() -> None:
    external = (
        '<form action="http://search.gd.gov.cn/search/local_msg/200001" method="get" data-a11y-external>'
        '<input type="hidden" name="position" value="all"><input type="keywords" name="keywords"></form>'
    )
    own = '<form action="/elder/http://www.x.gov.cn/search.jsp"><input name="q" placeholder="搜索"></form>'
    search = found(external)
    assert search == site_search.SiteSearch(
        "http://search.gd.gov.cn/search/local_msg/200001", "keywords", (("position", "all"),), external=True
    )
    assert found(external + own) == found(own) and not found(own).external  # type: ignore[union-attr]
    tree = LexborHTMLParser("<body></body>")
    form = site_search.build(tree, search, "elder-search")
    assert "data-a11y-external" in form.attrs
    assert form.css_first("button").text() == "搜索 (外部网站,将离开无障碍浏览)"


def test_gz_gov_cns_search_on_the_provinces_engine_is_in_its_elder_page() -> None:
    # Its address only the portal's script built (script_searches), on another host.
    main = render_corpus_page("gz-gov-article-mirror.html", "elder")
    form = main.css_first("form.elder-search")
    assert form.attrs["action"] == "http://search.gd.gov.cn/search/local_msg/200001"
    assert form.css_first("input[type=search]").attrs["name"] == "keywords"
    assert "外部网站" in form.css_first("button").text()


def test_a_search_on_another_site_from_a_gbk_page_is_sent_in_gbk() -> None:
    page = (
        '<html><head><meta charset="gbk"><title>通知</title></head><body>'
        '<form action="http://search.other.gov.cn/s"><input name="q" placeholder="请输入关键字"></form>'
        "<div class=article><h1>关于年度报告的通知</h1><p>" + "正文内容。" * 40 + "</p></div></body></html>"
    ).encode("gbk")
    out = render_html(
        page,
        "text/html",
        url="http://www.x.gov.cn/zwgk/page.html",
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    ).body.decode()
    form = LexborHTMLParser(out).css_first("form.elder-search")
    assert form.attrs["action"] == "http://search.other.gov.cn/s"
    assert form.attrs["accept-charset"] == "gb18030"  # the browser sends GBK bytes, as the portal's page did


COLUMN_FORM = (
    '<form action="/jsearch/search.do">'
    '<input type="hidden" name="columnid" value="15"><input name="q" placeholder="在本栏目中检索">'
    "<button>检索</button></form>"
)
COLUMN_PAGE = (
    "<html><head><title>通知公告</title></head><body>"
    '<div class="top"><form action="/search.jsp"><input name="keyword" placeholder="请输入关键字"></form></div>'
    '<div class="left"><div class="lmjs">' + COLUMN_FORM + "</div></div>"
    '<div class="right"><h2>通知公告</h2><ul class="list">'
    + "".join(
        f'<li><a href="/tzgg/{n}.html">关于做好第{n}批项目申报工作的通知</a><span>2024-01-{n:02d}</span></li>'
        for n in range(1, 16)
    )
    + "</ul></div></body></html>"
)


def render_column_page(page: str = COLUMN_PAGE) -> LexborHTMLParser:
    out = render_html(
        page.encode(),
        "text/html",
        url="http://www.x.gov.cn/tzgg/index.html",
        mode="elder",
        allowlist=Allowlist((parse_host_pattern("www.x.gov.cn"),)),
    ).body.decode()
    return LexborHTMLParser(out)


def test_a_column_search_is_told_from_the_site_search() -> None:
    tree = LexborHTMLParser(COLUMN_PAGE.replace('action="/', 'action="/elder/http://www.x.gov.cn/'))
    site, column = site_search.find_searches(tree, PAGE)
    assert site == site_search.SiteSearch("/elder/http://www.x.gov.cn/search.jsp", "keyword", ())
    assert column == site_search.SiteSearch(
        "/elder/http://www.x.gov.cn/jsearch/search.do", "q", (("columnid", "15"),), column=True
    )
    form = site_search.build(tree, column, "elder-search")
    assert form.attrs["aria-label"] == "本栏目检索" and form.css_first("label").text() == "本栏目检索"
    assert form.css_first("label").attrs["for"] == form.css_first("input[type=search]").attrs["id"]
    assert form.css_first("input[type=search]").attrs["id"] != site_search.FIELD_ID


def test_the_elder_page_keeps_a_column_search_the_sidebar_held_under_the_columns_title() -> None:
    tree = render_column_page()
    searches = tree.css("form[role=search]")
    assert [f.attrs["aria-label"] for f in searches] == ["站内搜索", "本栏目检索"]
    column = searches[1]
    assert column.attrs["action"] == "/elder/http://www.x.gov.cn/jsearch/search.do"
    main = tree.css_first("main")
    # Under the title, before the list it searches.
    assert [n.tag for n in main.css("h1, form, ul")][:3] == ["h1", "form", "ul"]
    assert main.css_first("form input[name=columnid]").attrs["value"] == "15"


def demo_list_page_forms(*allowed: str) -> list[tuple[str, str | None, str | None]]:
    out = render_html(
        site.list_page().encode("gbk"),
        "text/html",
        url="http://127.0.0.1:8081/zwgk/zfxxgknb/index.html",
        mode="elder",
        allowlist=Allowlist(tuple(parse_host_pattern(a) for a in allowed)),
    ).body.decode()
    return [
        (f.parent.tag, f.attrs.get("action"), f.attrs.get("aria-label"))
        for f in LexborHTMLParser(out).css("form")
    ]


def test_the_demo_list_pages_column_search_is_under_its_title_in_the_elder_page() -> None:
    # As the demo serves it: the content block found is the list, without the sidebar.
    column = "/elder/http://127.0.0.1:8081/jsearch/search.do"
    assert demo_list_page_forms("127.0.0.1:8081") == [
        ("header", "/elder/http://127.0.0.1:8081/search.jsp", "站内搜索"),
        ("main", column, "本栏目检索"),
    ]


def test_the_demo_list_pages_sidebar_stays_out_when_the_footers_sites_are_served_too() -> None:
    # With *.gov.cn served too, the footer's 政府网站 links lead inside the proxy;
    # they are other sites, not the column's list, so the block found is still the list.
    column = "/elder/http://127.0.0.1:8081/jsearch/search.do"
    assert demo_list_page_forms("127.0.0.1:8081", "*.gov.cn") == [
        ("header", "/elder/http://127.0.0.1:8081/search.jsp", "站内搜索"),
        ("main", column, "本栏目检索"),
    ]


def test_a_column_search_already_in_the_content_is_not_added_twice() -> None:
    # The column's search above its list, inside the content block found: it stays
    # where it was, once.
    page = COLUMN_PAGE.replace(
        '<div class="right"><h2>通知公告</h2>', '<div class="right"><h2>通知公告</h2>' + COLUMN_FORM
    )
    page = page.replace('<div class="left"><div class="lmjs">' + COLUMN_FORM + "</div></div>", "")
    tree = render_column_page(page)
    forms = tree.css("form")
    assert [f.attrs.get("action") for f in forms].count("/elder/http://www.x.gov.cn/jsearch/search.do") == 1
    assert [f.attrs.get("aria-label") for f in forms] == ["站内搜索", None]
    assert tree.css_first("main form input[name=columnid]") is not None


def test_the_portals_own_site_and_column_searches_are_search_landmarks_where_they_stand() -> None:
    tree = LexborHTMLParser(COLUMN_PAGE.replace('action="/', 'action="/elder/http://www.x.gov.cn/'))
    site_search.mark_landmarks(tree, PAGE)
    assert {f.attrs.get("aria-label"): f.attrs.get("action") for f in tree.css('form[role="search"]')} == {
        "站内搜索": "/elder/http://www.x.gov.cn/search.jsp",
        "本栏目检索": "/elder/http://www.x.gov.cn/jsearch/search.do",
    }


def test_a_search_form_cut_off_from_its_field_is_no_landmark() -> None:
    # The parser leaves a <form> opened between a table's rows empty; form_owners
    # ties its fields to it again with form="…", outside it. A landmark there
    # would hold nothing.
    tree = LexborHTMLParser(
        '<table><tr><td><form id="s" action="/elder/http://www.x.gov.cn/search.jsp"></form>'
        '<input name="keyword" form="s" placeholder="搜索"><input type="submit" form="s"></td></tr></table>'
    )
    assert site_search.find_searches(tree, PAGE).site is not None
    site_search.mark_landmarks(tree, PAGE)
    assert tree.css('[role="search"]') == []


def test_every_corpus_search_box_in_the_accessible_mode_is_a_named_search_landmark() -> None:
    tree = render_corpus_page("shanxi-gov-article-gne.html", "a11y")
    (form,) = tree.css('form[role="search"]')
    assert form.attrs["aria-label"] == "站内搜索" and form.css_first("input[name]") is not None
