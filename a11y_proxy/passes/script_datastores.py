"""A column's list that only a script showed is written into the page (Hanweb jpage datastores).

Hanweb (大汉), the content system of most Zhejiang and Jiangsu portals and of
many ministries, does not write a column's list of notices as HTML. It ships
the records inside a script element that no browser renders and lets its
jpage script build the list::

    <div id="4482545"><script type="text/xml"><datastore>
      <recordset>
        <record><![CDATA[<li><a href="/art/2021/1/5/art_1229_1.html">…</a>…</li>]]></record>
        …
      </recordset></datastore></script></div>

With no upstream script, the column page is an empty frame: the lost list is
exactly what the reader came for. The proxy writes the records where the
script element was, in the element they are made for (``<li>`` in a list,
``<tr>`` in a table), before the scripts go; the passes after it treat them
as any other part of the page (no script in them survives, their links go
through the proxy). jpage fetches the records past the first group from
``dataproxy.jsp`` on demand; the proxy does not, and when the page says how
many there are in all, it says how many are shown ("共 1095 条,此处列出前 45
条"), so a reader knows the rest exists and can use the portal's search or
original page.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import ADDED_CLASS, append, before, children, element

CLASS = "a11y-proxy-records"
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
_TOTAL_IN_STORE = re.compile(r"<totalrecord>\s*(\d{1,9})\s*</totalrecord>", re.IGNORECASE)
_TOTAL_IN_SCRIPT = re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d{1,9})")
#: A record's first element decides what holds the records.
_FIRST_TAG = re.compile(r"^\s*<([a-zA-Z][a-zA-Z0-9]*)")
#: Larger than any column's first group (jpage ships 15-300): a page that holds
#: more is not a column list, and is not multiplied into the page.
_MAX_RECORDS = 2000


def _holder(tree: LexborHTMLParser, script: LexborNode, first_tag: str) -> tuple[LexborNode, bool]:
    """An element to parse the records in, and whether it stays in the page.

    Records made for the element the script sits in (``<li>`` in a ``<ul>``,
    ``<tr>`` in a table) take the script's place; otherwise a list or block
    of the proxy's holds them."""
    parent = script.parent.tag if script.parent is not None else ""
    if first_tag == "li":
        return element(tree, "ul"), parent not in ("ul", "ol")
    if first_tag == "tr":
        if parent in ("table", "tbody", "thead", "tfoot"):
            return element(tree, "tbody"), False
        table = element(tree, "table")
        return table, True
    return element(tree, "div"), True


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    # Asked of the scripts, as in script_pagers: the store is in one.
    if not tree.scripts_contain("<datastore") and not tree.scripts_contain("<DATASTORE"):
        return
    stores = [(s, code) for s in tree.css("script") if "<datastore" in (code := s.text(deep=True)).lower()]
    for script, code in stores:
        records = _RECORD.findall(code)
        if not records or len(records) > _MAX_RECORDS:
            continue
        first = _FIRST_TAG.match(records[0])
        first_tag = first.group(1).lower() if first else ""
        holder, stays = _holder(tree, script, first_tag)
        holder.inner_html = "".join(records)
        shown = len(records)
        if stays:
            holder.attrs["class"] = CLASS
            before(script, holder)
        else:
            for node in children(holder):
                before(script, node)
        # The count in the datastore, or in jpage's settings when the page has
        # one list only (with several, which count is whose is not said).
        # The count in the datastore, or in jpage's settings when the page has
        # one list only (with several, which count is whose is not said).
        total_match = _TOTAL_IN_STORE.search(code) or (
            _TOTAL_IN_SCRIPT.search(ctx.source) if len(stores) == 1 else None
        )
        total = int(total_match.group(1)) if total_match else 0
        if total > shown:
            _tell_how_many(tree, holder if stays else script.parent, first_tag, total, shown)


def _tell_how_many(
    tree: LexborHTMLParser, listing: LexborNode | None, first_tag: str, total: int, shown: int
) -> None:
    """The last item of the list says that it is not all: it stays with the
    list wherever a mode puts it (适老版 keeps the main list only)."""
    if listing is None:
        return
    words = f"共 {total} 条,此处列出前 {shown} 条"
    if first_tag == "li" and listing.tag in ("ul", "ol"):
        append(listing, element(tree, "li", words, class_=ADDED_CLASS))
    elif first_tag != "tr":
        append(listing, element(tree, "p", words, class_=ADDED_CLASS))
    # A table's rows: a table has no place for a sentence of the proxy's that
    # would not be read as one of its rows; the count is left unsaid.
