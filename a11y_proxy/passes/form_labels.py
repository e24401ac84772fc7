"""Every form field has a label; image buttons have a name (WCAG 1.3.1, 3.3.2, 4.1.2).

A button that shows only an icon gets its name as words in 适老版 and
纯文本, which lay the page out without the portal's icon fonts.

Portal search boxes label themselves with their own value
(``value="请输入关键字"`` cleared on focus by script): the hint becomes the
field's name and its placeholder, and the value is emptied so the search
does not send the hint. Fields with text right before them ("留言标题
<input>") are named by that text; the rest from ``title``, ``placeholder`` or
a known field name. The name is given with ``aria-label``, so visible text
is never shown twice.

First, a ``<label>`` that names no field is tied to the one it stands
beside. Bootstrap-style forms write ``<label class="control-label">联系手机：
</label><div class="col-md-5"><input name="tel"></div>`` with no ``for``, or
a ``for`` copied from another page (xiangtan's ``for="validateCode"`` before
``<input id="verify">``); HTML ties such a label to nothing (HTML 4.10.4, "labeled
control"), so the reader heard a guess ("输入框") where the page shows the
words. Tied with ``for``, the field is named by what is shown (WCAG 1.3.1,
2.5.3 Label in Name) and a tap on the label reaches the field, a larger
target for older readers (适老化 spec: controls easy to hit).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, clean_text, element
from ..table_forms import SUBMIT_CONTROLS, form_owner, is_text_field
from ..wording import chinese_page, say
from .links import NEW_WINDOW, NEW_WINDOW_EN, frame_names, opens_new_window
from .rewrite_links import EXTERNAL_TEXT, external_mark

_HINT_VALUE = re.compile(r"请输入|输入|搜索|查询|关键[字词]|keyword|search", re.IGNORECASE)
_FIELD_NAMES = {
    "keyword": "关键词",
    "keywords": "关键词",
    "q": "关键词",
    "query": "关键词",
    "searchword": "关键词",
    "title": "标题",
    "content": "内容",
    "name": "姓名",
    "phone": "电话",
    "tel": "电话",
    "mobile": "手机",
    "email": "电子邮箱",
    "mail": "电子邮箱",
    "address": "地址",
    "code": "验证码",
    "yzm": "验证码",
    "username": "用户名",
    "password": "密码",
    "date": "日期",
}
#: The same names for a page in another language (wording).
_FIELD_NAMES_EN = {
    "keyword": "Keyword",
    "keywords": "Keywords",
    "q": "Keywords",
    "query": "Keywords",
    "searchword": "Keywords",
    "title": "Title",
    "content": "Content",
    "name": "Name",
    "phone": "Phone",
    "tel": "Phone",
    "mobile": "Mobile phone",
    "email": "Email",
    "mail": "Email",
    "address": "Address",
    "code": "Verification code",
    "yzm": "Verification code",
    "username": "User name",
    "password": "Password",
    "date": "Date",
}


#: What a label can name that a reader fills in (HTML "labelable elements";
#: buttons carry their own words).
_FIELDS = "input:not([type=hidden i]), select, textarea"
_FIELD_TAGS = frozenset(("input", "select", "textarea"))
#: All labelable elements: a ``for`` that names one of these works as written.
_LABELABLE = frozenset(("input", "select", "textarea", "button", "meter", "output", "progress"))
#: How far up from a label the field is looked for: its parent's later
#: children (the Bootstrap group), its grandparent's (a table row's next
#: cell), one more (the next row, for a label cell spanning a row).
_LEVELS = 3
#: Where a label never reaches past: another form, or the page.
_BOUNDS = frozenset(("form", "fieldset", "body", "html"))
FIELD_ID_PREFIX = "a11y-field-"


def _is_field(node: LexborNode) -> bool:
    return node.tag in _FIELD_TAGS and (node.attrs.get("type") or "").strip().lower() != "hidden"


def _fields_in(node: LexborNode) -> list[LexborNode]:
    return [node] if _is_field(node) else node.css(_FIELDS)


def _beside(label: LexborNode) -> LexborNode | None:
    """The one field a label with none of its own stands before (or, for a
    check box or radio button, right after: the order HTML's examples and
    WCAG H44 use for them); None where it is not clear which."""
    node = label
    for _ in range(_LEVELS):
        sib = node.next
        while sib is not None:
            if sib.is_element_node:
                if sib.tag == "label" or sib.css_first("label") is not None:
                    return None  # the next field has its own label
                fields = _fields_in(sib)
                if fields:
                    # Several (a date as three selects): the label names the group, not one.
                    return fields[0] if len(fields) == 1 else None
            sib = sib.next
        parent = node.parent
        if parent is None or parent.tag in _BOUNDS:
            break
        node = parent
    prev = label.prev
    while prev is not None and not prev.is_element_node:
        if prev.is_text_node and (prev.text_content or "").strip():
            return None
        prev = prev.prev
    if (
        prev is not None
        and prev.tag == "input"
        and (prev.attrs.get("type") or "").strip().lower() in ("checkbox", "radio")
    ):
        return prev
    return None


def _tie_orphan_labels(tree: LexborHTMLParser) -> None:
    labels = tree.css("label")
    if not labels:
        return
    ids: dict[str, LexborNode] = {}
    counts: dict[str, int] = {}
    for node in tree.css("[id]"):
        key = node.attrs.get("id") or ""
        ids.setdefault(key, node)
        counts[key] = counts.get(key, 0) + 1
    named: set[int] = set()  # fields some label names already
    orphans: list[LexborNode] = []
    for label in labels:
        if "for" in label.attrs:
            target = ids.get(label.attrs.get("for") or "")
            if target is not None and target.tag in _LABELABLE:
                named.add(target.mem_id)
                continue
            # A for that names nothing: the label names nothing, not even a
            # field inside it (HTML: with a for, only that id counts).
            if label.css_first(_FIELDS) is not None:
                del label.attrs["for"]
                named.update(f.mem_id for f in label.css(_FIELDS))
                continue
        else:
            inner = label.css_first(_FIELDS)
            if inner is not None:
                named.add(inner.mem_id)
                continue
        if clean_text(label):
            orphans.append(label)
    number = 0
    for label in orphans:
        field = _beside(label)
        # A label for the field's id is in named already.
        if field is None or field.mem_id in named or _has_label(field, None):
            continue
        fid = field.attrs.get("id")
        if fid is None or not fid.strip():
            while f"{FIELD_ID_PREFIX}{number}" in ids:
                number += 1
            fid = field.attrs["id"] = f"{FIELD_ID_PREFIX}{number}"
            ids[fid] = field
        elif counts.get(fid, 0) > 1:
            continue  # a for names the first element with the id, maybe another
        label.attrs["for"] = fid
        named.add(field.mem_id)


class _LabelIndex:
    """The <label for> elements of the page by the id they name: gathered once,
    not once a field (a form of 300 labelled fields took 88 ms asking each)."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self._by_id: dict[str, list[LexborNode]] = {}
        for label in tree.css("label[for]"):
            self._by_id.setdefault(label.attrs.get("for") or "", []).append(label)

    def of(self, field: LexborNode) -> list[LexborNode]:
        """What labels_of(tree, field) answers."""
        fid = field.attrs.get("id")
        return self._by_id.get(fid, []) if fid else []


def _has_label(field: LexborNode, index: _LabelIndex | None) -> bool:
    """Whether the field has a name of its own: an ARIA name, a label by its
    id (not asked without an index), or a label of words around it."""
    if (field.attrs.get("aria-label") or "").strip() or (field.attrs.get("aria-labelledby") or "").strip():
        return True
    if index is not None and index.of(field):
        return True
    parent = field.parent
    while parent is not None:
        if parent.tag == "label":
            return bool(clean_text(parent))
        parent = parent.parent
    return False


#: Elements whose words, right before a field, are its label as shown: a
#: cell before the field's cell (the table forms of 依申请公开 applications:
#: ``<td>申请人姓名：</td><td><input></td>``), or a box before its box.
_WORDS_BEFORE = frozenset(("span", "b", "strong", "font", "td", "th", "div", "p", "dt"))
#: Boxes a field may stand alone in and still be named by the words before the box.
_ALONE_IN = frozenset(("td", "th", "div", "span", "p", "dd"))


def _alone_in(parent: LexborNode, node: LexborNode) -> bool:
    """Whether ``node`` is all there is in ``parent`` (but blank text)."""
    child = parent.child
    while child is not None:
        if child.mem_id != node.mem_id and (child.is_element_node or (child.text_content or "").strip()):
            return False
        child = child.next
    return True


def _preceding_text(field: LexborNode) -> str:
    """The name the words right before the field give it (see _words_before)."""
    # Without the required-field star and the colon; one character is a
    # connector between two fields ("<input> 至 <input>"), not a name.
    text = _words_before(field).strip(_NOT_NAME)
    return text if 2 <= len(text) <= 20 else ""


def _words_before(field: LexborNode) -> str:
    """The words right before the field ("留言标题 <input>"), or before the box
    or cell it stands alone in ("<td>姓名：</td><td><input></td>")."""
    node = field
    for _ in range(3):
        prev = node.prev
        while prev is not None and prev.is_text_node and not (prev.text_content or "").strip():
            prev = prev.prev
        if prev is not None:
            break
        parent = node.parent
        if parent is None or parent.tag not in _ALONE_IN or not _alone_in(parent, node):
            return ""
        node = parent
    else:
        return ""
    if prev.is_text_node:
        return prev.text_content or ""
    if prev.tag in _WORDS_BEFORE and prev.css_first("input, select, textarea, button, label") is None:
        return clean_text(prev)
    return ""


#: The marks portals print for a field that must be filled in ("*姓名", "姓名＊").
_STARS = "*＊"
_NOT_NAME = " \t\n\r\u3000*＊:："


def _starred(words: str) -> bool:
    words = words.strip(" \t\n\r\u3000:：")
    return bool(words) and (words[0] in _STARS or words[-1] in _STARS)


def _mark_required(field: LexborNode, index: _LabelIndex) -> None:
    """A field the page shows as required is said to be (WCAG 3.3.2, 1.3.1):
    a red star by its label is seen, and a screen reader with the usual
    punctuation level says nothing of it; jQuery Validate's class="required"
    (xiangtan's 联系手机 and 留言内容) is what the portal's script checked."""
    attrs = field.attrs
    if "required" in attrs or "aria-required" in attrs:
        return
    required = "required" in (attrs.get("class") or "").split()
    if not required:
        words = [clean_text(label) for label in index.of(field)]
        parent = field.parent
        while parent is not None and parent.tag != "label":
            parent = parent.parent
        if parent is not None:
            words.append(clean_text(parent))
        words.append(_words_before(field))
        required = any(_starred(w) for w in words)
    if required:
        attrs["aria-required"] = "true"


def _is_search(form: LexborNode | None) -> bool:
    if form is None:
        return False
    text = (
        (form.attrs.get("action") or "")
        + " "
        + (form.attrs.get("name") or "")
        + " "
        + (form.attrs.get("id") or "")
    )
    return re.search(r"search|sou|query|jsearch|was", text, re.I) is not None


def _button_name(tree: LexborHTMLParser, form: LexborNode | None) -> str:
    if _is_search(form):
        return say(tree, "搜索", "Search")
    return say(tree, "提交", "Submit")


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    _tie_orphan_labels(tree)
    index = _LabelIndex(tree)
    names = _FIELD_NAMES if chinese_page(tree) else _FIELD_NAMES_EN
    for field in tree.css("input, select, textarea"):
        kind = (field.attrs.get("type") or "").strip().lower()
        if kind == "hidden":
            continue
        if kind == "image":
            if not (field.attrs.get("alt") or "").strip():
                field.attrs["alt"] = (field.attrs.get("title") or "").strip() or _button_name(
                    tree, form_owner(tree, field)
                )
            continue
        if kind in ("submit", "reset", "button"):
            if not (field.attrs.get("value") or "").strip():
                field.attrs["value"] = (
                    say(tree, "重置", "Reset")
                    if kind == "reset"
                    else _button_name(tree, form_owner(tree, field))
                )
            continue
        # Every other input is a field to fill in: an unknown type (gz.gov.cn's
        # type="keywords") is a text field (HTML: the invalid value default).
        value = (field.attrs.get("value") or "").strip()
        hint = ""
        if field.tag == "input" and value and _HINT_VALUE.search(value) and len(value) <= 20:
            hint = value
            field.attrs["value"] = ""
            if not (field.attrs.get("placeholder") or "").strip():
                field.attrs["placeholder"] = hint
        _mark_required(field, index)
        if _has_label(field, index):
            continue
        name = (
            hint
            or _preceding_text(field)
            or (field.attrs.get("title") or "").strip()
            or (field.attrs.get("placeholder") or "").strip()
            or names.get((field.attrs.get("name") or "").strip().lower(), "")
            or (
                say(tree, "搜索关键词", "Search words")
                if is_text_field(field) and _is_search(form_owner(tree, field))
                else ""
            )
            or say(tree, "输入框", "Input")
        )
        # A visible text before the field stays where it is; the name is
        # given with aria-label, so nothing shows twice.
        field.attrs["aria-label"] = name
    laid_out = ctx.mode != "a11y"
    for button in tree.css("button"):
        if clean_text(button) or any((img.attrs.get("alt") or "").strip() for img in button.css("img")):
            continue
        name = (
            (button.attrs.get("aria-label") or "").strip()
            or (button.attrs.get("title") or "").strip()
            or _button_name(tree, form_owner(tree, button))
        )
        if laid_out:
            # An icon-font button (pingtan's search: <button aria-label="提交"><i
            # class="iconfont">) is a blank box where the proxy lays the page out
            # without the portal's fonts: its name becomes its words, so what is
            # seen is what is said (WCAG 2.5.3, 1.1.1).
            append(button, element(tree, "span", name, class_="a11y-proxy-name"))
            if "aria-label" in button.attrs:
                del button.attrs["aria-label"]
        else:
            button.attrs["aria-label"] = name
    _mark_external_submits(tree)
    if ctx.mode == "a11y":
        _mark_new_window_submits(tree)


def _mark_new_window_submits(tree: LexborHTMLParser) -> None:
    """A form that answers in a new window (shanxi's search: ``target="_blank"``)
    says so in its buttons' names, as such a link does (WCAG 3.2.5, G201). Only
    in 无障碍: the modes the proxy lays out send forms to the same tab (links pass)."""
    frames = frame_names(tree)
    # Words in a name are read in the element's language: English on a page
    # that is not Chinese (wording); the span's words are marked Chinese.
    said = say(tree, NEW_WINDOW, NEW_WINDOW_EN)
    for form in tree.css("form[target]"):
        if not opens_new_window(form.attrs.get("target"), frames):
            continue
        for control in form.css(SUBMIT_CONTROLS):
            if control.tag == "button":
                append(control, element(tree, "span", NEW_WINDOW, class_="a11y-proxy-sr", lang="zh-CN"))
                label = (control.attrs.get("aria-label") or "").strip()
                if label:
                    control.attrs["aria-label"] = f"{label} {said}"
                continue
            # An input's name is its value or alt, shown on it: the words go in its name only.
            kind = (control.attrs.get("type") or "").strip().lower()
            shown = (control.attrs.get("alt" if kind == "image" else "value") or "").strip()
            name = (control.attrs.get("aria-label") or "").strip() or shown or say(tree, "提交", "Submit")
            control.attrs["aria-label"] = f"{name} {said}"


def _mark_external_submits(tree: LexborHTMLParser) -> None:
    """A form that goes to a site outside the proxy says so on its buttons, as
    such a link does (in its text and name: WCAG 3.2.2, 2.4.4), for the
    reader who presses it leaves the accessible view."""
    for form in tree.css("form[data-a11y-external]"):
        for control in form.css(SUBMIT_CONTROLS):
            if control.tag == "button":
                append(control, external_mark(tree))
                label = (control.attrs.get("aria-label") or "").strip()
                if label:
                    control.attrs["aria-label"] = f"{label} {EXTERNAL_TEXT}"
            else:
                attr = "alt" if (control.attrs.get("type") or "").strip().lower() == "image" else "value"
                control.attrs[attr] = f"{(control.attrs.get(attr) or '').strip()} {EXTERNAL_TEXT}"
