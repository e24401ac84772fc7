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

Only this shape is taken: the button's handler is one call of a function the
page's own inline script defines, the function navigates, and an address
literal ending in ``name=`` is followed by the field's value (read by id,
through a variable, or the only text field beside the button). A value in
``encodeURIComponent``/``encodeURI`` is read by the portal as UTF-8, so the
form says ``accept-charset="utf-8"``; a bare value goes in the page's
encoding, as the browser's URL parser sends it (WHATWG URL, encoding-parsing
with the document's encoding), which the link rewriter's encoding field
restores. ``escape()`` (``%uXXXX``) no form can send: such a search is left
alone, as is one whose address is built from variables.

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
from ..table_forms import form_owner
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
#: A variable, maybe trimmed (``kw``, ``kw.trim()``, ``$.trim(kw)`` is not one).
_VARIABLE = re.compile(r"([A-Za-z_$][\w$]*)(?:\s*\.\s*trim\s*\(\s*\))?(?![\w$]|\s*[.(\[])")
#: A literal after the value: more parameters (``+ "&page=1"``).
_TRAILING = re.compile(r"""\s*\+\s*(['"])(&[^'"\\\s#<>{}$`]*)\1""")
_TEXT_TYPES = frozenset(("", "text", "search", "keywords", "keyword"))
_NOT_TYPED = frozenset(("hidden", "submit", "image", "button", "reset", "checkbox", "radio", "file"))
_SUBMITS = frozenset(("submit", "image"))
#: How far above the button the field and the block to wrap may be.
_LEVELS = 4
_BODY_LIMIT = 5000
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
    while at != -1 and match is None:
        end = at + len(name)
        if _FUNCTION_KEYWORD.search(source, max(0, at - 20), at) is not None:
            match = _PARAMETERS.match(source, end)
        elif at == 0 or source[at - 1] not in _NAME_CHARS:
            match = _ASSIGNED_FUNCTION.match(source, end)
        at = source.find(name, at + 1)
    if match is None:
        return None
    start = match.end()
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


def _value(body: str, tail: str) -> tuple[bool, str, int] | None:
    """The value that follows an address: whether it is URL-encoded as UTF-8,
    the field's id if the script names it, and where the value ends in ``tail``.

    None when it is not a field's value in a form a form can send."""
    utf8, pos = False, 0
    encoded = _ENCODE.match(tail)
    if encoded is not None:
        utf8, pos = True, encoded.end()
    field_id = ""
    by_id = _BY_ID.match(tail, pos)
    if by_id is not None:
        field_id, pos = by_id.group(2) or by_id.group(4), by_id.end()
    else:
        name = _VARIABLE.match(tail, pos)
        if name is None or name.group(1) in ("escape", "encodeURI", "encodeURIComponent"):
            return None
        pos = name.end()
        # The variable's assignments say how it was read and encoded.
        for rhs in re.findall(rf"(?<![\w$.]){re.escape(name.group(1))}\s*=(?!=)\s*([^;\n]+)", body):
            if "escape(" in rhs:
                return None
            utf8 = utf8 or _ENCODE.search(rhs) is not None
            found = _BY_ID.search(rhs)
            if found is not None and not field_id:
                field_id = found.group(2) or found.group(4)
    if encoded is not None:
        closing = re.compile(r"\s*\)").match(tail, pos)
        if closing is None:
            return None
        pos = closing.end()
    return utf8, field_id, pos


def read_search(body: str, page_encoding: str) -> _Search | None:
    """The search a function's body asks for, or None when it is not one a form can ask."""
    if _NAVIGATES.search(body) is None:
        return None
    # The last built address: a special case comes first (if …), the general one in the else.
    built = [m for m in _BUILT.finditer(body) if not body[: m.start()].rstrip().endswith("+")]
    if not built:
        return None
    match = built[-1]
    tail = body[match.end() :]
    value = _value(body, tail)
    if value is None:
        return None
    utf8, field_id, end = value
    codec = "utf-8" if utf8 else page_encoding
    address, _, query = match.group(2).rpartition("?")
    if "?" in address:
        return None  # "…?a=1?b=": not a form's address
    trailing = _TRAILING.match(tail, end)
    if trailing is None and re.match(r"\s*\+", tail[end:]):
        return None  # the value is glued to more than parameters
    before = _params(query, codec)
    after = _params(trailing.group(2), codec) if trailing is not None else ()
    if before is None or after is None:
        return None
    *hidden, (field_name, _) = before
    return _Search(address, field_name, tuple(hidden), after, utf8, field_id)


def _typed(node: LexborNode) -> bool:
    return node.tag == "input" and (node.attrs.get("type") or "").strip().lower() in _TEXT_TYPES


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
                return (found[0], block) if _typed(found[0]) else None
        else:
            typed = [f for f in block.css("input, textarea, select") if _typed(f)]
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


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    searches: dict[str, _Search | None] = {}
    for control in tree.css('[onclick], a[href^="javascript:" i]'):
        if control.tag not in ("a", "button", "input", "img", "span", "div", "i"):
            continue
        if control.tag == "input" and (control.attrs.get("type") or "").strip().lower() not in (
            "button",
            "submit",
            "image",
        ):
            continue
        script = control.attrs.get("onclick") or ""
        href = (control.attrs.get("href") or "").strip() if control.tag == "a" else ""
        call = _ONE_CALL.match(script)
        if call is None and href.lower().startswith("javascript:"):
            call = _ONE_CALL.match(href)
        if call is None:
            continue
        name = call.group(1)
        if name not in searches:
            body = function_body(ctx.source, name)
            searches[name] = read_search(body, ctx.url_encoding) if body is not None else None
        search = searches[name]
        if search is not None:
            _rebuild(tree, ctx, control, search)
