"""The portal's own site search, found in its page and rebuilt as one plain search form.

适老版 keeps only the content and the menu of a page, and the search box sat
in the portal's header, so an older reader lost the way most of them look
for a notice (MIIT 《互联网网站适老化通用设计规范》 asks that the key functions
stay reachable; WCAG 2.4.5 Multiple Ways). This module finds the portal's
search form after the link pass has pointed it through the proxy, and builds
a form that asks the portal exactly what the original asks: the same address
and method, the keyword under the portal's own field name, the portal's
hidden fields (channel ids, the proxy's encoding field). It is labelled,
``role="search"``, and sized by the mode's stylesheet.

A list page often has a second box, "在本栏目中检索" (search this column):
it sat in the sidebar that 适老版 leaves out, and it is the quicker way to
one column's notices. :func:`find_searches` tells it from the site's by its words, and it is
built with its own label, so the two search landmarks have different names
(WAI-ARIA: landmarks of one role are told apart by their labels).

Only a form with exactly one field to type in is taken: an advanced search
of several fields is not rebuilt, and the page is served without one. A POST
search (shanxi.gov.cn's) is rebuilt as POST, so it fares as the original form
does in 无障碍 mode: the proxy forwards it where the operator allows POST for
the site, and elsewhere answers with the refusal page that keeps the reader's
words and offers to send them on the portal itself (``web.pages``); without
the box the older reader would have no search at all.
A portal's search engine often lives on another host that the operator has
not allowed (gz.gov.cn's on search.gd.gov.cn, the national platform's
sousuo.www.gov.cn): such a search is taken when the page has none inside
the proxy, and its button says, as such a link does, that it leaves the
accessible view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import append, contains, element
from .passes.rewrite_links import external_mark
from .table_forms import is_text_field, owned_fields
from .wording import say

#: Fields a reader does not fill in: sent as they are, or the button itself.
_NOT_TYPED = frozenset(("hidden", "submit", "image", "button", "reset"))
#: Words of a search form's address, name or id (TRS was5, Hanweb jsearch, jrobot, ...).
_SEARCH_NAMES = re.compile(r"search|sousuo|jsearch|jrobot|was5|query|chaxun|jiansuo", re.IGNORECASE)
#: What the field's name or hint says when it is a search term (form_labels named it before).
_SEARCH_WORDS = re.compile(r"搜索|检索|查询|关键[字词]|search|keyword", re.IGNORECASE)
#: A search of one column (Hanweb jsearch's columnid, TRS's channel): its field or form says so.
_COLUMN_WORDS = re.compile(r"本栏目|栏目内|栏目中|本频道|频道内")
FIELD_ID = "a11y-site-search-q"
COLUMN_FIELD_ID = "a11y-column-search-q"


@dataclass(frozen=True)
class SiteSearch:
    action: str
    field: str
    hidden: tuple[tuple[str, str], ...]
    external: bool = False
    #: The encoding a search on another site is sent in ("" for UTF-8, and for
    #: searches inside the proxy, whose encoding field is among the hidden ones).
    accept_charset: str = ""
    #: A search of the page's column only, not of the whole site.
    column: bool = False
    #: The portal's method, "get" or "post" (its script may read either).
    method: str = "get"


#: A search form found, its one field to type in, and what it asks.
_Found = tuple[LexborNode, LexborNode, SiteSearch]


def _rebuildable(tree: LexborHTMLParser, page_path: str) -> Iterator[_Found]:
    """Every search form on the page that can be rebuilt, in page order, with its field."""
    for form in tree.css("form[action]"):
        attrs = form.attrs
        # HTML: an unknown method is GET; "dialog" submits nothing.
        method = (attrs.get("method") or "get").strip().lower()
        if method == "dialog":
            continue
        method = "post" if method == "post" else "get"
        action = attrs.get("action") or ""
        external = "data-a11y-external" in attrs
        if external:
            if not action.lower().startswith(("http://", "https://")):
                continue
        elif not action.startswith("/") or action.split("?", 1)[0] == page_path.split("?", 1)[0]:
            continue  # not pointed through the proxy, or back to this very page
        words = f"{action} {attrs.get('name') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}"
        fields = owned_fields(tree, form)
        typed = [f for f in fields if is_text_field(f)]
        others = [f for f in fields if (f.attrs.get("type") or "").strip().lower() not in _NOT_TYPED]
        if len(typed) != 1 or len(others) != 1:
            continue  # nothing to type in, or more than a keyword
        name = (typed[0].attrs.get("name") or "").strip()
        hints = " ".join(typed[0].attrs.get(a) or "" for a in ("aria-label", "placeholder", "title"))
        if not name or not (_SEARCH_NAMES.search(words) or _SEARCH_WORDS.search(hints)):
            continue
        hidden = tuple(
            ((f.attrs.get("name") or ""), (f.attrs.get("value") or ""))
            for f in fields
            if (f.attrs.get("type") or "").strip().lower() == "hidden" and f.attrs.get("name")
        )
        yield (
            form,
            typed[0],
            SiteSearch(
                action=action,
                field=name,
                hidden=hidden,
                external=external,
                accept_charset=(attrs.get("accept-charset") or "") if external else "",
                column=_COLUMN_WORDS.search(f"{hints} {attrs.get('aria-label') or ''}") is not None,
                method=method,
            ),
        )


class Searches(NamedTuple):
    """The page's searches the proxy can rebuild, found in one pass over its forms."""

    site: SiteSearch | None
    column: SiteSearch | None


def _pick(tree: LexborHTMLParser, page_path: str) -> tuple[_Found | None, _Found | None]:
    """The site's search form and the column's, as :func:`find_searches` chooses them."""
    own: _Found | None = None
    elsewhere: _Found | None = None
    column: _Found | None = None
    for found in _rebuildable(tree, page_path):
        search = found[2]
        if search.column:
            if column is None and not search.external:
                column = found
        elif not search.external:
            if own is None:
                own = found
        elif elsewhere is None:
            elsewhere = found
    return own or elsewhere, column


def find_searches(tree: LexborHTMLParser, page_path: str) -> Searches:
    """The site's search and the column's.

    The site's: the first search form on the page that can be rebuilt and
    searches the whole site; one on another site is taken only when none is
    inside the proxy. The column's: the first search of the page's own column
    inside the proxy. ``page_path`` is the page's own proxy path: a form that
    submits to the page itself (an empty action, which a script replaced with
    the search engine's address) is not a search the proxy can ask for."""
    site, column = _pick(tree, page_path)
    return Searches(site[2] if site else None, column[2] if column else None)


def mark_landmarks(tree: LexborHTMLParser, page_path: str) -> None:
    """The portal's own site and column search forms, where they stand, as search
    landmarks named as :func:`build` names its own (站内搜索, 本栏目检索): a screen
    reader goes to the search from its list of landmarks (WCAG 2.4.1, technique
    ARIA11), which the portal's markup never says. A form the parser cut off from
    its field (a table's, see table_forms) holds nothing to name, and is left."""
    site, column = _pick(tree, page_path)
    for found, label in ((site, _label(tree, column=False)), (column, _label(tree, column=True))):
        if found is None:
            continue
        form, field, _ = found
        if contains(form, field):
            form.attrs["role"] = "search"
            form.attrs["aria-label"] = label


def _label(tree: LexborHTMLParser, *, column: bool) -> str:
    """The name of a site's or a column's search, the rebuilt form's and the portal's own."""
    return say(tree, "本栏目检索", "Search this section") if column else say(tree, "站内搜索", "Site search")


def build(tree: LexborHTMLParser, search: SiteSearch, css_class: str) -> LexborNode:
    """The search form: a visible label, the field, the button, the portal's hidden fields."""
    label = _label(tree, column=search.column)
    field_id = COLUMN_FIELD_ID if search.column else FIELD_ID
    form = element(
        tree,
        "form",
        class_=css_class,
        role="search",
        action=search.action,
        method=search.method,
        aria_label=label,
    )
    append(form, element(tree, "label", label, for_=field_id))
    append(form, element(tree, "input", type="search", id=field_id, name=search.field, autocomplete="off"))
    for name, value in search.hidden:
        append(form, element(tree, "input", type="hidden", name=name, value=value))
    button = append(form, element(tree, "button", say(tree, "搜索", "Search"), type="submit"))
    if search.accept_charset:
        form.attrs["accept-charset"] = search.accept_charset
    if search.external:
        form.attrs["data-a11y-external"] = ""
        append(button, external_mark(tree))
    return form
