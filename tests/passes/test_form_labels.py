from __future__ import annotations

import pytest

from a11y_proxy.passes import form_labels, links, rewrite_links
from tests.passes.helpers import run_pass


def test_value_used_as_label_becomes_name_and_placeholder() -> None:
    tree, _ = run_pass(
        form_labels.run,
        '<form action="/search.jsp"><input type="text" name="keyword" value="请输入关键字">'
        '<input type="image" src="/s.png"></form>',
    )
    field, button = tree.css("input")
    assert field.attrs["value"] == "" and field.attrs["placeholder"] == "请输入关键字"
    assert field.attrs["aria-label"] == "请输入关键字"
    assert button.attrs["alt"] == "搜索"


def test_text_before_a_field_names_it() -> None:
    tree, _ = run_pass(
        form_labels.run,
        "<p>留言标题 <input type=text name=title></p><p><textarea name=content></textarea></p>",
    )
    assert tree.css_first("input").attrs["aria-label"] == "留言标题"
    assert tree.css_first("textarea").attrs["aria-label"] == "内容"


def test_labelled_fields_are_left_alone() -> None:
    tree, _ = run_pass(
        form_labels.run, '<label for="q">关键词</label><input id="q"><label>姓名 <input name=n></label>'
    )
    assert all("aria-label" not in i.attrs for i in tree.css("input"))


def test_buttons_without_words_get_a_name() -> None:
    tree, _ = run_pass(
        form_labels.run, '<form action="/liuyan"><input type="submit"><button></button></form>'
    )
    assert tree.css_first("input").attrs["value"] == "提交"
    assert tree.css_first("button").attrs["aria-label"] == "提交"


@pytest.mark.parametrize("mode", ["elder", "text"])
def test_an_icon_button_shows_its_name_where_the_proxy_lays_the_page_out(mode: str) -> None:
    # pingtan.gov.cn's search: the magnifier is a glyph of the portal's icon font,
    # which 适老版 and 纯文本 do not load: the button was a blank box.
    html = (
        '<form action="/ssp/main/index.html"><input name="key" aria-label="请输入搜索内容">'
        '<button class="btn_base" aria-label="提交"><i class="trt-iconfont trt-icon-sousuo"></i></button>'
        '<button title="清空"><i class="icon-x"></i></button><button></button>'
        '<button><img src="/s.png" alt="搜索"></button></form>'
    )
    tree, _ = run_pass(form_labels.run, html, mode=mode)
    buttons = tree.css("button")
    assert [b.text() for b in buttons] == ["提交", "清空", "提交", ""]
    # The words are the name: no aria-label to say something else.
    assert all("aria-label" not in b.attrs for b in buttons)
    # 无障碍 keeps the portal's look, and its icon: the name stays unseen.
    tree, _ = run_pass(form_labels.run, html)
    assert [b.attrs.get("aria-label") for b in tree.css("button")] == ["提交", "清空", "提交", None]
    assert tree.css_first("button").text() == ""


def test_a_nameless_field_of_a_search_form_is_the_search_term_even_when_it_names_its_form() -> None:
    # stats.gov.cn (TRS was5): name="andsen", no label, no hint; the field sits in a
    # table after the form, tied to it by form= (passes/form_owners).
    tree, _ = run_pass(
        form_labels.run,
        '<form id="sf" action="/was5/web/search"></form><input name="andsen" type="text" form="sf">'
        '<form action="/hdjl/liuyan.jsp"><input name="x1" type="text"></form>',
    )
    assert tree.css_first("input[name=andsen]").attrs["aria-label"] == "搜索关键词"
    assert tree.css_first("input[name=x1]").attrs["aria-label"] == "输入框"


def test_a_field_of_an_unknown_type_is_a_text_field_and_gets_a_name() -> None:
    # gz.gov.cn's <input type="keywords">: HTML treats an unknown type as text.
    tree, _ = run_pass(form_labels.run, '<form action="/search"><input type="keywords" id="kw"></form>')
    assert tree.css_first("input").attrs["aria-label"] == "搜索关键词"


def test_the_buttons_of_a_form_that_leaves_the_proxy_say_so() -> None:
    html = (
        '<form action="http://search.y.gov.cn/s" data-a11y-external="">'
        '<input name="q"><input type="submit" value="搜一下"><button>检索</button>'
        '<button aria-label="搜索"><i class="icon"></i></button><input type="image" src="/go.png" alt="">'
        '</form><form action="/s"><button>站内</button></form>'
    )
    tree, _ = run_pass(form_labels.run, html)
    mark = rewrite_links.EXTERNAL_TEXT
    assert tree.css_first("input[type=submit]").attrs["value"] == f"搜一下 {mark}"
    first, icon, own = tree.css("button")
    assert first.text() == f"检索 {mark}" and first.css_first("span").attrs["lang"] == "zh-CN"
    assert icon.attrs["aria-label"] == f"搜索 {mark}"
    assert tree.css_first("input[type=image]").attrs["alt"] == f"搜索 {mark}"
    assert own.text() == "站内"


def test_the_buttons_of_a_form_that_answers_in_a_new_window_say_so_in_their_names() -> None:
    # shanxi's site search: target="_blank". 无障碍 keeps it and says so (WCAG 3.2.5).
    html = (
        '<form action="/s" target="_blank"><input name="q" aria-label="关键词">'
        '<input type="submit" value="搜索"><button>检索</button><button><i class="icon"></i></button>'
        '<input type="image" src="/go.png" alt="查询"></form>'
        '<iframe name="results"></iframe><form action="/s" target="results"><button>在框架中</button></form>'
        '<form action="/s" target="_self"><button>本页</button></form>'
    )
    tree, _ = run_pass(form_labels.run, html)
    new = links.NEW_WINDOW
    submit = tree.css_first("input[type=submit]")
    assert submit.attrs["value"] == "搜索" and submit.attrs["aria-label"] == f"搜索 {new}"
    words, icon, framed, same = tree.css("button")
    assert words.text() == f"检索{new}" and words.css_first("span.a11y-proxy-sr") is not None
    assert icon.attrs["aria-label"].endswith(new)  # named first ("搜索"), then told
    assert tree.css_first("input[type=image]").attrs["aria-label"] == f"查询 {new}"
    assert framed.text() == "在框架中" and same.text() == "本页"
    # The modes the proxy lays out send the form to the same tab instead (links pass).
    tree, _ = run_pass(form_labels.run, html, mode="elder")
    assert tree.css_first("input[type=submit]").attrs.get("aria-label") is None


def _label_for(tree, text: str) -> str | None:  # type: ignore[no-untyped-def]
    return next(label.attrs.get("for") for label in tree.css("label") if text in label.text())


def test_a_group_label_with_no_for_names_the_field_beside_it() -> None:
    """The Bootstrap form group xiangtan's 留言 form is made of: the label, then the
    field in a column box. HTML ties them not at all; the label now names the field."""
    tree, _ = run_pass(
        form_labels.run,
        '<form><div class="form-group"><label class="control-label">联系手机：</label>'
        '<div class="col-md-5"><input name="tel" type="text"></div></div>'
        '<div class="form-group"><label>留言内容：</label><div><textarea id="c"></textarea></div></div></form>',
    )
    field = tree.css_first("input")
    assert _label_for(tree, "联系手机") == field.attrs["id"]
    assert _label_for(tree, "留言内容") == "c"
    assert "aria-label" not in field.attrs and "aria-label" not in tree.css_first("textarea").attrs


def test_a_label_for_an_id_no_element_has_names_the_field_beside_it() -> None:
    tree, _ = run_pass(
        form_labels.run,
        '<form><label for="validateCode">验证码：</label><div><input id="verify" name="verify"></div></form>',
    )
    assert _label_for(tree, "验证码") == "verify"
    assert "aria-label" not in tree.css_first("input").attrs


def test_a_label_cell_names_the_field_in_the_next_cell_and_a_label_row_the_next_row() -> None:
    tree, _ = run_pass(
        form_labels.run,
        "<form><table><tr><td><label>姓名</label></td><td><input name=xm></td></tr>"
        "<tr><td colspan=2><label>诉求内容</label></td></tr><tr><td colspan=2><textarea></textarea></td></tr>"
        "</table></form>",
    )
    field, area = tree.css_first("input"), tree.css_first("textarea")
    assert _label_for(tree, "姓名") == field.attrs["id"] and _label_for(tree, "诉求内容") == area.attrs["id"]
    assert field.attrs["id"] != area.attrs["id"]


def test_a_check_box_is_named_by_the_label_right_after_it() -> None:
    tree, _ = run_pass(
        form_labels.run, "<form><input type=checkbox name=r><label>记住登录状态</label></form>"
    )
    assert _label_for(tree, "记住") == tree.css_first("input").attrs["id"]


def test_a_label_is_not_tied_where_it_is_not_clear_which_field_it_names() -> None:
    """The next field has its own label; a date in three boxes (the label names
    the group); a field in the next form; a field whose id another element has."""
    tree, _ = run_pass(
        form_labels.run,
        "<form><div><label>甲</label></div><div><label>乙 <input name=b></label></div>"
        "<label>出生日期</label><div><select name=y></select><select name=m></select></div>"
        "<div><label>丙</label></div></form><form><input name=c></form>"
        '<form><label>丁</label><span><input id="d" name=d></span><p id="d"></p></form>',
    )
    assert all(label.attrs.get("for") is None for label in tree.css("label"))
    assert all("id" not in field.attrs or field.attrs["id"] == "d" for field in tree.css("input, select"))


def test_a_label_holding_its_field_with_a_for_that_names_nothing_names_the_field_it_holds() -> None:
    """HTML: with a for, only that id counts, even when the field is inside the label."""
    tree, _ = run_pass(form_labels.run, '<form><label for="nope">关键词 <input name="q"></label></form>')
    assert "for" not in tree.css_first("label").attrs
    assert "aria-label" not in tree.css_first("input").attrs


def test_a_label_a_field_already_has_is_not_moved_to_another() -> None:
    tree, _ = run_pass(
        form_labels.run,
        '<form><label for="a">甲</label><label>乙</label><input id="a"><input id="b" aria-label="丙"></form>',
    )
    labels = tree.css("label")
    assert labels[0].attrs["for"] == "a" and "for" not in labels[1].attrs


def test_a_field_alone_in_its_cell_is_named_by_the_cell_before_it() -> None:
    """The table forms of 依申请公开 applications: the words in one cell, the field
    in the next, no <label>."""
    tree, _ = run_pass(
        form_labels.run,
        "<form><table><tr><td><font color=red>*</font>申请人姓名：</td><td><input name=xm></td></tr>"
        "<tr><th>所需信息描述</th><td><div><textarea name=ms>默认</textarea></div></td></tr>"
        "<tr><td>说明</td><td><input name=a> 至 <input name=b></td></tr>"
        "<tr><td><input name=c></td><td><input name=d></td></tr></table></form>",
    )
    names = {f.attrs["name"]: f.attrs.get("aria-label") for f in tree.css("input, textarea")}
    assert names["xm"] == "申请人姓名" and names["ms"] == "所需信息描述"
    # Two fields in the cell: the words are not one field's; a cell of a field names none.
    assert names["a"] == names["b"] == names["c"] == names["d"] == "输入框"


def test_on_an_english_page_the_names_the_proxy_gives_are_english() -> None:
    """An aria-label or a button's value has no language of its own: an English
    voice reads it on an English page."""
    tree, _ = run_pass(
        form_labels.run,
        '<html lang="en"><body><form action="/search"><input name="keyword"><input name="x">'
        '<input type="submit"></form><form action="/apply"><input type="reset"><button></button></form>',
    )
    keyword, other, search, reset = tree.css("input")
    assert keyword.attrs["aria-label"] == "Keyword" and other.attrs["aria-label"] == "Search words"
    assert search.attrs["value"] == "Search" and reset.attrs["value"] == "Reset"
    assert tree.css_first("button").attrs["aria-label"] == "Submit"


def test_a_field_shown_as_required_is_said_to_be_required() -> None:
    """A red star by the label, or jQuery Validate's class="required" (xiangtan's
    留言 form), which the portal's script checked before sending."""
    tree, _ = run_pass(
        form_labels.run,
        "<form><table><tr><td><font color=red>*</font>申请人姓名：</td><td><input name=xm></td></tr>"
        "<tr><td>工作单位：</td><td><input name=dw></td></tr></table>"
        '<label for="t">联系电话＊</label><input id="t">'
        '<label>邮箱 <input name="e" type="email"></label>'
        '<textarea class="form-control required" name="c"></textarea>'
        "<input name=n required><span>*</span><input name=s></form>",
    )
    required = {
        f.attrs.get("name") or f.attrs.get("id"): f.attrs.get("aria-required")
        for f in tree.css("input, textarea")
    }
    assert required == {"xm": "true", "dw": None, "t": "true", "e": None, "c": "true", "n": None, "s": "true"}
    assert tree.css_first("input[name=xm]").attrs["aria-label"] == "申请人姓名"
