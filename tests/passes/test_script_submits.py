from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import form_owners, script_submits
from tests.passes.helpers import run_passes
from tests.passes.test_form_owners import TABLE_FORM


def both(html: str) -> LexborHTMLParser:
    """form_owners then script_submits, as the pipeline runs them."""
    return run_passes((form_owners.run, script_submits.run), html)[0]


def test_a_script_link_that_submitted_a_search_becomes_a_submit_button() -> None:
    tree = both(
        '<form name="searchForm" action="/search" method="post"><input name="keyword">'
        '<a href="javascript:document.searchForm.submit();">Search</a> | <a href="/sitemap">SiteMap</a></form>'
    )
    button = tree.css_first("form button")
    assert button.attrs["type"] == "submit" and button.text() == "Search"
    assert tree.css_first("a[href='/sitemap']") is not None and "javascript" not in tree.html


def test_the_search_button_of_a_form_the_parser_cut_off_names_that_form() -> None:
    tree = both(TABLE_FORM)
    button = tree.css_first("button")
    assert button.text() == "检索" and dict(button.attrs) == {"type": "submit", "form": "a11y-form-0"}
    assert tree.css_first("a") is None


def test_an_input_button_or_a_picture_keeps_its_words_and_class() -> None:
    tree = both(
        '<form action="/s"><input name=q><input type="button" class="btn" value="搜索" onclick="doSearch()"></form>'
    )
    button = tree.css_first("button")
    assert button.text() == "搜索" and button.attrs["class"] == "btn"
    tree = both('<form action="/s"><input name=q><img src="go.gif" alt="查询" onclick="checkForm()"></form>')
    assert tree.css_first("button > img").attrs["alt"] == "查询"
    tree = both('<form action="/s"><input name=q><a href="#" onclick="go()"><img src="go.gif"></a></form>')
    assert tree.css_first("button").attrs["aria-label"] == "搜索"  # a search word, not the script's name


def test_forms_that_already_submit_or_have_nowhere_to_go_are_left_alone() -> None:
    works = (
        '<form action="/s"><input name=q><button>搜索</button><a href="javascript:doSearch()">检索</a></form>'
    )
    assert both(works).css_first("a") is not None
    nowhere = '<form><input name=q><button type="button" onclick="goSearch(this)">提交</button></form>'
    assert both(nowhere).css_first("button").attrs["type"] == "button"
    script_action = (
        '<form action="javascript:search()"><input name=q><a href="#" onclick="search()">搜索</a></form>'
    )
    assert both(script_action).css_first("button") is None


def test_a_script_link_that_is_not_a_submission_stays_a_link() -> None:
    html = (
        '<form action="/s"><input name=q>'
        '<a href="javascript:void(0)" onclick="showHelp()">帮助</a><a href="/adv.jsp">高级</a></form>'
    )
    tree = both(html)
    assert tree.css_first("button") is None and len(tree.css("a")) == 2
