from __future__ import annotations

from a11y_proxy.search_scripts import bound_searches, called_function, function_body, read_search


def test_a_function_body_is_read_to_its_closing_brace_past_braces_in_strings() -> None:
    source = "function a(){ if (x) { y('}'); } return \"{\"; } function b(){}"
    assert function_body(source, "a") == " if (x) { y('}'); } return \"{\"; "
    assert function_body("var go = function (e) { z(); };", "go") == " z(); "
    assert function_body("obj.go = function () { z(); };", "go") is None  # a method, not the page's go()
    assert function_body("function a() { never closed", "a") is None


def test_read_search_names_what_the_portal_asked_for() -> None:
    found = read_search('window.open("/s?a=1&q=" + encodeURI(kw))', "gb18030")
    assert found is not None
    assert (found.action, found.field_name, found.before, found.utf8) == ("/s", "q", (("a", "1"),), True)
    # A percent escape that is not in the encoding the portal reads: not guessed.
    assert read_search('location.href = "/s?a=%FF&q=" + kw', "utf-8") is None


def test_a_handler_that_is_one_call_names_its_function() -> None:
    assert called_function("sousuo()") == "sousuo"
    assert called_function("javascript:return goSearch(this);return false;") == "goSearch"
    assert called_function("window.print()") is None and called_function("go('x')") is None


def test_a_click_handler_bound_by_id_or_class_is_found_with_its_search() -> None:
    script = (
        "$(function () { $('#btn').click(function () { location = '/s?q=' + $('#kw').val(); });"
        " document.getElementById('b2').addEventListener('click', function () { alert(1); });"
        " jQuery('.go').on('click', () => { window.open('/t?k=' + encodeURIComponent(v)); }); });"
    )
    found = bound_searches(script, [64], "utf-8")
    assert [(selector, s.action, s.field_name, s.utf8) for selector, s in found] == [
        ("#btn", "/s", "q", False),
        (".go", "/t", "k", True),
    ]
    assert bound_searches(script, [0], "utf-8") == []  # no budget left: nothing is read
