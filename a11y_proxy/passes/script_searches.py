"""A search whose address only the portal's script built becomes a real form again.

Many portal search boxes are a text field and a button with no form around
them, or in a form with no address; the button's handler reads the field and
navigates itself::

    window.location = "//search.gd.gov.cn/search/local_msg/200001?position=all&…&keywords="
                      + $("#txt_search").val();                                  (gz.gov.cn)
    window.location.href = "/cn/view/pages/index/jiansuo.html?keyWords=" + keyWords;   (nfra.gov.cn)
    url = '//sousuo.www.gov.cn/sousuo/search.shtml?code=…&searchWord=' + encodeURIComponent(s);
    window.open(url, '_blank');                                                  (www.gov.cn)

With no upstream script the reader types a query and nothing happens: the
button does not do what it says (WCAG 4.1.2), and search is how many readers
find a notice at all (WCAG 2.4.5 Multiple Ways; the MIIT 适老化 spec asks
that key functions stay reachable). Such a script asks exactly what a GET
form asks (HTML "form submission": the action's query is replaced by the
fields): the literal address without its query is the action, the literal's
other parameters are hidden fields in their order, and the field takes the
last parameter's name. Field and button are wrapped in that form (or the
address-less form around them gets the address), and the button becomes a
submit button; Enter in the field then submits too (HTML implicit
submission), which the portal's key handler did.

Only this shape is taken. The button's script is its handler (one call of a
function the page's inline script defines, or the navigation written in the
handler), or a click handler the page's script bound to it by id or class
(``$("#btn").click(function () {…})``, ``.on("click", …)``,
``addEventListener``). The script navigates, and an address literal (maybe
after ``location.origin +``) ending in ``name=`` is followed by the field's
value: read by id, through variables, trimmed, or the only text field beside
the button. A value URL-encoded once (``encodeURIComponent``/``encodeURI``)
is read by the portal as UTF-8, so the form says ``accept-charset="utf-8"``;
a bare value goes in the page's encoding, as the browser's URL parser sends
it (WHATWG URL, encoding-parsing with the document's encoding), which the
link rewriter's encoding field restores. ``escape()`` (``%uXXXX``) and a
value encoded twice no form can send: such a search is left alone, as is one
whose address is built from variables.

The script is read by :mod:`a11y_proxy.search_scripts` (from the page
source and its inline scripts); this pass finds the controls and writes the
forms. It runs after form_owners and before script_submits (which would
take such a button by its words alone) and neutralise_scripts (which removes
the handlers it reads).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, children, element, prepend
from ..search_scripts import ScriptSearch, bound_searches, called_function, function_body, read_search
from ..table_forms import SUBMIT_CONTROLS, form_owner, has_address, is_text_field
from .script_submits import submit_button

_NOT_TYPED = frozenset(("hidden", "submit", "image", "button", "reset", "checkbox", "radio", "file"))
#: How far above the button the field and the block to wrap may be.
_LEVELS = 4
#: Bounds for a hostile page (tens of thousands of handlers, megabytes of
#: "click"): functions looked up and the places their names are looked at,
#: click bindings read, forms written, a handler's length. A portal's page
#: has one to three searches.
MAX_FUNCTIONS = 32
MAX_BINDINGS = 64
MAX_FORMS = 16
_HANDLER_LIMIT = 2000
_CONTROL_TAGS = frozenset(("a", "button", "input", "img", "span", "div", "i"))
_BUTTON_INPUTS = frozenset(("button", "submit", "image"))


def _submittable(node: LexborNode) -> bool:
    kind = (node.attrs.get("type") or "").strip().lower()
    return bool(node.attrs.get("name")) and not (node.tag == "input" and kind in _NOT_TYPED)


def _field_and_block(control: LexborNode, field_id: str) -> tuple[LexborNode, LexborNode] | None:
    """The field the search reads, nearest the button, and the smallest block holding both."""
    block = control.parent
    for _ in range(_LEVELS):
        if block is None or block.tag in ("body", "html", "head"):
            return None
        if field_id:
            # Compared, not put into a selector; gz.gov.cn has two #txt_search,
            # and each button belongs with the one beside it.
            found = [f for f in block.css("input") if f.attrs.get("id") == field_id]
            if found:
                return (found[0], block) if is_text_field(found[0]) else None
        else:
            typed = [f for f in block.css("input, textarea, select") if is_text_field(f)]
            if len(typed) > 1:
                return None
            if typed:
                return typed[0], block
        block = block.parent
    return None


def _rebuild(tree: LexborHTMLParser, ctx: PageContext, control: LexborNode, search: ScriptSearch) -> None:
    found = _field_and_block(control, search.field_id)
    if found is None:
        return
    field, block = found
    owner = form_owner(tree, field)
    if owner is not None:
        control_owner = form_owner(tree, control)
        if has_address(owner) or control_owner is None or control_owner.mem_id != owner.mem_id:
            return  # a form that has an address already is script_submits' to mend
        form, block = owner, owner
    elif block.css_first("form") is not None:
        return
    else:
        form = element(tree, "form")
    if any(f.mem_id != field.mem_id and _submittable(f) for f in block.css("input, select, textarea")):
        return  # other fields would be sent that the script never sent
    for hidden in block.css("input[type=hidden i][name]"):
        # The script sent only what its address says: a hidden field it never
        # read (www.gov.cn's t=govall) would ask the portal something else.
        del hidden.attrs["name"]
    form.attrs["action"] = search.action
    form.attrs["method"] = "get"
    if search.utf8 and ctx.url_encoding != "utf-8":
        form.attrs["accept-charset"] = "utf-8"
    if "onsubmit" in form.attrs:
        del form.attrs["onsubmit"]
    if owner is None:
        for child in children(block):
            append(form, child)
        append(block, form)
    for name, value in reversed(search.before):
        prepend(form, element(tree, "input", type="hidden", name=name, value=value))
    for name, value in search.after:
        append(form, element(tree, "input", type="hidden", name=name, value=value))
    field.attrs["name"] = search.field_name
    if control.css_matches(SUBMIT_CONTROLS):
        return  # it submits already, now that there is a form
    submit_button(tree, control, "")


def _is_control(node: LexborNode) -> bool:
    if node.tag not in _CONTROL_TAGS:
        return False
    return node.tag != "input" or (node.attrs.get("type") or "").strip().lower() in _BUTTON_INPUTS


def _handler_search(
    control: LexborNode, ctx: PageContext, found: dict[str, ScriptSearch | None]
) -> ScriptSearch | None:
    """The search a control's own handler asks for: a call of the page's function, or written inline."""
    href = (control.attrs.get("href") or "").strip() if control.tag == "a" else ""
    for script in (
        control.attrs.get("onclick") or "",
        href if href.lower().startswith("javascript:") else "",
    ):
        if len(script) > _HANDLER_LIMIT:
            continue
        name = called_function(script)
        if name is not None:
            if name not in found:
                if len(found) >= MAX_FUNCTIONS:
                    return None
                body = function_body(ctx.source, name)
                found[name] = read_search(body, ctx.url_encoding) if body is not None else None
            return found[name]
        if "+" in script:
            search = read_search(script, ctx.url_encoding)
            if search is not None:
                return search
    return None


def _bound_searches(tree: LexborHTMLParser, ctx: PageContext) -> list[tuple[LexborNode, ScriptSearch]]:
    """Controls a script gave a search by id or class: ``$("#btn").click(function () {…})``."""
    bound: list[tuple[LexborNode, ScriptSearch]] = []
    budget = [MAX_BINDINGS]
    for script in tree.css("script:not([src])"):
        if budget[0] <= 0:
            break
        for selector, search in bound_searches(script.text(), budget, ctx.url_encoding):
            name = selector[1:]
            if selector.startswith("#"):
                # Compared, not put into a selector (an id the page repeats is each of them).
                controls = [n for n in tree.css("[id]") if n.attrs.get("id") == name]
            else:
                controls = tree.css(f'[class~="{name}"]')
            bound += ((control, search) for control in controls if _is_control(control))
    return bound


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    found: dict[str, ScriptSearch | None] = {}
    tries = 0
    for control in tree.css('[onclick], a[href^="javascript:" i]'):
        if _is_control(control):
            search = _handler_search(control, ctx, found)
            if search is not None:
                _rebuild(tree, ctx, control, search)
                tries += 1
                if tries >= MAX_FORMS:
                    return
    for control, search in _bound_searches(tree, ctx)[: MAX_FORMS - tries]:
        _rebuild(tree, ctx, control, search)
