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

This pass runs after form_owners and before script_submits (which would
take such a button by its words alone) and neutralise_scripts (which removes
the handlers it reads); the script text comes from the page source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, children, element, prepend
from ..table_forms import form_owner, is_text_field
from .script_submits import submit_button

#: A handler that is one call of a named function: sousuo(), goSearch(this), return doSearch();
_ONE_CALL = re.compile(
    r"^\s*(?:javascript:\s*)?(?:return\s+)?([A-Za-z_$][\w$]*)\s*\(\s*(?:this|event)?\s*\)\s*;?"
    r"\s*(?:return\s+false\s*;?\s*)?$"
)
_NAVIGATES = re.compile(
    r"location(?:\s*\.\s*href)?\s*=(?!=)|location\s*\.\s*(?:assign|replace)\s*\(|window\s*\.\s*open\s*\("
)
#: An address literal that ends in a query parameter waiting for its value, then ``+``.
_BUILT = re.compile(r"""(['"])([^'"\\\s#<>{}$`]*[?&]([\w.\-\[\]]+)=)\1\s*\+\s*""")
_ENCODE = re.compile(r"encodeURI(?:Component)?\s*\(\s*")
#: The ways a script reads a field by its id.
_BY_ID = re.compile(
    r"""(?:\$|jQuery)\s*\(\s*(['"])#([\w-]+)\1\s*\)\s*\.\s*val\s*\(\s*\)"""
    r"""|document\s*\.\s*getElementById\s*\(\s*(['"])([\w-]+)\3\s*\)\s*\.\s*value"""
)
#: A variable (not a call, a member or an index).
_VARIABLE = re.compile(r"([A-Za-z_$][\w$]*)(?=\s*\.\s*trim\s*\(|(?![\w$]|\s*[.(\[]))")
_NOT_VALUES = frozenset(("escape", "encodeURI", "encodeURIComponent", "function", "new", "this"))
#: What may wrap a field's value: an encoding, a trim.
_WRAPPER = re.compile(r"(encodeURIComponent|encodeURI|(?:\$|jQuery)\s*\.\s*trim|String)\s*\(\s*")
_TRIMMED = re.compile(r"(?:\s*\.\s*trim\s*\(\s*\))?")
_CLOSING = re.compile(r"\s*\)")
#: ``location.origin +`` or ``location.protocol + "//" + location.host +``: this site.
_ORIGIN = re.compile(
    r"""(?:window\s*\.\s*)?location\s*\.\s*(?:origin|protocol\s*\+\s*(['"])//\1\s*\+\s*"""
    r"""(?:window\s*\.\s*)?location\s*\.\s*host)\s*\+\s*$"""
)
#: A literal after the value: more parameters (``+ "&page=1"``).
_TRAILING = re.compile(r"""\s*\+\s*(['"])(&[^'"\\\s#<>{}$`]*)\1""")
_NOT_TYPED = frozenset(("hidden", "submit", "image", "button", "reset", "checkbox", "radio", "file"))
_SUBMITS = frozenset(("submit", "image"))
#: How far above the button the field and the block to wrap may be.
_LEVELS = 4
_BODY_LIMIT = 5000
#: Bounds for a hostile page (tens of thousands of handlers, megabytes of
#: "click"): functions looked up and the places their names are looked at,
#: click bindings read, forms written, a handler's length. A portal's page
#: has one to three searches.
MAX_FUNCTIONS = 32
MAX_BINDINGS = 64
MAX_FORMS = 16
_HANDLER_LIMIT = 2000
_NAME_LOOKS = 500
_CONTROL_TAGS = frozenset(("a", "button", "input", "img", "span", "div", "i"))
_BUTTON_INPUTS = frozenset(("button", "submit", "image"))
#: A click handler bound by a script to a control named by id or class, up to its body's ``{``.
_BOUND = re.compile(
    r"""(?:(?:\$|jQuery)\s*\(\s*(['"])([#.][\w-]+)\1\s*\)"""
    r"""|document\s*\.\s*getElementById\s*\(\s*(['"])([\w-]+)\3\s*\))\s*\.\s*"""
    r"""(?:click\s*\(|(?:on|bind|addEventListener)\s*\(\s*(['"])click\5\s*,|onclick\s*=)"""
    r"""\s*(?:function\s*\([^)]*\)|\([^)]*\)\s*=>)\s*\{"""
)
_FUNCTION_KEYWORD = re.compile(r"\bfunction\s+$")
_PARAMETERS = re.compile(r"\s*\([^)]*\)\s*\{")
_ASSIGNED_FUNCTION = re.compile(r"\s*=\s*function\s*\([^)]*\)\s*\{")
_BRACE_OR_QUOTE = re.compile(r"""[{}'"]""")
#: The end of a string: its quote, past escapes, or the end of the line.
_STRING_END = {q: re.compile(rf"(?:\\.|[^{q}\\\n])*([{q}\n]|$)") for q in "'\""}
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")


@dataclass(frozen=True)
class _Search:
    action: str
    field_name: str
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    utf8: bool
    field_id: str  # "" when the script did not name the field by its id


def function_body(source: str, name: str) -> str | None:
    """The body of ``function name(…) {…}`` (or ``name = function (…) {…}``) in the page source."""
    # str.find, then a regex at each place the name occurs: one regex with the
    # name inside an alternation scanned 343 KB of nfra.gov.cn at 5 ms a name.
    match = None
    at = source.find(name)
    for _ in range(_NAME_LOOKS):
        if at == -1 or match is not None:
            break
        end = at + len(name)
        if _FUNCTION_KEYWORD.search(source, max(0, at - 20), at) is not None:
            match = _PARAMETERS.match(source, end)
        elif at == 0 or source[at - 1] not in _NAME_CHARS:
            match = _ASSIGNED_FUNCTION.match(source, end)
        at = source.find(name, at + 1)
    if match is None:
        return None
    return _block(source, match.end())


def _block(source: str, start: int) -> str | None:
    """The text from ``start`` (just inside a ``{``) to its closing brace, or None."""
    depth, i, end = 1, start, min(len(source), start + _BODY_LIMIT)
    while (found := _BRACE_OR_QUOTE.search(source, i, end)) is not None:
        char, i = found.group(), found.end()
        if char in "'\"":
            # Skip a string on this line; an unmatched quote (in a regex) is read on.
            close = _STRING_END[char].search(source, i, end)
            if close is not None and close.group(1) == char:
                i = close.end()
        elif char == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return source[start : i - 1]
    return None


def _params(query: str, codec: str) -> tuple[tuple[str, str], ...] | None:
    """``a=1&b=2`` as decoded pairs, or None when the bytes are not in the codec."""
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        try:
            pairs.append(
                (
                    unquote_to_bytes(name.replace("+", " ")).decode(codec),
                    unquote_to_bytes(value.replace("+", " ")).decode(codec),
                )
            )
        except (UnicodeDecodeError, LookupError):
            return None
    return tuple(pairs)


def _assignments(body: str, name: str) -> list[str]:
    return re.findall(rf"(?<![\w$.]){re.escape(name)}\s*=(?!=)\s*([^;\n]+)", body)


def _trace(body: str, name: str, seen: frozenset[str]) -> tuple[int, str] | None:
    """How a variable got its value: how many times it was URL-encoded, and the
    id of the field it was read from ("" if none is named); None for escape()."""
    if name in seen or len(seen) > 4:
        return 0, ""  # kw = encodeURIComponent(kw): the kw before this assignment
    encodings, field_id = 0, ""
    for rhs in _assignments(body, name):
        if "escape(" in rhs:
            return None
        read = _expression(body, rhs, 0, seen | {name})
        if read is not None:
            found_encodings, found_id = read[1], read[2]
        else:
            # An expression not followed (a ternary, a replace): what it names and encodes.
            by_id = _BY_ID.search(rhs)
            found_encodings = len(_ENCODE.findall(rhs))
            found_id = (by_id.group(2) or by_id.group(4)) if by_id is not None else ""
        encodings = max(encodings, found_encodings)
        field_id = field_id or found_id
    return encodings, field_id


def _expression(body: str, text: str, pos: int, seen: frozenset[str]) -> tuple[int, int, str] | None:
    """A field's value at ``text[pos:]``: where it ends, how many times it is
    URL-encoded, and the id of the field it reads ("" when not named).

    Wrappers (``encodeURIComponent(…)``, ``$.trim(…)``) around a field read by
    id or a variable, which is traced through its assignments in ``body``."""
    encodings = wrappers = 0
    while (wrapper := _WRAPPER.match(text, pos)) is not None:
        encodings += wrapper.group(1).startswith("encodeURI")
        wrappers += 1
        pos = wrapper.end()
    by_id = _BY_ID.match(text, pos)
    if by_id is not None:
        field_id, pos = by_id.group(2) or by_id.group(4), by_id.end()
    else:
        name = _VARIABLE.match(text, pos)
        if name is None or name.group(1) in _NOT_VALUES:
            return None
        pos = name.end()
        traced = _trace(body, name.group(1), seen)
        if traced is None:
            return None
        encodings += traced[0]
        field_id = traced[1]
    pos = _TRIMMED.match(text, pos).end()  # type: ignore[union-attr]  # it matches the empty string
    for _ in range(wrappers):
        closing = _CLOSING.match(text, pos)
        if closing is None:
            return None
        pos = closing.end()
    return pos, encodings, field_id


def _origin_before(body: str, at: int) -> bool:
    """Whether an address literal at ``at`` follows the page's own origin (``location.origin +``)."""
    return _ORIGIN.search(body, max(0, at - 160), at) is not None


def read_search(body: str, page_encoding: str) -> _Search | None:
    """The search a function's body asks for, or None when it is not one a form can ask."""
    if _NAVIGATES.search(body) is None:
        return None
    # The last built address: a special case comes first (if …), the general one in the else.
    built = [
        m
        for m in _BUILT.finditer(body)
        if not body[: m.start()].rstrip().endswith("+")
        or (m.group(2).startswith("/") and _origin_before(body, m.start()))
    ]
    if not built:
        return None
    match = built[-1]
    value = _expression(body, body, match.end(), frozenset())
    if value is None or value[1] > 1:
        return None  # escape(), a call, or encoded twice (a form encodes once)
    end, encodings, field_id = value
    utf8 = encodings == 1
    codec = "utf-8" if utf8 else page_encoding
    address, _, query = match.group(2).rpartition("?")
    if "?" in address:
        return None  # "…?a=1?b=": not a form's address
    trailing = _TRAILING.match(body, end)
    if trailing is None and re.match(r"\s*\+", body[end:]):
        return None  # the value is glued to more than parameters
    before = _params(query, codec)
    after = _params(trailing.group(2), codec) if trailing is not None else ()
    if before is None or after is None:
        return None
    *hidden, (field_name, _) = before
    return _Search(address, field_name, tuple(hidden), after, utf8, field_id)


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


def _rebuild(tree: LexborHTMLParser, ctx: PageContext, control: LexborNode, search: _Search) -> None:
    found = _field_and_block(control, search.field_id)
    if found is None:
        return
    field, block = found
    owner = form_owner(tree, field)
    if owner is not None:
        action = (owner.attrs.get("action") or "").strip().lower()
        control_owner = form_owner(tree, control)
        if (action and action != "#" and not action.startswith("javascript:")) or (
            control_owner is None or control_owner.mem_id != owner.mem_id
        ):
            return  # a form that has an address already is script_submits' to mend
        form, block = owner, owner
    elif block.css_first("form") is not None:
        return
    else:
        form = element(tree, "form")
    if any(f.mem_id != field.mem_id and _submittable(f) for f in block.css("input, select, textarea")):
        return  # other fields would be sent that the script never sent
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
    kind = (control.attrs.get("type") or "").strip().lower()
    if (control.tag == "input" and kind in _SUBMITS) or (control.tag == "button" and kind in ("", "submit")):
        return  # it submits already, now that there is a form
    submit_button(tree, control, "")


def _is_control(node: LexborNode) -> bool:
    if node.tag not in _CONTROL_TAGS:
        return False
    return node.tag != "input" or (node.attrs.get("type") or "").strip().lower() in _BUTTON_INPUTS


def _handler_search(
    control: LexborNode, ctx: PageContext, found: dict[str, _Search | None]
) -> _Search | None:
    """The search a control's own handler asks for: a call of the page's function, or written inline."""
    href = (control.attrs.get("href") or "").strip() if control.tag == "a" else ""
    for script in (
        control.attrs.get("onclick") or "",
        href if href.lower().startswith("javascript:") else "",
    ):
        if len(script) > _HANDLER_LIMIT:
            continue
        call = _ONE_CALL.match(script)
        if call is not None:
            name = call.group(1)
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


def _bindings(text: str, budget: list[int]) -> list[re.Match[str]]:
    """The click bindings in a script. Each is looked for just before a "click",
    found by ``str.find``: the pattern's leading alternation costs Python's
    regex engine a try at every character (0.2 ms on gz.gov.cn's 15 KB).
    ``budget`` holds how many more "click"s the page may have looked at."""
    found: dict[int, re.Match[str]] = {}
    at = text.find("click")
    while at != -1 and budget[0] > 0:
        budget[0] -= 1
        match = _BOUND.search(text, max(0, at - 120), at + 60)
        if match is not None:
            found[match.start()] = match
        at = text.find("click", at + 5)
    return list(found.values())


def _bound_searches(tree: LexborHTMLParser, ctx: PageContext) -> list[tuple[LexborNode, _Search]]:
    """Controls a script gave a search by id or class: ``$("#btn").click(function () {…})``."""
    bound: list[tuple[LexborNode, _Search]] = []
    budget = [MAX_BINDINGS]
    for script in tree.css("script:not([src])"):
        if budget[0] <= 0:
            break
        text = script.text()
        for binding in _bindings(text, budget):
            body = _block(text, binding.end())
            search = read_search(body, ctx.url_encoding) if body is not None else None
            if search is None:
                continue
            selector = binding.group(2) or f"#{binding.group(4)}"
            name = selector[1:]
            if selector.startswith("#"):
                # Compared, not put into a selector (an id the page repeats is each of them).
                controls = [n for n in tree.css("[id]") if n.attrs.get("id") == name]
            else:
                controls = tree.css(f'[class~="{name}"]')
            bound += ((control, search) for control in controls if _is_control(control))
    return bound


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    found: dict[str, _Search | None] = {}
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
