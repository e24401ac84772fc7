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
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, clean_text, element
from ..table_forms import SUBMIT_CONTROLS, form_owner, is_text_field, labels_of
from .links import NEW_WINDOW, frame_names, opens_new_window
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


def _has_label(field: LexborNode, tree: LexborHTMLParser) -> bool:
    if (field.attrs.get("aria-label") or "").strip() or (field.attrs.get("aria-labelledby") or "").strip():
        return True
    if labels_of(tree, field):
        return True
    parent = field.parent
    while parent is not None:
        if parent.tag == "label":
            return bool(clean_text(parent))
        parent = parent.parent
    return False


def _preceding_text(field: LexborNode) -> str:
    """Text immediately before the field in the same parent ("留言标题 <input>")."""
    prev = field.prev
    while prev is not None and prev.is_text_node and not (prev.text_content or "").strip():
        prev = prev.prev
    if prev is None:
        return ""
    text = (
        (prev.text_content or "")
        if prev.is_text_node
        else clean_text(prev)
        if prev.tag in ("span", "b", "strong", "font")
        else ""
    )
    text = text.strip().rstrip(":：*").strip()
    return text if 1 <= len(text) <= 20 else ""


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


def _button_name(form: LexborNode | None) -> str:
    return "搜索" if _is_search(form) else "提交"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for field in tree.css("input, select, textarea"):
        kind = (field.attrs.get("type") or "").strip().lower()
        if kind == "hidden":
            continue
        if kind == "image":
            if not (field.attrs.get("alt") or "").strip():
                field.attrs["alt"] = (field.attrs.get("title") or "").strip() or _button_name(
                    form_owner(tree, field)
                )
            continue
        if kind in ("submit", "reset", "button"):
            if not (field.attrs.get("value") or "").strip():
                field.attrs["value"] = {"reset": "重置"}.get(kind) or _button_name(form_owner(tree, field))
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
        if _has_label(field, tree):
            continue
        name = (
            hint
            or _preceding_text(field)
            or (field.attrs.get("title") or "").strip()
            or (field.attrs.get("placeholder") or "").strip()
            or _FIELD_NAMES.get((field.attrs.get("name") or "").strip().lower(), "")
            or ("搜索关键词" if is_text_field(field) and _is_search(form_owner(tree, field)) else "")
            or "输入框"
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
            or _button_name(form_owner(tree, button))
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
    for form in tree.css("form[target]"):
        if not opens_new_window(form.attrs.get("target"), frames):
            continue
        for control in form.css(SUBMIT_CONTROLS):
            if control.tag == "button":
                append(control, element(tree, "span", NEW_WINDOW, class_="a11y-proxy-sr", lang="zh-CN"))
                label = (control.attrs.get("aria-label") or "").strip()
                if label:
                    control.attrs["aria-label"] = f"{label} {NEW_WINDOW}"
                continue
            # An input's name is its value or alt, shown on it: the words go in its name only.
            kind = (control.attrs.get("type") or "").strip().lower()
            shown = (control.attrs.get("alt" if kind == "image" else "value") or "").strip()
            name = (control.attrs.get("aria-label") or "").strip() or shown or "提交"
            control.attrs["aria-label"] = f"{name} {NEW_WINDOW}"


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
