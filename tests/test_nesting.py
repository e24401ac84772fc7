from __future__ import annotations

import pytest

from a11y_proxy.nesting import MAX_DEPTH, SCAN_ABOVE, max_depth, too_deep


def test_nested_elements_are_counted_and_closed_ones_are_not() -> None:
    assert max_depth("<div><div><span>x</span></div><div></div></div>") == 3
    assert max_depth("<div>" * 300 + "</div>" * 300) == 300


def test_a_self_closed_html_element_still_opens_as_the_tree_builder_opens_it() -> None:
    """HTML ignores the self-closing flag of an HTML element: 20,000 <div/> nest
    20,000 deep (Lexbor took 580 ms to build them, 15 s for 100,000), and were let
    through as if each closed itself."""
    assert max_depth("<div/>" * 500) == 500
    page = "<div/>" * (SCAN_ABOVE + 1)
    assert too_deep(page) == SCAN_ABOVE + 1 > MAX_DEPTH


@pytest.mark.parametrize(
    "markup",
    [
        "<svg>" + '<path d="M0 0"/>' * 500 + "</svg>",  # an icon's paths close themselves
        "<math>" + "<mi/>" * 500 + "</math>",
        '<svg width="1"/>' * 500,  # a self-closed <svg> is closed
        "<svg><g>" + "<use href='#a'/>" * 500 + "</g></svg>" * 1 + "<br/>" * 500,
    ],
)
def test_self_closing_tags_in_svg_and_math_close_themselves(markup: str) -> None:
    assert max_depth(markup) <= 2


def test_after_an_svg_ends_a_self_closed_tag_opens_again() -> None:
    assert max_depth("<svg><path/></svg>" + "<div/>" * 300) == 300


def test_unclosed_elements_whose_end_tags_may_be_left_out_do_not_count() -> None:
    assert max_depth("<ul>" + "<li>item" * 1000 + "</ul><p>a<p>b<table><tr><td>c<td>d</table>") == 1


DEEP = "<div>" * 300


@pytest.mark.parametrize(
    "hiding",
    [
        "<script></script x>" + DEEP + "</script>",  # a script ends at </script followed by a space
        "<style></style/>" + DEEP + "</style>",
        "<!-->" + DEEP + "-->",  # <!--> is an empty comment
        "<!--->" + DEEP + "-->",
        "<!-- a --!>" + DEEP + "-->",  # --!> ends a comment too
        "<svg><script>" + "<g>" * 300 + "</script></svg>",  # markup in SVG's script and style
        "<math><style>" + "<mi>" * 300 + "</style></math>",
    ],
)
def test_elements_that_only_look_like_text_are_counted(hiding: str) -> None:
    assert max_depth(hiding) >= 300


def test_text_that_is_not_markup_is_not_counted() -> None:
    script = "<script>var s = '" + "<div>" * 300 + "';</script>"
    assert max_depth(script + "<div></div>") == 1
    assert max_depth("<!-- " + "<div>" * 300 + " -->" + "<textarea>" + "<p><div>" * 300 + "</textarea>") == 0
    assert max_depth("<TITLE>" + "<b>" * 300 + "</title ><div>") == 1
    assert max_depth("<plaintext>" + "<div>" * 300) == 0
