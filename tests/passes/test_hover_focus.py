from __future__ import annotations

import os
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from a11y_proxy.passes import hover_focus
from a11y_proxy.passes.hover_focus import add_focus_rules
from tests.passes.helpers import run_pass


def test_a_rule_that_opens_a_sub_menu_on_hover_is_followed_by_one_for_focus_inside() -> None:
    css = ".nav li ul{display:none}.nav li:hover ul{display:block;background:url(/a11y/x.png)}"
    assert add_focus_rules(css) == (
        ".nav li ul{display:none}.nav li:hover ul{display:block;background:url(/a11y/x.png)}"
        "\n.nav li:focus-within ul{display:block;background:url(/a11y/x.png)}"
    )


def test_only_the_selectors_that_hover_are_copied_and_the_original_rule_is_untouched() -> None:
    # A browser that does not know :focus-within drops its rule, never the hover one.
    out = add_focus_rules(".menu a, .menu li:HOVER > .sub, .x:hover::after { color: red }")
    original, copy = out.split("\n")
    assert original == ".menu a, .menu li:HOVER > .sub, .x:hover::after { color: red }"
    assert copy == ".menu li:focus-within > .sub, .x:focus-within::after{ color: red }"


def test_rules_inside_media_supports_and_layer_blocks_are_found() -> None:
    out = add_focus_rules(
        "@media screen and (hover: hover) { .m li:hover>ul{display:block} .y{color:red} }"
        "@supports (display:grid){@layer menu{.n:hover .s{display:grid}}}"
    )
    assert ".m li:focus-within>ul{display:block}" in out
    assert ".n:focus-within .s{display:grid}" in out
    assert out.count("focus-within") == 2


@pytest.mark.parametrize(
    "css",
    [
        "a:not(:hover){color:blue}",  # inside a function its meaning would turn around
        "/* .nav li:hover ul{display:block} */ .p{color:red}",  # a comment is no rule
        '.q::after{content:"li:hover{"}',  # nor is a string
        "@media (hover:hover){.p{color:red}}",  # a media feature, not a pseudo-class
        ".a:hovered{color:red}",
        "@font-face{font-family:x;src:url(a.woff)}",
        ".q { &:hover { color: red } }",  # nested rules are left as they are
    ],
)
def test_what_is_not_a_hovering_style_rule_is_left_as_it_is(css: str) -> None:
    assert add_focus_rules(css) == css


def test_comments_and_html_comment_marks_are_not_taken_into_the_copy() -> None:
    out = add_focus_rules("<!--\n/* 导航 */ .nav td:hover .sub { display: block }\n-->")
    assert out.endswith("\n.nav td:focus-within .sub{ display: block }\n-->")


def test_broken_css_is_copied_safely_or_left_alone() -> None:
    assert add_focus_rules(".a:hover{color:red") == ".a:hover{color:red"  # never closed
    assert add_focus_rules("}}.a:hover{color:red}") == "}}.a:hover{color:red}\n.a:focus-within{color:red}"
    # A string a newline ends (CSS Syntax 3 § 4.3.5): the brace after it closes the block.
    unclosed = '.b::after{content:"x\n}.a:hover{color:red}'
    assert add_focus_rules(unclosed).endswith(".a:hover{color:red}\n.a:focus-within{color:red}")


def test_a_style_element_gets_the_focus_rules_and_keeps_its_attributes() -> None:
    tree, _ = run_pass(
        hover_focus.run,
        '<style media="screen">.nav li:hover .sub{display:block}</style><style>.p{color:red}</style>'
        '<ul class="nav"><li><a href="/a">政务公开</a><div class="sub"><a href="/b">年报</a></div></li></ul>',
    )
    first, second = tree.css("style")
    assert first.attrs["media"] == "screen"
    assert ".nav li:focus-within .sub{display:block}" in first.text()
    assert second.text() == ".p{color:red}"


#: Pieces real stylesheets are made of, broken ones among them.
_PIECES = st.sampled_from(
    [
        ".nav li",
        ":hover",
        " ul",
        "{",
        "}",
        ";",
        ",",
        "display:block",
        '"',
        "'",
        "/*",
        "*/",
        "@media screen",
        "@import url(x.css)",
        "(",
        ")",
        "[",
        "]",
        "\\",
        "\n",
        " ",
        "<!--",
        "-->",
        "&",
        ":not(",
        "a",
        ":HOVER",
    ]
)


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


@settings(max_examples=int(os.environ.get("A11Y_FUZZ_EXAMPLES", "200")), deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example('"{":hover{}')
def test_any_css_comes_back_whole_with_only_rules_added(css: str) -> None:
    out = add_focus_rules(css)
    assert _is_subsequence(css, out)
    if ":hover" not in css.lower():
        assert out == css
    # Each copy is a rule of its own: as many braces open as close in what was
    # added, outside strings and comments (hypothesis found the copy of
    # '"{":hover{}', whose string holds a brace: a rule of its own all the same).
    bare_in, bare_out = _without_strings(css), _without_strings(out)
    assert bare_out.count("{") - bare_in.count("{") == bare_out.count("}") - bare_in.count("}")


#: CSS Syntax 3: comments, and strings (an unclosed one ends at a newline or the end).
_STRINGS_AND_COMMENTS = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?""", re.S)


def _without_strings(css: str) -> str:
    return _STRINGS_AND_COMMENTS.sub("", css)
