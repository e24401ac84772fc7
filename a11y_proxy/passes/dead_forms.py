"""A form that only the portal's script could send says so, and where it can be sent.

Article pages carry comment boxes, 留言 and 纠错 forms and satisfaction
surveys whose 提交 is a script link (xiangtan's ``<a href="javascript:void(0)"
id="saveReplyComment">提交留言</a>``) that sends the fields to an endpoint of
the portal's own. With no upstream script the link is gone, and the form has
no way to be sent: no submit button, and more than one field, where HTML
gives Enter no implicit submission (4.10.21.2: with no submit button, only a
form of one typed field is sent by Enter). A reader who fills it in
meets nothing when done, and a screen reader user finds no button at the
end of it. A note at the top of such a form says that it cannot be sent
here, before the reader types (WCAG 3.3.2 labels or instructions; 3.2.2), with
a link to the original page, which leaves the accessible view and says so.
The words the script links leave behind (提交留言, 返回), which name buttons
that are not there, go.

A form that can be sent (a submit button, an image button, or one field that
Enter sends) is left alone; so are forms with no field to fill in.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import ADDED_CLASS, EMBEDDED_OR_CONTROLS, append, decompose_outermost, element, prepend
from ..table_forms import SUBMIT_CONTROLS, is_typed_field
from .proxy_bar import ORIGINAL_CLASS
from .rewrite_links import EXTERNAL_CLASS

#: Fields a reader fills in or chooses in: all but the hidden ones and the buttons.
_FIELDS = (
    "textarea, select, input:not([type=hidden i]):not([type=submit i]):not([type=image i])"
    ":not([type=reset i]):not([type=button i])"
)
NOTE = "此表单要由原网站的脚本提交，在无障碍浏览中无法提交。"
#: A block that says nothing but the words of the form's script buttons, left
#: as plain text once their script links went (links pass): xiangtan's
#: <div class="form-group text-center">提交留言 返回</div>.
_BUTTON_WORDS = re.compile(
    r"^(?:\s*[\[【]?\s*(?:提交|提交留言|提交评论|发表|发表评论|我要留言|保存|确定|确认|重置|重填|清空|取消|返回)"
    r"\s*[\]】]?\s*)+$"
)
NOTE_CLASS = "a11y-proxy-form-note"
#: What a block of button words may not hold: a field, a picture, a link.
_NOT_WORDS = "a[href], " + EMBEDDED_OR_CONTROLS


def _cannot_be_sent(form: LexborNode, this_page: str) -> bool:
    if form.css_first(SUBMIT_CONTROLS) is not None:
        return False
    if form.css_first(_FIELDS) is None:
        return False  # nothing to fill in: nothing lost
    # One typed field: Enter in it sends the form. None, or more: nothing does.
    if sum(1 for field in form.css("input") if is_typed_field(field)) != 1:
        return True
    # Enter would post it to the page itself: a form with no address of its own
    # (xiangtan's 回复 form, a textarea and a captcha field), which only its
    # script knew where to send. A GET form so (a list's filter box) may be the page's own.
    return (form.attrs.get("method") or "").strip().lower() == "post" and form.attrs.get(
        "action"
    ) == this_page


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    this_page = ctx.proxy_page()
    for form in tree.css("form"):
        if not _cannot_be_sent(form, this_page) or form.css_first(f".{NOTE_CLASS}") is not None:
            continue
        note = element(tree, "p", NOTE, class_=f"{ADDED_CLASS} {NOTE_CLASS}", role="note", lang="zh-CN")
        link = append(
            note,
            element(
                tree, "a", "到原网页填写", href=ctx.url, rel="noopener noreferrer", class_=ORIGINAL_CLASS
            ),
        )
        append(link, element(tree, "span", " (将离开无障碍浏览)", class_=EXTERNAL_CLASS))
        # The words of buttons that are gone name nothing a reader can press
        # (WCAG 4.1.2: what looks like a control is one): after the note,
        # "提交留言" would read as the way to send it.
        # Found first, removed outermost first: a matching block may hold
        # another (<div><span>提交</span> <span>返回</span></div>).
        decompose_outermost(
            block
            for block in form.css("div, p, span, li, td")
            if _BUTTON_WORDS.match(block.text(deep=True) or "") and block.css_first(_NOT_WORDS) is None
        )
        prepend(form, note)
