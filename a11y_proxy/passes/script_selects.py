"""A drop-down list of sites that only a script opened becomes a list of links.

Portal footers group their links to other government sites in drop-downs
(友情链接, 市政府部门, 各区县政府) whose choice a script opens::

    <select onchange="if(this.value!='')window.open(this.value)">
      <option value="">--市政府部门--</option>
      <option value="http://fgw.example.gov.cn/">市发展改革委</option> …

With no upstream script, choosing an entry does nothing, and the whole group
of links is out of reach (WCAG 2.1.1, 3.2.2: a choice should not need a
script to act, and here nothing acts at all). The proxy writes the group as
what it is, links: a ``<details>`` disclosure named by the drop-down's first,
empty entry (or its label), holding a list of the entries as links. It opens
and closes with the keyboard and needs no script; 适老版 and 纯文本 lay the
links out like any other list. Entries keep their words; a choice that is no
address (empty, ``javascript:``) is left out. Only a drop-down whose change
handler opens or goes to its own value, and whose entries are addresses, is
taken: a drop-down that filters a list or sets a preference is the page's
form, left alone.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, clean_text, element, place_block

#: The handler opens or goes to the chosen entry's value.
_OPENS_VALUE = re.compile(
    r"(?:window\s*\.\s*open|location(?:\s*\.\s*href)?\s*=|location\s*\.\s*(?:assign|replace))\s*\(?\s*"
    r"(?:this|[\w$]+)\s*\.\s*(?:value|options\s*\[\s*(?:this\s*\.\s*)?selectedIndex\s*\]\s*\.\s*value)",
    re.IGNORECASE,
)
#: An entry's value that is an address (the rewriter checks each one after):
#: a scheme the proxy serves, a path, or a file name; never a script URL.
_ADDRESS = re.compile(r"^\s*(?:https?://|/|\./|\.\./|[\w.-]+\.(?:s?html?|jsp|aspx?|php)\b)", re.IGNORECASE)
_PLACEHOLDER_DASHES = re.compile(r"^[\s\-—=─·.…>＞〉》<《〈]+|[\s\-—=─·.…<《〈>＞〉》]+$")
CLASS = "a11y-proxy-links"


def _name(select: LexborNode, first: LexborNode | None) -> str:
    """The group's name: its empty first entry ("--市政府部门--"), or its label."""
    if first is not None and not (first.attrs.get("value") or "").strip():
        words = _PLACEHOLDER_DASHES.sub("", clean_text(first))
        if words and words not in ("请选择", "选择"):
            return words
    for attr in ("aria-label", "title", "name"):
        words = (select.attrs.get(attr) or "").strip()
        if words and not words.isascii():
            return words
    return "相关网站"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    # Lexbor finds the few drop-downs with a handler (0.01-0.05 ms); lower-casing
    # the source to look for "onchange" first cost 1.7 ms on a 340 KB page.
    for select in tree.css("select[onchange]"):
        if not _OPENS_VALUE.search(select.attrs.get("onchange") or ""):
            continue
        options = select.css("option")
        entries = [
            (clean_text(option), (option.attrs.get("value") or "").strip())
            for option in options
            if _ADDRESS.match(option.attrs.get("value") or "")
        ]
        if not entries or not clean_text(select):
            continue
        group = element(tree, "details", class_=CLASS)
        name = _name(select, options[0] if options else None)
        append(group, element(tree, "summary", name))
        items = append(group, element(tree, "ul"))
        new_window = "open" in (select.attrs.get("onchange") or "").lower()
        for words, address in entries:
            link = element(tree, "a", words or address, href=address)
            if new_window:
                link.attrs["target"] = "_blank"
            append(append(items, element(tree, "li")), link)
        label = select.prev
        if (
            label is not None
            and label.is_text_node
            and (label.text_content or "").strip().rstrip(":：") == name
        ):
            label.decompose()  # "政府网站: [--政府网站--]": the summary says it once
        place_block(select, group)
        select.decompose()
