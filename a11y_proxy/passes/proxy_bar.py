"""The proxy's own bar at the top of every page: original page link, mode switch, notices.

"View original page" is always there, so a reader who needs something the
transformed page lacks is never stuck (WCAG 3.2.3 consistent navigation: same
place, same order on every page). The bar is a labelled region, in Chinese
with English beside it, and holds an empty status element that the web
layer fills when it has to serve a stored copy (stale-if-error).
"""

from __future__ import annotations

import json
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import append, element, prepend
from ..modes import LABELS_EN, LABELS_ZH, MODES
from ..prefs import SIZE_NAMES, SIZES, SPACING_NAMES, SPACINGS, Prefs
from ..reader import ACTIONS, SPEEDS, key_code, shown
from ..urls import proxy_path

#: The class of a link to the original page: the bar's 查看原网页, and the one a
#: form only the portal's script could send points to (dead_forms).
ORIGINAL_CLASS = "a11y-proxy-original"

BAR_ID = "a11y-proxy-bar"
#: The exact bytes the web layer replaces to show a notice on a cached page.
NOTICE_PLACEHOLDER = b'<div id="a11y-proxy-notice" role="status"></div>'
STYLESHEET = "/static/proxy.css"


def _themes(ctx: PageContext) -> dict[str, str]:
    """The colour schemes to offer (just the page's own colours when none are loaded)."""
    return ctx.theme_names or {"default": "默认配色"}


def _settings(tree: LexborHTMLParser, ctx: PageContext) -> LexborNode:
    """Reading settings that work without script: each choice is a link the server applies
    (and remembers in the preference cookie), so the first paint is already right."""
    here = ctx.proxy_page()
    prefs = ctx.prefs
    box = element(tree, "details", class_="a11y-proxy-settings")
    summary = append(box, element(tree, "summary", "阅读设置"))
    append(summary, element(tree, "span", " Reading settings", lang="en"))
    groups: list[tuple[str, list[tuple[str, Prefs, bool]]]] = [
        (
            "配色",
            [(name, replace(prefs, theme=tid), tid == prefs.theme) for tid, name in _themes(ctx).items()],
        ),
        ("文字大小", [(SIZE_NAMES[size], replace(prefs, size=size), size == prefs.size) for size in SIZES]),
        ("行距", [(SPACING_NAMES[sp], replace(prefs, spacing=sp), sp == prefs.spacing) for sp in SPACINGS]),
    ]
    for label, choices in groups:
        line = append(box, element(tree, "p", class_="a11y-proxy-choice"))
        append(line, element(tree, "span", f"{label}:", class_="a11y-proxy-label"))
        for name, choice, current in choices:
            attrs = {"href": choice.link(here)}
            if current:
                attrs["aria-current"] = "true"
            append(line, element(tree, "a", name, **attrs))
    reset = append(box, element(tree, "p", class_="a11y-proxy-choice"))
    append(reset, element(tree, "a", "全部重置", href=Prefs().link(here)))
    return box


def _reader_data(ctx: PageContext) -> str:
    """What the page script needs, as JSON in a data attribute (no inline data script)."""
    shortcuts = dict(ctx.reader.shortcuts)
    return json.dumps(
        {
            "mode": ctx.mode,
            "speech": ctx.reader.speech,
            "original": ctx.url,
            "page": ctx.proxy_page(),
            "prefs": {"theme": ctx.prefs.theme, "size": ctx.prefs.size, "spacing": ctx.prefs.spacing},
            "themes": [[tid, name] for tid, name in _themes(ctx).items()],
            "sizes": list(SIZES),
            "spacings": list(SPACINGS),
            "speeds": [list(pair) for pair in SPEEDS],
            "size_names": SIZE_NAMES,
            "spacing_names": SPACING_NAMES,
            "actions": [
                {
                    "id": a.id,
                    "zh": a.zh,
                    "en": a.en,
                    "help": a.help_zh,
                    "key": key_code(shortcuts.get(a.id, "")),
                    "shown": shown(shortcuts.get(a.id, "")),
                }
                for a in ACTIONS
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    head, body = tree.head, tree.body
    if head is None or body is None:  # pragma: no cover - the parser always creates both
        return
    append(head, element(tree, "link", rel="stylesheet", href=STYLESHEET))

    bar = element(
        tree,
        "div",
        id=BAR_ID,
        class_=BAR_ID,
        role="region",
        lang="zh-CN",
        aria_label="无障碍浏览服务 Accessibility proxy",
    )
    if ctx.skip_target:
        # WCAG 2.4.1: the first focusable element on the page skips to the content.
        append(bar, element(tree, "a", "跳到主要内容", href=f"#{ctx.skip_target}", class_="a11y-proxy-skip"))
    for sheet in ctx.stylesheets:
        append(head, element(tree, "link", rel="stylesheet", href=sheet))
    notice = element(tree, "div", id="a11y-proxy-notice", role="status")
    append(bar, notice)

    row = element(tree, "p", class_="a11y-proxy-row")
    original = element(
        tree, "a", "查看原网页", href=ctx.url, rel="noopener noreferrer", class_=ORIGINAL_CLASS
    )
    append(original, element(tree, "span", " View original page", lang="en"))
    append(row, original)

    modes = element(tree, "span", class_="a11y-proxy-modes")
    append(modes, element(tree, "span", "阅读模式:", class_="a11y-proxy-label"))
    for mode in MODES:
        attrs = {"href": proxy_path(mode, ctx.url), "hreflang": "zh-CN"}
        if mode == ctx.mode:
            attrs["aria-current"] = "page"
        link = element(tree, "a", LABELS_ZH[mode], **attrs)
        append(link, element(tree, "span", f" {LABELS_EN[mode]}", lang="en"))
        append(modes, link)
    append(row, modes)
    append(row, element(tree, "a", "服务首页", href="/", class_="a11y-proxy-home"))
    append(bar, row)
    append(bar, _settings(tree, ctx))
    bar.attrs["data-a11y-reader"] = _reader_data(ctx)
    # The reader's script tag is not added here: the web layer adds it to
    # every response with that response's nonce (see script_tail).

    prepend(body, bar)
    title = tree.css_first("title")
    ctx.title = title.text(deep=True).strip() if title is not None else ""
