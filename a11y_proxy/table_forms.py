"""Forms the HTML parser cut off from their fields, because they sat in a table.

Portals lay their search boxes out in tables and open the form between rows
or cells (``<tr><form …><td><input name=andsen></td><td><a>检索</a></td></form></tr>``).
The HTML parser puts such a ``<form>`` in the table empty, and the fields after
it belong to it only through the parser's *form element pointer* (WHATWG HTML,
"in row" insertion mode, a start tag "form"). That tie is not in the tree: once
the proxy serialises the page, ``<form></form>`` closes at once when the browser
reads it again, and the fields belong to no form. Typing a word and pressing
Enter does nothing. This module finds which nodes the parser would have tied
to such a form, so a pass can tie them again with the ``form`` attribute, and
answers the form-owner questions the passes after it ask (WHATWG HTML "form
owner": the form a ``form`` attribute names, else the ancestor form).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Where the parser leaves a form empty (a form start tag in table, table body or row).
_TABLE_PARENTS = frozenset(("table", "tbody", "thead", "tfoot", "tr"))
#: Elements a form owns (HTML "form-associated elements" a reader uses).
CONTROLS = "input, select, textarea, button"
#: The controls that submit a form with no script (a <button> with no type submits).
SUBMIT_CONTROLS = (
    'input[type=submit i], input[type=image i], button:not([type]), button[type=submit i], button[type=""]'
)
#: The input types that take no typing: all the others block implicit
#: submission (HTML 4.10.21.2; an unknown type is the Text state).
_NOT_TYPED_TYPES = frozenset(
    ("hidden", "range", "color", "checkbox", "radio", "file", "submit", "image", "reset", "button")
)
#: The input types HTML knows that are not one line of free text.
_NOT_TEXT_TYPES = _NOT_TYPED_TYPES | frozenset(
    ("tel", "url", "email", "password", "date", "month", "week", "time", "datetime-local", "number")
)


_NOT_AN_ADDRESS = re.compile(r"\s*(?:#|javascript:|$)", re.IGNORECASE)


def has_address(form: LexborNode) -> bool:
    """Whether the form's ``action`` leads somewhere: not empty, not a fragment of
    this page, not script (a form only its script sent says ``action="#"``)."""
    return _NOT_AN_ADDRESS.match(form.attrs.get("action") or "") is None


def is_detached(form: LexborNode) -> bool:
    """An empty form the parser left in a table: its fields follow it."""
    parent = form.parent
    return parent is not None and parent.tag in _TABLE_PARENTS and form.css_first(CONTROLS) is None


def following_in_table(form: LexborNode) -> Iterator[LexborNode]:
    """The elements after ``form`` in its table, in document order, up to the next form.

    Each is yielded as a subtree root (its descendants are not yielded again).
    The parser ties fields to the form until its end tag, which the tree no
    longer shows; the next ``<form>`` or the end of the table is the best
    bound the tree gives (a second form start tag while one is open is ignored
    by the parser, so in the portal's own page its fields went to the first
    form too, and they stay with no form here rather than the wrong one).
    """
    node: LexborNode | None = form
    while node is not None and node.tag != "table":
        sibling = node.next
        while sibling is not None:
            if sibling.is_element_node:
                if sibling.tag == "form" or sibling.css_first("form") is not None:
                    return
                yield sibling
            sibling = sibling.next
        node = node.parent


def is_text_field(node: LexborNode) -> bool:
    """An ``<input>`` a reader types free words into: type text or search, or a
    type HTML does not know (gz.gov.cn's ``type="keywords"``), which is text
    (HTML: the type attribute's invalid value default is the Text state)."""
    return node.tag == "input" and (node.attrs.get("type") or "").strip().lower() not in _NOT_TEXT_TYPES


def is_typed_field(node: LexborNode) -> bool:
    """An ``<input>`` typed into (text, search, tel, email, date, number, an unknown
    type…): a field that blocks implicit submission, so that Enter sends a form
    with no submit button only where it is the form's one such field."""
    return node.tag == "input" and (node.attrs.get("type") or "").strip().lower() not in _NOT_TYPED_TYPES


def form_owner(tree: LexborHTMLParser, field: LexborNode) -> LexborNode | None:
    """The form a field belongs to: the one its ``form`` attribute names, else its ancestor form."""
    owner = field.attrs.get("form")
    if owner:
        # Compared, not put into a selector: an id may hold quotes.
        return next((form for form in tree.css("form") if form.attrs.get("id") == owner), None)
    parent = field.parent
    while parent is not None and parent.tag != "form":
        parent = parent.parent
    return parent


def labels_of(tree: LexborHTMLParser, field: LexborNode) -> list[LexborNode]:
    """The <label for> elements that name the field by its id."""
    fid = field.attrs.get("id")
    if not fid:
        return []
    # Compared, not put into a selector: an id may hold quotes or control characters.
    return [label for label in tree.css("label[for]") if label.attrs.get("for") == fid]


def owned_fields(tree: LexborHTMLParser, form: LexborNode) -> list[LexborNode]:
    """The form's fields (not its buttons): inside it, or naming it with ``form=``."""
    fields = form.css("input, select, textarea")
    form_id = form.attrs.get("id")
    if form_id:
        fields += [f for f in tree.css("[form]") if f.attrs.get("form") == form_id and f.tag != "button"]
    return fields
