from __future__ import annotations

from a11y_proxy.passes import script_selects
from tests.passes.helpers import run_pass

FOOTER = (
    '<div class="yqlj">市政府部门：<select onchange="if(this.value!=\'\')window.open(this.value)">'
    '<option value="">--市政府部门--</option>'
    '<option value="http://fgw.example.gov.cn/">市发展改革委</option>'
    '<option value="http://jyj.example.gov.cn/index.html">市教育局</option>'
    '<option value="javascript:void(0)">——</option>'
    "</select></div>"
)


def test_a_drop_down_of_sites_only_a_script_opened_becomes_a_named_group_of_links() -> None:
    tree, _ = run_pass(script_selects.run, FOOTER)
    assert tree.css_first("select") is None
    group = tree.css_first("div.yqlj > details.a11y-proxy-links")
    assert group.css_first("summary").text() == "市政府部门"
    assert tree.css_first("div.yqlj").text().count("市政府部门") == 1  # its label is not said twice
    links = [(a.text(), a.attrs["href"], a.attrs.get("target")) for a in group.css("li > a")]
    assert links == [
        ("市发展改革委", "http://fgw.example.gov.cn/", "_blank"),
        ("市教育局", "http://jyj.example.gov.cn/index.html", "_blank"),
    ]


def test_other_ways_of_going_to_the_choice_are_read_and_go_in_the_same_window() -> None:
    html = (
        '<p>相关链接: <select name="links" onchange="location.href=this.options[this.selectedIndex].value">'
        '<option value="/zwgk/index.html">政务公开</option><option value="../bsfw/">办事服务</option></select></p>'
    )
    tree, _ = run_pass(script_selects.run, html)
    group = tree.css_first("details")
    assert group.parent.tag == "body" and group.prev.tag == "p"  # a block never inside a <p>
    assert group.css_first("summary").text() == "相关网站"
    assert [(a.attrs["href"], a.attrs.get("target")) for a in group.css("a")] == [
        ("/zwgk/index.html", None),
        ("../bsfw/", None),
    ]


def test_a_drop_down_that_is_the_pages_own_form_stays() -> None:
    for html in (
        # It filters or sets something: the value is not an address.
        '<select onchange="filterYear(this.value)"><option value="2021">2021</option></select>',
        '<select onchange="window.open(this.value)"><option value="2021">2021年</option></select>',
        '<form><select name="year"><option value="/a.html">2021</option></select></form>',
    ):
        tree, _ = run_pass(script_selects.run, html)
        assert tree.css_first("select") is not None and tree.css_first("details") is None, html
