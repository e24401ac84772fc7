from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import form_owners
from tests.passes.helpers import run_pass

# stats.gov.cn's search box, as served: the form opens between a row's cells.
TABLE_FORM = (
    "<table><tr>"
    '<form name="searchform" action="/was5/web/search" target="_blank">'
    '<input name="channelid" value="288041" type="hidden" />'
    '<td><input name="andsen" type="text" /></td>'
    '<td><a href="javascript:void(0)" onclick="submitForm();">检索</a></td>'
    "</form></tr></table>"
)


def test_the_parser_leaves_a_form_in_a_table_empty_and_its_fields_outside() -> None:
    # What the pass repairs (WHATWG HTML "in row" insertion mode), as Lexbor parses it.
    form = LexborHTMLParser(TABLE_FORM).css_first("form")
    assert form.parent.tag == "tr" and form.css_first("input") is None


def test_fields_after_a_form_left_empty_in_a_table_name_it_as_their_form() -> None:
    tree, _ = run_pass(form_owners.run, TABLE_FORM)
    form = tree.css_first("form")
    assert form.attrs["id"] == "a11y-form-0"
    assert [f.attrs.get("form") for f in tree.css("input")] == ["a11y-form-0", "a11y-form-0"]
    # Serialised and read again (as the browser will), the tie is in the markup.
    again = LexborHTMLParser(tree.html)
    assert {i.attrs["name"]: i.attrs.get("form") for i in again.css("input")} == {
        "channelid": "a11y-form-0",
        "andsen": "a11y-form-0",
    }


def test_a_forms_own_unique_id_is_kept_and_a_shared_one_replaced() -> None:
    tree, _ = run_pass(form_owners.run, TABLE_FORM.replace('name="searchform"', 'id="sf"'))
    assert tree.css_first("input[name=andsen]").attrs["form"] == "sf"
    shared = '<p id="sf"></p>' + TABLE_FORM.replace('name="searchform"', 'id="sf"')
    tree, _ = run_pass(form_owners.run, shared)
    assert tree.css_first("input[name=andsen]").attrs["form"] == tree.css_first("form").attrs["id"] != "sf"


def test_the_tie_runs_to_the_end_of_the_table() -> None:
    html = (
        "<table><tr><form action='/a'><td><input name=a></td></tr>"
        "<tr><form action='/b'><td><input name=b></td></tr></table>"
        "<input name=after>"
    )
    tree, _ = run_pass(form_owners.run, html)
    owners = {i.attrs["name"]: i.attrs.get("form") for i in tree.css("input")}
    assert owners["a"] == "a11y-form-0" and owners["after"] is None
    # The parser ignored the second <form> while the first was open: in the
    # portal's own page b belongs to the first form too.
    assert owners["b"] == "a11y-form-0"


def test_the_tie_stops_at_the_next_form_element() -> None:
    html = (
        "<table><tr><form action='/a'><td><input name=a></td></tr></table>"
        "<table><tr><td><form action='/b'><input name=b></form></td></tr></table>"
    )
    tree, _ = run_pass(form_owners.run, html)
    assert tree.css_first("input[name=a]").attrs["form"] == "a11y-form-0"
    assert "form" not in tree.css_first("input[name=b]").attrs


def test_forms_that_hold_their_fields_and_fields_that_name_a_form_are_left_alone() -> None:
    html = (
        "<form action='/s'><table><tr><td><input name=q></td></tr></table></form>"
        "<table><tr><form id=x action='/t'><td><input name=r form=other></td></tr></table>"
    )
    tree, _ = run_pass(form_owners.run, html)
    assert "form" not in tree.css_first("input[name=q]").attrs
    assert tree.css_first("input[name=r]").attrs["form"] == "other"
