"""Tab panels only a script switched between are all shown, each named by its tab.

Portal front pages put their news lists in tabs (要闻动态 | 通知公告 |
政策文件): a strip of labels whose ``onmouseover`` a script bound, and panels
after it, all but the first hidden by an inline ``display:none``::

    <ul class="tab"><li onmouseover="setTab('news',1,3)">要闻动态</li>…</ul>
    <div id="con_news_1"><ul>…</ul></div>
    <div id="con_news_2" style="display:none"><ul>…</ul></div>

With no upstream script the labels do nothing and two lists of three are out
of reach, in every mode: the hidden panels are not on screen and not in the
accessibility tree (WCAG 2.1.1, 1.3.1). The proxy shows every panel, and
makes each a region named by its tab's words, so a screen reader moving by
landmark hears 通知公告 before that list. Panels are recognised by their
markup, not by guesswork about their content: two or more sibling elements
of one tag whose ids are one stem and a running number (``con_news_1``,
``tab2``), at least one shown and one hidden inline, each a block holding
links, and a strip before them with one label in words for each. A hidden
drop-down menu or a slideshow (its strip says 1 2 3, or nothing) is not such a
group and stays as clutter left it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import (
    after,
    append,
    before,
    clean_text,
    contains,
    decompose_outermost,
    element,
    element_children,
    prepend,
)
from ..main_content import is_hidden
from .links import MORE
from .markup_repair import OWN_REGION

#: An id that is a stem and a running number.
_NUMBERED = re.compile(r"^(.*?[A-Za-z_-])(\d{1,2})$")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)
#: What a panel is: a block holding a list, never a picture link of a slideshow.
_PANEL_TAGS = frozenset(("div", "ul", "ol", "table", "section", "dl"))
_LABEL_TAGS = "li, a, span, h2, h3, h4, td, dt, dd, em, b, strong, p"
#: Longer than a tab's label: a sentence.
_MAX_LABEL = 12


#: Marks each tab, and each panel with its tab's words (and the address its tab
#: leads to, where it is a link), for the modes that drop the portal's look
#: (:func:`title_panels`).
TAB_MARK = "data-a11y-tab"
PANEL_MARK = "data-a11y-tab-panel"
PANEL_LINK_MARK = "data-a11y-tab-href"
#: Marks the strip's 更多 link with the words of the tab it was shown with.
MORE_MARK = "data-a11y-tab-more"


def title_panels(tree: LexborHTMLParser, root: LexborNode) -> None:
    """适老版 and 纯文本: each panel under a visible heading of its tab's words (a
    link where the tab was one, to the column's page), and the tabs gone. Without
    the portal's stylesheet the strip is a list of words that does nothing, and
    the lists follow with nothing to tell them apart: an older reader would see
    通知公告 only as a landmark's name, which no one sees."""
    for strip in decompose_outermost(root.css(f"[{TAB_MARK}]")):
        if not element_children(strip) and not (strip.text(deep=True) or "").strip():
            strip.decompose()  # the <ul> the tabs were items of
    more = {link.attrs.get(MORE_MARK) or "": link for link in root.css(f"[{MORE_MARK}]")}
    for panel in root.css(f"[{PANEL_MARK}]"):
        words = panel.attrs.get(PANEL_MARK) or ""
        href = panel.attrs.get(PANEL_LINK_MARK)
        heading = element(tree, "h2", None if href else words, class_="a11y-tab-title")
        if href:
            append(heading, element(tree, "a", words, href=href))
        listing = panel.tag in ("ul", "ol", "table", "dl")
        if listing:
            before(panel, heading)  # a heading is not an item of the list
        else:
            prepend(panel, heading)
        link = more.pop(words, None)
        if link is not None:
            # The strip's 更多 led to the column of the tab it was shown with:
            # under that tab's list, not above the first heading, where the strip was.
            line = element(tree, "p", class_="a11y-tab-more")
            append(line, link)
            after(panel, line) if listing else append(panel, line)


def _groups(tree: LexborHTMLParser) -> list[list[LexborNode]]:
    """Sibling panels: one tag, one id stem, numbers in order."""
    groups: list[list[LexborNode]] = []
    seen: set[int] = set()
    for hidden in tree.css('[id][style*="display" i]'):
        parent = hidden.parent
        if parent is None or parent.mem_id in seen or not is_hidden(hidden):
            continue
        seen.add(parent.mem_id)
        stems: dict[tuple[str, str], list[tuple[int, LexborNode]]] = {}
        for child in element_children(parent):
            match = _NUMBERED.match(child.attrs.get("id") or "")
            if match:
                stems.setdefault((child.tag or "", match.group(1)), []).append((int(match.group(2)), child))
        for members in stems.values():
            members.sort(key=lambda pair: pair[0])
            numbers = [n for n, _ in members]
            panels = [node for _, node in members]
            if (
                len(panels) >= 2
                and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
                and any(is_hidden(p) for p in panels)
                and not all(is_hidden(p) for p in panels)
                and all(p.tag in _PANEL_TAGS and p.css_first("a[href]") is not None for p in panels)
            ):
                groups.append(panels)
    return groups


def _tabs(panels: list[LexborNode]) -> tuple[list[LexborNode], LexborNode | None]:
    """The tab strip's labels in order, and the block that holds them: the nearest
    block before the panels (or before their container) holding exactly one
    short label per panel."""
    first = panels[0]
    for anchor in (first, first.parent):
        node = anchor.prev if anchor is not None else None
        while node is not None and not node.is_element_node:
            node = node.prev
        if node is None:
            continue
        # A list of tabs (its items, in order), else the innermost labelled
        # elements of the strip (a 更多 link beside the list is not a tab).
        for strip in node.css("ul, ol"):
            items = element_children(strip)
            if _fits(items, panels):
                return items, node
        items = [c for c in node.css(_LABEL_TAGS) if c.mem_id != node.mem_id]
        leaves = [c for c in items if not any(d.mem_id != c.mem_id for d in c.css(_LABEL_TAGS))]
        if _fits(leaves, panels):
            return leaves, node
    return [], None


def _fits(tabs: list[LexborNode], panels: list[LexborNode]) -> bool:
    """One short label a panel, in words: a carousel's 1 2 3 … is not a tab strip."""
    words = [clean_text(tab) for tab in tabs]
    return (
        len(words) == len(panels)
        and all(0 < len(w) <= _MAX_LABEL for w in words)
        and not all(w.isdigit() for w in words)
    )


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for panels in _groups(tree):
        tabs, strip = _tabs(panels)
        if not tabs or strip is None:
            continue  # no tabs name them: a slideshow or a state, not a tab group
        shown = next(
            (clean_text(tab) for panel, tab in zip(panels, tabs, strict=True) if not is_hidden(panel)), ""
        )
        for link in strip.css("a[href]"):
            if MORE.match(clean_text(link)) and not any(contains(tab, link) for tab in tabs):
                link.attrs[MORE_MARK] = shown
        for panel, tab in zip(panels, tabs, strict=True):
            label = clean_text(tab)
            tab.attrs[TAB_MARK] = ""
            panel.attrs[PANEL_MARK] = label
            links = tab.css("a[href]")  # the tab itself, where it is the link
            if len(links) == 1:
                panel.attrs[PANEL_LINK_MARK] = links[0].attrs.get("href") or ""
            style = panel.attrs.get("style") or ""
            if is_hidden(panel):
                shown = _DISPLAY_NONE.sub("", style).strip()
                if shown:
                    panel.attrs["style"] = shown
                else:
                    del panel.attrs["style"]
            if "aria-label" not in panel.attrs and "role" not in panel.attrs:
                panel.attrs["role"] = "region"
                panel.attrs["aria-label"] = label
                panel.attrs[OWN_REGION] = ""  # the landmarks pass keeps it
