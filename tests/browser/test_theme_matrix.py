"""Every corpus page in every colour scheme: zero axe violations.

The whole matrix (19 pages × 3 modes × 5 schemes × 2 widths, about 570 axe
runs) takes longer than the suite's time budget, so CI runs a rotation in
which every scheme meets every mode and many pages at both widths (one
scheme per page and mode), and the whole matrix runs by hand with
``A11Y_THEME_MATRIX=full``; the README gives the last full result.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from a11y_proxy.prefs import COOKIE, load_themes
from tests.browser.axe import describe, run_axe
from tests.browser.test_axe import CORPUS_PAGES, MODES, VIEWPORTS, scheme_width

pytestmark = pytest.mark.browser

SCHEMES = [t for t in sorted(load_themes(Path(__file__).resolve().parents[2] / "themes")) if t != "default"]
FULL = os.environ.get("A11Y_THEME_MATRIX") == "full"


def _matrix(pages: list[str], prefix: str = "") -> list[object]:
    """(mode, page, scheme, width) for ``pages``: all of them with FULL, else the rotation
    that gives each page and mode one scheme and one width."""
    params = []
    for i, name in enumerate(pages):
        for j, mode in enumerate(MODES):
            for k, scheme in enumerate(SCHEMES):
                if not FULL and k != (i + j) % len(SCHEMES):
                    continue
                for viewport in VIEWPORTS:
                    if not FULL and viewport != scheme_width(i, j):
                        continue
                    params.append(
                        pytest.param(
                            mode, name, scheme, viewport, id=f"{scheme}-{mode}-{viewport}-{prefix}{name}"
                        )
                    )
    return params


def _params() -> list[object]:
    return _matrix(CORPUS_PAGES)


@pytest.mark.parametrize(("mode", "name", "scheme", "viewport"), _params())
def test_corpus_page_in_a_scheme_has_no_axe_violations(
    browser: Browser, corpus_proxy: str, mode: str, name: str, scheme: str, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        base = corpus_proxy.split("/{mode}/", 1)[0]
        context.add_cookies([{"name": COOKIE, "value": f"{scheme}~100~0", "url": base}])
        page = context.new_page()
        page.goto(corpus_proxy.format(mode=mode, page=name))
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, describe(violations)


def test_the_rotation_covers_every_scheme_in_every_mode() -> None:
    seen = {(p.values[0], p.values[2]) for p in _params()}  # type: ignore[attr-defined]
    assert seen == {(m, s) for m in MODES for s in SCHEMES}


def test_every_page_and_mode_is_checked_at_both_widths_across_the_two_files() -> None:
    from tests.browser import test_axe

    corpus = {(p.values[0], p.values[1], p.values[3]) for p in _params()}  # type: ignore[attr-defined]
    corpus |= {(p.values[0], p.values[1], p.values[2]) for p in test_axe._corpus_params()}  # type: ignore[attr-defined]
    assert corpus == {(m, n, v) for m in MODES for n in CORPUS_PAGES for v in VIEWPORTS}
    demo = {(p.values[0], p.values[1], p.values[3]) for p in _demo_params()}  # type: ignore[attr-defined]
    demo |= {(p.values[0], p.values[1], p.values[2]) for p in test_axe._demo_params()}  # type: ignore[attr-defined]
    assert demo == {(m, n, v) for m in MODES for n in test_axe.DEMO_PAGES for v in VIEWPORTS}


def _demo_params() -> list[object]:
    from tests.browser.test_axe import DEMO_PAGES

    return _matrix(list(DEMO_PAGES), prefix="demo-")


@pytest.mark.parametrize(("mode", "page_name", "scheme", "viewport"), _demo_params())
def test_demo_page_in_a_scheme_has_no_axe_violations(
    browser: Browser, demo: tuple[str, str, str], mode: str, page_name: str, scheme: str, viewport: str
) -> None:
    from tests.browser.test_axe import DEMO_PAGES

    proxy, portal, _ = demo
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        context.add_cookies([{"name": COOKIE, "value": f"{scheme}~100~0", "url": proxy}])
        page = context.new_page()
        page.goto(f"{proxy}/{mode}/{portal}{DEMO_PAGES[page_name]}")
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, describe(violations)
