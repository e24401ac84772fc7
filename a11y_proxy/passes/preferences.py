"""Apply the reader's preferences: colour scheme, text size, line spacing (WCAG 1.4.4, 1.4.6, 1.4.12).

Done on the server, so the first paint is already right (no flash of the
small page, and it works without JavaScript): classes on ``<html>`` select
the steps in ``themes/steps.css``, and the chosen scheme's stylesheet is
linked after the mode's own.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..context import PageContext

THEMES_PATH = "/themes"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    html = tree.css_first("html")
    if html is not None:
        existing = (html.attrs.get("class") or "").split()
        html.attrs["class"] = " ".join([*existing, *ctx.prefs.html_classes(ctx.mode)])
    ctx.stylesheets.append(f"{THEMES_PATH}/steps.css")
    if ctx.prefs.theme != "default":
        ctx.stylesheets.append(f"{THEMES_PATH}/{ctx.prefs.theme}.css")
