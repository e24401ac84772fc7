from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import script_pagers
from tests.passes.helpers import run_pass

# As TRS templates write it: the function in the page (or a shared .js), the call at the list's foot.
TRS_FUNCTION = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount <= 1){ return; }
  document.write("<a href=\\"" + _sPageName + "_1." + _sPageExt + "\\">下一页</a>");
}"""


def pager_of(html: str) -> tuple[LexborHTMLParser, list[tuple[str, str]]]:
    tree, _ = run_pass(script_pagers.run, html)
    nav = tree.css_first("nav.a11y-proxy-pager")
    assert nav is not None, "no pager written"
    return tree, [(a.text(), a.attrs.get("href") or "") for a in nav.css("a")]


def test_the_first_page_of_a_column_links_to_the_others_and_the_next() -> None:
    _, links = pager_of(
        f'<div class="page"><script>{TRS_FUNCTION}\ncreatePageHTML(3, 0, "index", "html");</script></div>'
    )
    assert links == [
        ("1", "index.html"),
        ("2", "index_1.html"),
        ("3", "index_2.html"),
        ("下一页", "index_1.html"),
        ("尾页", "index_2.html"),
    ]


def test_a_middle_page_has_first_previous_next_and_last_and_says_which_page_it_is() -> None:
    tree, links = pager_of('<script>createPageHTML(3,1,"index","shtml");</script>')
    assert links[:2] == [("首页", "index.shtml"), ("上一页", "index.shtml")]
    assert links[-2:] == [("下一页", "index_2.shtml"), ("尾页", "index_2.shtml")]
    nav = tree.css_first("nav")
    assert nav.attrs["aria-label"] == "分页"
    assert nav.css_first("p").text() == "第 2 页,共 3 页"
    current = nav.css_first("[aria-current=page]")
    assert current.text() == "2" and current.attrs["aria-label"] == "第2页,当前页"
    assert nav.css_first("a[rel=prev]").text() == "上一页" and nav.css_first("a[rel=next]").text() == "下一页"


def test_the_last_page_has_no_next() -> None:
    _, links = pager_of("<script>createPageHTML(2, 1, 'index', 'htm')</script>")
    assert ("下一页", "index_1.htm") not in links and links[-1] == ("2", "index_1.htm")


def test_an_article_split_over_pages_uses_its_own_name() -> None:
    # shanxi.gov.cn articles: t20190918_693227.shtml, t20190918_693227_1.shtml, ...
    _, links = pager_of('<p><script>createPageHTML(2,0,"t20190918_693227","shtml");</script></p>')
    assert ("2", "t20190918_693227_1.shtml") in links


def test_many_pages_show_a_window_around_the_current_one_with_first_and_last() -> None:
    tree, links = pager_of('<script>createPageHTML(40, 20, "index", "html");</script>')
    numbers = [text for text, _ in links if text.isdigit()]
    assert numbers == ["1", "19", "20", "21", "22", "23", "40"]
    gaps = tree.css("nav li[aria-hidden=true]")
    assert [g.text() for g in gaps] == ["…", "…"]


def test_counts_set_in_variables_by_the_same_script_are_read() -> None:
    _, links = pager_of(
        "<script>var countPage = 4//共多少页\nvar currentPage = 0;\n"
        'createPageHTML(countPage, currentPage, "index", "html");</script>'
    )
    assert links[-1] == ("尾页", "index_3.html")


def test_one_page_or_a_call_that_makes_no_sense_writes_nothing() -> None:
    for call in (
        'createPageHTML(1,0,"t20190918_693227","shtml")',  # one page: the script writes nothing either
        'createPageHTML(3, 5, "index", "html")',  # past the last page
        'createPageHTML(n, 0, "index", "html")',  # a count the page never sets
        'createPageHTML(3, 0, "../../evil", "html")',  # not a file name beside the page
        'createPageHTML(3, 0, pageName, "html")',
    ):
        tree, _ = run_pass(script_pagers.run, f"<div><script>{call};</script></div>")
        assert tree.css_first("nav") is None, call


def test_the_pager_never_lands_inside_a_paragraph() -> None:
    # <nav> in <p> is not HTML: a browser would close the paragraph and leave an empty one.
    tree, _ = run_pass(
        script_pagers.run,
        '<div class="box"><p class="page"><span><script>createPageHTML(2,0,"index","html");</script></span></p></div>',
    )
    nav = tree.css_first("nav")
    assert nav.parent.tag == "div" and nav.prev.tag == "p"
    reparsed = LexborHTMLParser(tree.body.html)
    assert len(reparsed.css("p")) == 2  # its own status line and the portal's <p>, no empty extra


def test_a_page_without_the_call_is_left_as_it_was() -> None:
    html = "<div><script>var a = 1;</script><p>正文</p></div>"
    tree, _ = run_pass(script_pagers.run, html)
    assert tree.css_first("nav") is None and tree.css_first("script") is not None


# The older TRS pager, written out in the column page itself.
OLDER_TRS = r"""<div class="fenye"><script>
var currentPage = 2;//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = 12//共多少页
if(countPage>1&&currentPage!=0&&currentPage!=1)
    document.write("<a href=\"index"+"_" + prevPage + "."+"shtml\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
    document.write("<a href=\"index.shtml\">上一页</a>&nbsp;");
for(var i=0;i<countPage;i++){
    if(i==0) document.write("<a href=\"index.shtml\">1</a>&nbsp;");
    else document.write("<a href=\"index"+"_" + i + "."+"shtml\">"+(i+1)+"</a>&nbsp;");
}
if(countPage>1&&currentPage!=(countPage-1))
    document.write("<a href=\"index"+"_" + nextPage + "."+"shtml\">下一页</a>&nbsp;");
</script></div>"""


def test_the_older_trs_pager_written_out_in_the_page_is_read_too() -> None:
    tree, links = pager_of(OLDER_TRS)
    assert tree.css_first("nav p").text() == "第 3 页,共 12 页"
    assert links[:2] == [("首页", "index.shtml"), ("上一页", "index_1.shtml")]
    assert ("下一页", "index_3.shtml") in links and links[-1] == ("尾页", "index_11.shtml")


def test_an_older_pager_whose_first_page_is_not_named_is_not_guessed_at() -> None:
    tree, _ = run_pass(script_pagers.run, OLDER_TRS.replace('href=\\"index.shtml\\"', 'href=\\"/\\"'))
    assert tree.css_first("nav") is None
