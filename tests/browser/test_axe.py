"""axe-core in Debian's Chromium: every demo page and corpus page, in every mode.

The bar is zero violations of WCAG 2.0/2.1/2.2 A and AA plus best practice.
Each page and mode is checked at both widths: here in the default scheme at
one of them, and in ``test_theme_matrix.py`` in a colour scheme at the other
(one axe run costs about two seconds of both cores, and the suite has ten
minutes); ``A11Y_THEME_MATRIX=full`` runs every page and mode at both widths
in both files.
In 无障碍 mode the portal's own colours are kept, and the page script
raises text colours below 4.5:1 (3:1 for large text) toward black or white
(four corpus pages needed it). A page that still fails a rule for a known
reason goes into ``KNOWN`` as a strict expected failure, so the day it
passes the list must shrink (a strict xfail that passes fails).
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser

from a11y_proxy.demo.site import ARTICLE_PATH, LIST_PATH
from tests.browser.axe import describe, run_axe
from tests.conftest import CORPUS

pytestmark = pytest.mark.browser

MODES = ("a11y", "elder", "text")
DEMO_PAGES = {"front": "/", "list": LIST_PATH, "article": ARTICLE_PATH}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
CORPUS_PAGES = sorted(p.name for p in CORPUS.glob("*.htm*"))
#: (mode, page) -> the rule still failing, and why.
KNOWN: dict[tuple[str, str], str] = {}
FULL = os.environ.get("A11Y_THEME_MATRIX") == "full"


def scheme_width(page_index: int, mode_index: int) -> str:
    """The width at which a page and mode meets a colour scheme (test_theme_matrix.py);
    this file checks it in the default scheme at the other one."""
    return ("desktop", "phone")[(page_index + mode_index) % 2]


def _default_widths(page_index: int, mode_index: int) -> list[str]:
    if FULL:
        return list(VIEWPORTS)
    return [v for v in VIEWPORTS if v != scheme_width(page_index, mode_index)]


def _demo_params() -> list[object]:
    return [
        pytest.param(mode, page_name, viewport, id=f"{mode}-{page_name}-{viewport}")
        for i, page_name in enumerate(DEMO_PAGES)
        for j, mode in enumerate(MODES)
        for viewport in _default_widths(i, j)
    ]


@pytest.mark.parametrize(("mode", "page_name", "viewport"), _demo_params())
def test_demo_page_has_no_axe_violations(
    browser: Browser,
    demo: tuple[str, str, str],
    mode: str,
    page_name: str,
    viewport: str,
) -> None:
    proxy, portal, _ = demo
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{proxy}/{mode}/{portal}{DEMO_PAGES[page_name]}")
        violations = run_axe(page)
    finally:
        page.close()
    assert not violations, describe(violations)


def _corpus_params() -> list[object]:
    params = []
    for i, name in enumerate(CORPUS_PAGES):
        for j, mode in enumerate(MODES):
            for viewport in _default_widths(i, j):
                known = KNOWN.get((mode, name))
                marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
                params.append(pytest.param(mode, name, viewport, marks=marks, id=f"{mode}-{viewport}-{name}"))
    return params


@pytest.mark.parametrize(("mode", "name", "viewport"), _corpus_params())
def test_corpus_page_has_no_axe_violations(
    browser: Browser, corpus_proxy: str, mode: str, name: str, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(corpus_proxy.format(mode=mode, page=name))
        violations = run_axe(page)
    finally:
        page.close()
    assert not violations, describe(violations)


def test_faint_portal_text_is_raised_to_the_contrast_minimum_and_a_scheme_undoes_it(
    browser: Browser, corpus_proxy: str
) -> None:
    """无障碍 mode keeps the portal's colours but not its faint ones (WCAG 1.4.3): nfra's
    footer line "本网站支持IPv6" is darkened by the page script until it reaches 4.5:1;
    picking a colour scheme hands all colours to the scheme and removes the repair."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(corpus_proxy.format(mode="a11y", page="nfra-xzcf-merged-cells-rendered.html"))
        page.wait_for_selector("html.a11y-reader-ready", state="attached")
        repaired = page.locator("div", has_text="本网站支持IPv6").last
        assert repaired.get_attribute("data-a11y-contrast") == "repaired"
        ratio = repaired.evaluate(
            """e => {
                const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number).map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                let bg = e, back = "rgba(0, 0, 0, 0)";
                while (bg && (back = getComputedStyle(bg).backgroundColor) === "rgba(0, 0, 0, 0)") bg = bg.parentElement;
                if (back === "rgba(0, 0, 0, 0)") back = "rgb(255, 255, 255)";
                const [a, b] = [lum(getComputedStyle(e).color), lum(back)].sort((x, y) => y - x);
                return (a + 0.05) / (b + 0.05);
            }"""
        )
        assert ratio >= 4.5
        page.locator("#a11y-tools-panel button", has_text="配色").click()
        assert page.locator("[data-a11y-contrast]").count() == 0
    finally:
        context.close()
