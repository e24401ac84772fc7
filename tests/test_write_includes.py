from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.write_includes import Include, candidates, written_html

HEADER = (Path(__file__).parent / "fixtures" / "scripts" / "jiangsu-header-shape.js").read_text("utf-8")


def test_a_header_scripts_top_level_writes_are_read_in_order_and_nothing_else() -> None:
    html = written_html(HEADER)
    assert html is not None
    tree = LexborHTMLParser(f"<body>{html}</body>")
    assert [a.text() for a in tree.css(".nav a")][1:5] == [
        "政务公开",
        "省政府",
        "要闻动态",
        "政民互动",
    ]  # "政民" + "互动"
    assert tree.css_first("form#Formdh03").attrs["action"] == "/jsearchfront/search.do"
    assert tree.css_first("input.searchtext").attrs["placeholder"] == "-请输入要搜索的关键词-"
    # Escaped quotes come out as quotes; comments, handlers and functions write nothing.
    assert tree.css_first("#zh_click_t").attrs["href"] == "javascript:zh_tran('t');"
    assert "never written" not in html and "sub_nav_special02" not in html and "Formdh{" not in html
    # A write of a value computed at run time is passed over, not guessed at.
    assert "year" not in html
    assert html.index("top_box") < html.index("nav_box") < html.index("search-area")
    assert html.count("\n") >= 20  # writeln ends each line


def test_string_escapes_are_decoded_as_javascript_decodes_them() -> None:
    script = r"""document.write('\u653f\u5e9c \x41 a\tb \\ \'' + "\"x\"");"""
    assert written_html(script) == '政府 A a\tb \\ \'"x"'


def test_a_script_that_writes_nothing_is_not_an_include() -> None:
    assert written_html("var a = 1; function f() { document.write('x'); }") is None
    assert written_html("if (a) { document.writeln('<p>maybe</p>'); }") is None
    assert written_html("document.write(html);") is None
    assert written_html("obj.document.write('not the page');") is None
    assert written_html("window.document.write('<b>yes</b>');") == "<b>yes</b>"


def test_quotes_and_braces_in_regexes_and_templates_do_not_derail_the_reading() -> None:
    script = "var r = /[\"'{}]/g, s = `${a}'`;\nx = y / 2; z = '/';\ndocument.writeln('<p>after</p>');"
    assert written_html(script) == "<p>after</p>\n"


def test_only_parser_inserted_classic_scripts_of_the_site_are_candidates() -> None:
    page = b"""<head><script src="/module/jslib/jquery/jquery.js"></script>
    <script type="text/javascript" src="/script/0/head.js" charset="gbk"></script>
    <script async src="/a.js"></script><script defer src="/d.js"></script>
    <script type="module" src="/m.js"></script><script src="/js/swiper.min.js"></script>
    <script type="text/xml"><datastore></datastore></script>
    <SCRIPT SRC='/script/0/foot.js'></SCRIPT><script src="/script/0/head.js"></script>
    <script src=data:,x></script><script src="/script/0/third.js"></script>"""
    assert candidates(page, 4) == [
        Include("/script/0/head.js", "gbk"),
        Include("/script/0/foot.js", ""),
        Include("/script/0/third.js", ""),
    ]
    assert candidates(page, 1) == [Include("/script/0/head.js", "gbk")]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "document.write(",
                "document.writeln(",
                "'",
                '"',
                "`",
                "${",
                "\\",
                "/",
                "//",
                "/*",
                "*/",
                "{",
                "}",
                "(",
                ")",
                "+",
                "\n",
                ";",
                "<p>",
                "政府",
                "x",
                " ",
                "\\u00",
                "\\x4",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_script_is_read_without_an_error_and_writes_text_or_nothing(script: str) -> None:
    result = written_html(script)
    assert result is None or isinstance(result, str)
    page = f'<script src="/{script[:40]}"></script>'.encode("utf-8", "replace")
    assert len(candidates(page, 4)) <= 1
