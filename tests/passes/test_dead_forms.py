from __future__ import annotations

from a11y_proxy.passes import dead_forms
from tests.passes.helpers import PAGE, run_pass

SELF = "/a11y/" + PAGE


def notes(html: str) -> list[str]:
    tree, _ = run_pass(dead_forms.run, html)
    return [
        form.attrs.get("id") or "" for form in tree.css("form") if form.css_first(f".{dead_forms.NOTE_CLASS}")
    ]


def test_a_form_only_its_script_could_send_says_so_before_the_reader_types() -> None:
    # xiangtan's 留言 form: its 提交留言 was a script link, now gone.
    tree, _ = run_pass(
        dead_forms.run,
        f'<form id="c" method="post" action="{SELF}"><label>联系手机：<input name="tel"></label>'
        '<textarea name="docComment"></textarea><input name="verify"></form>',
    )
    note = tree.css_first("form > p")
    assert note is not None and note.attrs["role"] == "note" and note.text().startswith(dead_forms.NOTE)
    link = note.css_first("a")
    assert link is not None and link.attrs["href"] == PAGE and "将离开无障碍浏览" in link.text()
    assert link.attrs["class"] == dead_forms.ORIGINAL_CLASS  # the original page, as the bar's link


def test_the_words_of_the_script_buttons_that_went_go_with_them() -> None:
    # xiangtan: its 提交留言 and 返回 were script links, left as words (links pass).
    tree, _ = run_pass(
        dead_forms.run,
        f'<form method="post" action="{SELF}"><p>留言内容：<textarea name="c"></textarea></p>'
        '<p>验证码：<input name="v"><input name="w"></p>'
        '<div class="form-group text-center">提交留言\n返回</div><div>【重置】</div>'
        '<div>返回 <a href="/list">列表</a></div><p>请文明留言，提交后审核</p></form>',
    )
    text = tree.css_first("form").text()
    assert "提交留言" not in text and "重置" not in text
    assert "列表" in text and "请文明留言，提交后审核" in text  # a link, and words that are not buttons'
    # Blocks of such words inside one another go once, the outermost.
    tree, _ = run_pass(
        dead_forms.run,
        f'<form method="post" action="{SELF}"><textarea name="c"></textarea><input name="v"><input name="w">'
        '<div class="btns"><span>提交留言</span> <span>返回</span></div><p>完</p></form>',
    )
    form = tree.css_first("form")
    assert form.css_first(".btns") is None and "返回" not in form.text() and "完" in form.text()
    # A form that can be sent keeps every word.
    tree, _ = run_pass(dead_forms.run, '<form><input name="q"><div>返回</div><button>提交</button></form>')
    assert "返回" in tree.css_first("form").text()


def test_a_form_a_button_or_enter_can_send_is_left_alone() -> None:
    assert (
        notes(
            '<form id="a" action="/s"><input name="q"><textarea name="t"></textarea><button>提交</button></form>'
            '<form id="b" action="/s"><input name="q" type="search"></form>'  # Enter sends one typed field
            '<form id="c" action="/s"><input name="q"><input type="image" src="go.png" alt="搜索"></form>'
            '<form id="d" action="/s"><input type="hidden" name="x"></form>'  # nothing to fill in
            f'<form id="e" action="{SELF}"><input name="q"></form>'  # a GET filter box of the page itself
        )
        == []
    )


def test_a_form_no_enter_can_send_gets_the_note() -> None:
    assert notes(
        '<form id="two" action="/s"><input name="a"><input name="b"><button type="button">提交</button></form>'
        '<form id="none" action="/s"><textarea name="t"></textarea><input type="checkbox" name="c"></form>'
        f'<form id="self" method="POST" action="{SELF}"><textarea name="t"></textarea><input name="v"></form>'
    ) == ["two", "none", "self"]


def test_every_typed_field_counts_as_html_counts_it_for_enter() -> None:
    # An unknown type is the Text state (gz.gov.cn's type="keywords"): Enter sends a form of
    # it alone; a month and a time field are two typed fields, and Enter sends nothing.
    assert notes(
        '<form id="one" action="/s"><input type="keywords" name="q"><input type="checkbox" name="c"></form>'
        '<form id="two" action="/s"><input type="month" name="m"><input type="time" name="t"></form>'
    ) == ["two"]
