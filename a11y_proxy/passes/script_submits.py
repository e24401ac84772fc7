"""A search button that only the portal's script made work becomes a real submit button.

Portal search boxes often have no submit control at all: the button is a
link or a plain button whose click a script turns into a submission
(stats.gov.cn's TRS search ``<a href="#" onClick="submitForm();">检索</a>``,
``<a href="javascript:document.searchForm.submit();">Search</a>``,
``<input type="button" onclick="doSearch()">``). With no upstream script the
reader finds a 检索 that does nothing: a control must do what its name says
(WCAG 4.1.2), and search is how many readers find a notice at all (WCAG
2.4.5). When the form has an address to go to and no submit control of its
own, its first such control is replaced by ``<button type="submit">`` with
the same words (or picture) and the same class, so it still looks like the
portal's. The browser then submits the form as HTML says, and the proxy's
form handling (its action through the proxy, the portal's encoding) does the
rest. A form with no address of its own (``goSearch`` building a URL in
script) is left alone: what it would have asked for is not in the page.

This pass must run before neutralise_scripts, which removes the handlers it
reads, and after form_owners, which gives a form the parser left empty in a
table the id its fields then name.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, before, children, clean_text, element
from ..table_forms import SUBMIT_CONTROLS, following_in_table, has_address, is_detached

_CANDIDATES = "a, input[type=button i], button[type=button i], img[onclick], span[onclick], div[onclick]"
#: A script that submits or searches: form.submit(), submitForm(), doSearch(), checkKey()...
_SUBMIT_SCRIPT = re.compile(
    r"\.submit\s*\(|\b\w*(?:submit|search|sousuo|query|chaxun|jiansuo|check)\w*\s*\(", re.IGNORECASE
)
#: The words on a search or submit button.
_SUBMIT_WORDS = re.compile(
    r"(?:站内|全文|全站)?(?:搜\s*索|检\s*索|查\s*询|查找)(?:一下)?|提\s*交|确\s*定|search|go|submit",
    re.IGNORECASE,
)


def _label(node: LexborNode) -> str:
    for text in (
        clean_text(node),
        node.attrs.get("value") or "",
        " ".join((img.attrs.get("alt") or "") for img in node.css("img")),
        node.attrs.get("alt") or "",
        node.attrs.get("title") or "",
        node.attrs.get("aria-label") or "",
    ):
        text = text.strip()
        if text:
            return text
    return ""


def _scripted(node: LexborNode) -> str:
    """The script a control ran when clicked ("" for none, or for a link that goes somewhere)."""
    href = (node.attrs.get("href") or "").strip() if node.tag == "a" else ""
    if href and not href.lower().startswith("javascript:") and href != "#":
        return ""
    script = (
        (node.attrs.get("onclick") or "") + " " + (href if href.lower().startswith("javascript:") else "")
    )
    return script.strip()


def _submit_control(roots: list[LexborNode]) -> LexborNode | None:
    """The control the portal's script submitted the form with: the first that
    calls a submit or search function or is labelled like a search button,
    else the only scripted control there is if it has no words of its own (a
    form with an address and fields, no submit button, and one icon to
    click: the magnifier; 帮助 is not a search button)."""
    scripted = [(c, script) for root in roots for c in root.css(_CANDIDATES) if (script := _scripted(c))]
    for control, script in scripted:
        if _SUBMIT_SCRIPT.search(script) or _SUBMIT_WORDS.fullmatch(_label(control)):
            return control
    return scripted[0][0] if len(scripted) == 1 and not _label(scripted[0][0]) else None


def submit_button(tree: LexborHTMLParser, control: LexborNode, form_id: str) -> None:
    """Replace a scripted control by a submit button with its words (or picture) and class,
    of the form ``form_id`` names ("" for the form around it)."""
    label = _label(control) or "搜索"
    button = before(control, element(tree, "button", type="submit"))
    # The class and id the portal's stylesheet drew the control by (nfra's #goJiansuo magnifier).
    for name in ("class", "id") if control.tag != "img" else ("class",):
        if control.attrs.get(name):
            button.attrs[name] = control.attrs[name] or ""
    if form_id:
        button.attrs["form"] = form_id
    if control.tag == "img":
        append(button, control)  # the picture stays the button's face
    else:
        for child in children(control):
            append(button, child)
        control.decompose()
    if not clean_text(button) and button.css_first("img[alt]:not([alt=''])") is None:
        if button.child is None:
            button.insert_child(label)  # an <input type=button> gives its value
        else:
            button.attrs["aria-label"] = label


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for form in tree.css("form"):
        if not has_address(form):
            continue
        if is_detached(form):
            roots = list(following_in_table(form))
            form_id = form.attrs.get("id") or ""
        else:
            roots, form_id = [form], ""
        if not roots or any(root.css_first(SUBMIT_CONTROLS) is not None for root in roots):
            continue  # nothing of its own, or it submits without script already
        if not any(root.css_first("input, select, textarea") is not None for root in roots):
            continue  # nothing to send: a form around other things
        control = _submit_control(roots)
        if control is not None:
            submit_button(tree, control, form_id)
