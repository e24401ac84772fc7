"""Building and moving nodes in a selectolax tree (the passes' shared vocabulary)."""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: The class of text the proxy writes into a page (a title it found no heading
#: for): later passes must not take it for the page's own words.
ADDED_CLASS = "a11y-proxy-added"


def element(tree: LexborHTMLParser, tag: str, text: str | None = None, **attrs: str) -> LexborNode:
    """A new element; ``class_``/``aria_label`` style keyword names become ``class``/``aria-label``."""
    node = tree.create_node(tag)
    for key, value in attrs.items():
        node.attrs[key.rstrip("_").replace("_", "-")] = value
    if text is not None:
        node.insert_child(text)
    return node


# selectolax copies a node it inserts unless told to move it; a created node
# that was copied in is no longer the node in the tree. Everything here moves.


def append(parent: LexborNode, node: LexborNode) -> LexborNode:
    parent.insert_child(node, move=True)
    return node


def append_copy(parent: LexborNode, template: LexborNode) -> None:
    """Append a copy of ``template`` (a node made with :func:`element` and never
    inserted): one call into Lexbor, half the cost of building each copy, for
    the same small mark on hundreds of links."""
    parent.insert_child(template)


def before(anchor: LexborNode, node: LexborNode) -> LexborNode:
    anchor.insert_before(node, move=True)
    return node


def after(anchor: LexborNode, node: LexborNode) -> LexborNode:
    anchor.insert_after(node, move=True)
    return node


def class_and_id(node: LexborNode) -> str:
    """The words a template names a block with: its class and id, for heuristics."""
    return f"{node.attrs.get('class') or ''} {node.attrs.get('id') or ''}"


def clean_text(node: LexborNode) -> str:
    """Visible-ish text of a subtree with whitespace collapsed."""
    return collapse_space(node.text(deep=True))


# str.split() splits on exactly the characters ``\s`` matches in a str
# pattern, and is ~4x faster than re.sub on long texts (checked over every
# code point); these run on every block and cell of a page.


def collapse_space(text: str) -> str:
    """Whitespace runs as one space, none at the ends."""
    return " ".join(text.split())


def without_space(text: str) -> str:
    return "".join(text.split())


def dense_len(text: str) -> int:
    """Characters other than whitespace: how much a block says."""
    return sum(map(len, text.split()))


def rename(tree: LexborHTMLParser, node: LexborNode, tag: str) -> LexborNode:
    """Replace ``node`` by a ``tag`` element with the same attributes and children."""
    new = tree.create_node(tag)
    for key, value in node.attrs.items():
        new.attrs[key] = value or ""
    child = node.child
    while child is not None:
        nxt = child.next
        new.insert_child(child, move=True)
        child = nxt
    node.insert_before(new, move=True)
    node.decompose()
    return new


def replace_text(tree: LexborHTMLParser, node: LexborNode, text: str) -> LexborNode:
    """Replace ``node`` by a ``node.tag`` element with the same attributes and ``text``
    as its only content: how a ``<style>``'s text is changed (selectolax sets no text)."""
    new = before(node, element(tree, node.tag or "span", text))
    for key, value in node.attrs.items():
        new.attrs[key] = value or ""
    node.decompose()
    return new


def wrap(tree: LexborHTMLParser, node: LexborNode, tag: str, **attrs: str) -> LexborNode:
    """Put ``node`` inside a new ``tag`` element at its current place."""
    outer = element(tree, tag, **attrs)
    node.insert_before(outer, move=True)
    outer.insert_child(node, move=True)
    return outer


def prepend(parent: LexborNode, node: LexborNode) -> LexborNode:
    first = parent.child
    if first is not None:
        first.insert_before(node, move=True)
    else:
        parent.insert_child(node, move=True)
    return node


#: Elements whose content is phrasing only (HTML content models): a block the
#: proxy writes (a <nav>, a <details>) cannot go inside them.
PHRASING = frozenset("p span font a b i em strong small label li dt dd".split())


def place_block(anchor: LexborNode, block: LexborNode) -> LexborNode:
    """Put ``block`` where ``anchor`` is, or after the outermost element of
    phrasing content around it (a <nav> in a <p> is not HTML: a browser closes
    the paragraph and leaves an empty one)."""
    outer = anchor
    while outer.parent is not None and outer.parent.tag in PHRASING:
        outer = outer.parent
    if outer is anchor:
        anchor.insert_before(block, move=True)
    else:
        outer.insert_after(block, move=True)
    return block


#: What an element with no words may still hold and be worth keeping: HTML's
#: embedded content (4.8: pictures, media, frames, plug-ins) and the form controls.
EMBEDDED = "img, picture, svg, canvas, video, audio, iframe, object, embed"
EMBEDDED_OR_CONTROLS = f"{EMBEDDED}, input, select, textarea, button"


def inside_any(node: LexborNode, ids: set[int] | dict[int, LexborNode]) -> bool:
    """Whether an ancestor of ``node`` (not ``node`` itself) is one of ``ids`` (mem_ids)."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def ancestor_ids(nodes: Iterable[LexborNode]) -> set[int]:
    """mem_ids of every ancestor of these nodes. Each climb stops at an ancestor
    already seen (its own ancestors are in the set), so this is linear in the
    tree, not in nodes x depth."""
    seen: set[int] = set()
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in seen:
            seen.add(parent.mem_id)
            parent = parent.parent
    return seen


def decompose_outermost(nodes: Iterable[LexborNode]) -> list[LexborNode]:
    """Remove these nodes, each once: one inside another goes with it (asking a
    removed node to go again would touch freed memory). Returns the elements
    they were removed from, each once (none of them removed)."""
    doomed = {node.mem_id: node for node in nodes}
    outermost = [node for node in doomed.values() if not inside_any(node, doomed)]
    left: dict[int, LexborNode] = {}
    for node in outermost:
        parent = node.parent
        if parent is not None:
            left.setdefault(parent.mem_id, parent)
        node.decompose()
    return list(left.values())


def children(node: LexborNode) -> list[LexborNode]:
    """Child nodes (elements, text, comments), taken before any of them moves."""
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def element_children(node: LexborNode) -> list[LexborNode]:
    """Child elements only, taken before any of them moves or is replaced."""
    return [child for child in children(node) if child.is_element_node]


def has_child_elements(node: LexborNode) -> bool:
    """Whether ``node`` holds an element: a walk of its children, far cheaper
    than a selector query on each of hundreds of leaves."""
    child = node.child
    while child is not None:
        if child.is_element_node:
            return True
        child = child.next
    return False


def sibling(node: LexborNode, forward: bool) -> LexborNode | None:
    """The element beside ``node``, or a text node when words stand between."""
    sib = node.next if forward else node.prev
    while sib is not None and not sib.is_element_node:
        if sib.is_text_node and (sib.text_content or "").strip():
            return sib
        sib = sib.next if forward else sib.prev
    return sib


def contains(outer: LexborNode, inner: LexborNode) -> bool:
    """Whether ``inner`` is ``outer`` or lies inside it."""
    node: LexborNode | None = inner
    while node is not None:
        if node.mem_id == outer.mem_id:
            return True
        node = node.parent
    return False


#: Attributes that only set looks; dropped where the proxy's own CSS lays the page out.
PRESENTATIONAL = (
    "style",
    "width",
    "height",
    "bgcolor",
    "background",
    "align",
    "valign",
    "border",
    "cellpadding",
    "cellspacing",
    "face",
    "size",
    "color",
    "nowrap",
)


_PRESENTATIONAL_SET = frozenset(PRESENTATIONAL)
#: Only the elements that carry one: Lexbor tests the attributes in C, where
#: asking each element for each of 14 names from Python cost ~6 ms on a
#: Word-pasted annual report.
_HAS_PRESENTATIONAL = ", ".join(f"[{name}]" for name in PRESENTATIONAL)


def strip_presentation(root: LexborNode) -> None:
    """Remove presentational attributes from ``root`` and everything inside it."""
    for node in [root, *root.css(_HAS_PRESENTATIONAL)]:
        attrs = node.attrs
        for name in [k for k in attrs if k in _PRESENTATIONAL_SET]:
            del attrs[name]
