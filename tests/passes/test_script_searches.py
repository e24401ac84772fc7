from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.passes import form_owners, rewrite_links, script_searches, script_submits
from a11y_proxy.search_scripts import function_body, read_search
from tests.passes.helpers import run_passes

GZ = """<div class="ss">
<input type="keywords" class="stxt" placeholder="请输入关键字" id="txt_search">
<input class="sbtn" value="搜一下" type="submit" onclick='sousuo()'>
</div>
<script>
function sousuo() {
   window.location = "//search.x.gov.cn/search/local_msg/200001?position=all&sort=time&keywords=" + $("#txt_search").val();
}
</script>"""

NFRA = """<div class="search">
<input type="text" name="search" id="search" placeholder="请输入您要搜索的内容...">
<button type="button" onclick="goJiansuo()" id="goJiansuo" class="go"></button>
</div>
<script type="text/javascript">
    function goJiansuo() {
        var keyWords = $("#search").val();
        if (keyWords != "") {
            keyWords = keyWords.replace(/%/g,'')
            window.location.href = "/cn/view/pages/index/jiansuo.html?keyWords=" + keyWords;
        } else {
            window.location.href = "/cn/view/pages/index/jiansuo.html";
        }
    }
</script>"""

GOV_CN = """<div class="search"><form style="font-size:32px;">
<input type="hidden" name="t" value="govall">
<input class="text" name="headSearchword" type="text" placeholder="请输入关键字……">
<input class="image" type="button" value="" onClick="goSearch(this)">
</form>
<script>
function goSearch(event) {
  var s = '', m = document.querySelector('.header .pchide [name=headSearchword]');
  s = m.offsetHeight > 0 ? m.value : document.querySelector('.header .mhide [name=headSearchword]').value;
  if (s == '市场主体') {
    url = '//sousuo.x.gov.cn/sousuo/search.shtml?code=17da&dataTypeId=14&searchWord=' + s;
  } else {
    url = '//sousuo.x.gov.cn/sousuo/search.shtml?code=17da&dataTypeId=107&searchWord=' + encodeURIComponent(s);
  }
  window.open(url, '_blank');
}
</script></div>"""


def recover(html: str, encoding: str = "utf-8") -> LexborHTMLParser:
    """The RECOVER passes around this one, in the pipeline's order."""
    return run_passes((form_owners.run, script_searches.run, script_submits.run), html, encoding=encoding)[0]


def sent(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """What the first form sends, in order (its hidden fields and the typed one)."""
    form = tree.css_first("form")
    return [(f.attrs.get("name") or "", f.attrs.get("value") or "") for f in form.css("input[name]")]


def test_a_field_and_button_the_script_read_by_id_get_the_form_the_script_asked_for() -> None:
    tree = recover(GZ)
    form = tree.css_first("form")
    assert form.attrs["action"] == "//search.x.gov.cn/search/local_msg/200001"
    assert form.attrs["method"] == "get" and "accept-charset" not in form.attrs
    assert sent(tree) == [("position", "all"), ("sort", "time"), ("keywords", "")]
    # The field and its submit button are inside it, where they were.
    assert form.css_first("#txt_search").attrs["name"] == "keywords"
    assert form.css_first("input[type=submit]").attrs["value"] == "搜一下"
    assert form.parent.attrs["class"] == "ss"


def test_a_value_read_into_a_variable_is_followed_and_a_dead_button_becomes_a_submit_button() -> None:
    tree = recover(NFRA)
    form = tree.css_first("div.search > form")
    assert form.attrs["action"] == "/cn/view/pages/index/jiansuo.html"
    assert sent(tree) == [("keyWords", "")]
    button = form.css_first("button")
    # The portal's stylesheet drew the magnifier by its id and class.
    assert dict(button.attrs) == {"type": "submit", "class": "go", "id": "goJiansuo"}
    assert button.text() == "搜索"


def test_an_address_less_form_gets_the_general_address_and_utf8_when_the_script_encoded_it() -> None:
    tree = recover(GOV_CN, encoding="gb18030")
    form = tree.css_first("form")
    # The last built address is the else branch: the general search, not 市场主体's.
    assert form.attrs["action"] == "//sousuo.x.gov.cn/sousuo/search.shtml"
    assert form.attrs["accept-charset"] == "utf-8"  # encodeURIComponent: the portal reads UTF-8
    assert sent(tree) == [("code", "17da"), ("dataTypeId", "107"), ("searchWord", "")]
    assert form.css_first("button[type=submit]").attrs["class"] == "image"


def test_a_bare_value_on_a_legacy_page_is_sent_in_the_pages_encoding() -> None:
    tree, _ = run_passes(
        (script_searches.run, rewrite_links.run),
        GZ.replace("//search.x.gov.cn", "//www.x.gov.cn"),
        encoding="gb18030",
    )
    form = tree.css_first("form")
    assert "accept-charset" not in form.attrs
    # The link rewriter's field tells the proxy to send the word in GB18030,
    # as the browser's URL parser did for window.location on the GBK page.
    assert form.css_first(f"input[name={rewrite_links.CHARSET_FIELD}]").attrs["value"] == "gb18030"


def test_each_button_takes_the_field_beside_it_when_the_page_repeats_an_id() -> None:
    html = GZ + GZ.replace("搜一下", "手机搜")
    tree = recover(html)
    forms = tree.css("form")
    assert len(forms) == 2
    assert [f.css_first("input[type=submit]").attrs["value"] for f in forms] == ["搜一下", "手机搜"]
    assert all(f.css_first("#txt_search") is not None for f in forms)


def test_parameters_after_the_value_and_percent_escapes_come_out_as_the_portal_sent_them() -> None:
    html = GZ.replace(
        '"//search.x.gov.cn/search/local_msg/200001?position=all&sort=time&keywords=" + $("#txt_search").val();',
        "'/s?site=%E6%94%BF%E5%BA%9C&q=' + encodeURIComponent(document.getElementById('txt_search').value)"
        " + '&page=1&size=20';",
    )
    tree = recover(html)
    assert sent(tree) == [("site", "政府"), ("q", ""), ("page", "1"), ("size", "20")]


def test_scripts_a_form_cannot_ask_for_are_left_alone() -> None:
    cases = {
        "escape() sends %uXXXX": GZ.replace('$("#txt_search").val()', 'escape($("#txt_search").val())'),
        "the address is a variable": GZ.replace('"//search.x.gov.cn/search/local_msg/200001?', 'base + "?'),
        "the value is a path, not a parameter": GZ.replace("&keywords=", "/"),
        "the value is glued to more words": GZ.replace(".val();", '.val() + "x";'),
        "a value that is a call": GZ.replace('$("#txt_search").val()', "getKw()"),
        "no navigation": GZ.replace("window.location =", "var u ="),
        "the function is not in the page": GZ.replace("function sousuo()", "function other()"),
        "the field is not beside the button": GZ.replace('id="txt_search"', 'id="elsewhere"'),
        "another field would be sent": GZ.replace(
            "<input class", '<select name="area"></select><input class'
        ),
    }
    for why, html in cases.items():
        tree = recover(html)
        assert tree.css_first("form") is None, why


def test_a_form_that_has_an_address_is_left_to_its_own_submission() -> None:
    html = (
        '<form action="/real"><input id="q" name="q"><a href="javascript:go()">搜</a></form>'
        '<script>function go(){location.href="/other?kw="+$("#q").val()}</script>'
    )
    form = recover(html).css_first("form")
    assert form.attrs["action"] == "/real" and form.css_first("input[type=hidden]") is None


def test_a_click_handler_the_script_bound_by_id_is_read_with_its_trim_and_encoding() -> None:
    html = (
        '<div class="s"><input id="kw" type="text"><a id="btn" href="javascript:;">搜索</a></div>'
        "<script>$(function(){ $('#btn').click(function () {"
        " var kw = $.trim($('#kw').val()); if (!kw) { alert('请输入'); return false; }"
        ' window.location.href = "/search.shtml?siteid=3&q=" + encodeURIComponent(kw); }); });</script>'
    )
    tree = recover(html, encoding="gb18030")
    form = tree.css_first("div.s > form")
    assert form.attrs["action"] == "/search.shtml" and form.attrs["accept-charset"] == "utf-8"
    assert sent(tree) == [("siteid", "3"), ("q", "")]
    assert form.css_first("button[type=submit]").text() == "搜索"


def test_a_handler_bound_by_class_with_the_sites_origin_in_front_is_read_too() -> None:
    html = (
        '<p class="s"><input type="search"><span class="go">检索</span></p>'
        '<script>document.getElementById("x"); var b = document.querySelectorAll(".go");'
        "$('.go').on('click', function () { var t = document.getElementById('none');"
        " location.assign(location.protocol + '//' + location.host + '/jsearch?q=' + val); });</script>"
    )
    # The value is a variable never assigned here: the only text field beside the button.
    tree = recover(html)
    assert tree.css_first("p.s > form").attrs["action"] == "/jsearch"
    assert sent(tree) == [("q", "")]


def test_a_navigation_written_in_the_handler_itself_is_read() -> None:
    html = (
        '<div><input id="k"><img src="go.png" alt="搜索" '
        """onclick="window.open('/s?q='+encodeURI(document.getElementById('k').value))"></div>"""
    )
    tree = recover(html)
    assert tree.css_first("form").attrs["action"] == "/s"
    assert tree.css_first("form button[type=submit] > img").attrs["alt"] == "搜索"


def test_a_value_traced_through_variables_keeps_its_field_and_its_encoding() -> None:
    script = (
        '<script>function go(){ var a = $("#kw").val(); var b = encodeURIComponent(a);'
        ' location = "/s?q=" + b; }</script>'
    )
    html = '<div><input id="kw"><input id="other" name="x" type="hidden"><a onclick="go()">搜</a></div>'
    found = read_search(function_body(script, "go") or "", "gb18030")
    assert found is not None and found.field_id == "kw" and found.utf8
    assert recover(html + script, encoding="gb18030").css_first("form") is not None
    twice = script.replace("encodeURIComponent(a)", "encodeURI(encodeURI(a))")
    assert recover(html + twice).css_first("form") is None  # a Java back end's double encoding


def test_a_hostile_page_of_handlers_and_clicks_costs_a_bounded_number_of_lookups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    looked: list[str] = []
    real = script_searches.function_body

    def counting(source: str, name: str) -> str | None:
        looked.append(name)
        return real(source, name)

    monkeypatch.setattr(script_searches, "function_body", counting)
    buttons = "".join(f'<div><input id="k{i}"><a onclick="f{i}()">搜</a></div>' for i in range(300))
    functions = "".join(f"function f{i}() {{ alert({i}); }}\n" for i in range(300))
    clicks = "$('#x').click(function () {});" * 2000
    recover(f"{buttons}<script>{functions}{clicks}</script>")
    assert len(set(looked)) == len(looked) == script_searches.MAX_FUNCTIONS
    # One search function behind 300 buttons: a bounded number of forms.
    same = '<div><input id="k"><a onclick="go()">搜</a></div>' * 300
    tree = recover(f'{same}<script>function go() {{ location = "/s?q=" + $("#k").val(); }}</script>')
    assert len(tree.css("form")) == script_searches.MAX_FORMS
