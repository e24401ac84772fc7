"""What a portal's search script asks for, read without running it.

A search box with no form (or a form with no address) whose button's script
builds the search URL itself (gz.gov.cn, nfra.gov.cn, www.gov.cn; see
:mod:`a11y_proxy.passes.script_searches`, which writes the form) asks for
``literal address ending in name=`` + ``the field's value``. This module
finds a function's body in the page's source, reads the value (a field read
by id, a variable traced through its assignments, trims and encodings
around it) and answers with the form's action, its hidden fields in order,
the field's name, and whether the value was URL-encoded as UTF-8; or None
when a form could not ask the same (``escape()``, a value encoded twice, an
address built from variables). It also finds the click handlers a script
bound by id or class. No I/O, no DOM.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from .js_scan import block

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
#: A click handler bound by a script to a control named by id or class, up to its body's ``{``.
_BOUND = re.compile(
    r"""(?:(?:\$|jQuery)\s*\(\s*(['"])([#.][\w-]+)\1\s*\)"""
    r"""|document\s*\.\s*getElementById\s*\(\s*(['"])([\w-]+)\3\s*\))\s*\.\s*"""
    r"""(?:click\s*\(|(?:on|bind|addEventListener)\s*\(\s*(['"])click\5\s*,|onclick\s*=)"""
    r"""\s*(?:function\s*\([^)]*\)|\([^)]*\)\s*=>)\s*\{"""
)
_BODY_LIMIT = 5000
_NAME_LOOKS = 500
_FUNCTION_KEYWORD = re.compile(r"\bfunction\s+$")
_PARAMETERS = re.compile(r"\s*\([^)]*\)\s*\{")
_ASSIGNED_FUNCTION = re.compile(r"\s*=\s*function\s*\([^)]*\)\s*\{")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")


@dataclass(frozen=True)
class ScriptSearch:
    action: str
    field_name: str
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    utf8: bool
    field_id: str  # "" when the script did not name the field by its id


def called_function(handler: str) -> str | None:
    """The function a handler is one call of (``sousuo()``, ``return goSearch(this);``), or None."""
    call = _ONE_CALL.match(handler)
    return call.group(1) if call is not None else None


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
    return block(source, match.end(), _BODY_LIMIT)


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


def read_search(body: str, page_encoding: str) -> ScriptSearch | None:
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
    return ScriptSearch(address, field_name, tuple(hidden), after, utf8, field_id)


def _bindings(text: str, budget: list[int]) -> list[re.Match[str]]:
    """The click bindings in a script. Each is looked for just before a "click",
    found by ``str.find``: the pattern's leading alternation costs Python's
    regex engine a try at every character (0.2 ms on gz.gov.cn's 15 KB).
    ``budget`` holds how many more "click"s the page may have looked at."""
    found: dict[int, re.Match[str]] = {}
    at = text.find("click")
    while at != -1 and budget[0] > 0:
        budget[0] -= 1
        # Every binding in the window: the one before this "click" may be there too.
        for match in _BOUND.finditer(text, max(0, at - 120), at + 60):
            found.setdefault(match.start(), match)
        at = text.find("click", at + 5)
    return [found[start] for start in sorted(found)]


def bound_searches(script: str, budget: list[int], page_encoding: str) -> list[tuple[str, ScriptSearch]]:
    """For each click handler the script binds that asks for a search, the
    control's selector as written (``#id`` or ``.class``) and the search.
    ``budget`` holds how many more "click"s the page may have looked at."""
    found: list[tuple[str, ScriptSearch]] = []
    for binding in _bindings(script, budget):
        body = block(script, binding.end(), _BODY_LIMIT)
        search = read_search(body, page_encoding) if body is not None else None
        if search is not None:
            found.append((binding.group(2) or f"#{binding.group(4)}", search))
    return found
