"""A portal's CSS drop-down menus open from the keyboard in 无障碍 mode (WCAG 2.1.1, 1.4.13).

A real portal page and stylesheet on a plain static server, the proxy in
front, Debian's Chromium: a sub-menu the portal's CSS shows only on hover is
shown when a link in its menu item has keyboard focus, its links take focus
in turn, and hovering still opens it, from a linked stylesheet and from a
``<style>`` alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import static_portal

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta charset="utf-8"><title>某某市人民政府</title>
<link rel="stylesheet" href="css/nav.css">
<style type="text/css"><!--
.side li .more { display: none; }
.side li:hover .more { display: block; }
--></style></head>
<body>
<ul class="nav">
<li><a href="index.html">首页</a></li>
<li><a href="zwgk/index.html">政务公开</a>
  <ul class="sub"><li><a href="zwgk/ndbg.html">年度报告</a></li><li><a href="zwgk/zcwj.html">政策文件</a></li></ul></li>
<li><a href="hdjl/index.html">互动交流</a></li>
</ul>
<div class="content"><h1>某某市人民政府</h1><p>欢迎访问某某市人民政府门户网站。</p>
<ul class="side"><li><a href="zt/index.html">专题专栏</a><div class="more"><a href="zt/yshj.html">优化营商环境</a></div></li></ul>
</div></body></html>
"""
NAV_CSS = """@charset "utf-8";
.nav { list-style: none; margin: 0; padding: 0; background: #c40000; height: 44px; }
.nav > li { float: left; position: relative; width: 160px; }
.nav a { color: #fff; line-height: 44px; }
.nav .sub { display: none; position: absolute; top: 44px; left: 0; background: #a00000; padding: 0; }
.nav li:hover .sub { display: block; }
"""


@pytest.fixture(scope="module")
def menu_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page on a plain static server and a proxy in front; yields the page's 无障碍 address."""
    folder = tmp_path_factory.mktemp("menu-portal")
    (folder / "css").mkdir()
    (folder / "index.html").write_text(PAGE, "utf-8")
    (folder / "css" / "nav.css").write_text(NAV_CSS, "utf-8")
    with static_portal(folder) as (base, portal):
        yield f"{base}/a11y/{portal}/index.html"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        yield context.new_page()
    finally:
        context.close()


def _focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement.textContent.trim()"))


@pytest.mark.parametrize(
    ("item", "sub", "first", "after"),
    [
        ("政务公开", "ul.nav .sub", "年度报告", "政策文件"),  # the linked stylesheet's menu
        ("专题专栏", "ul.side .more", "优化营商环境", None),  # a <style> element's
    ],
)
def test_a_sub_menu_the_portals_css_opens_on_hover_opens_on_keyboard_focus(
    page: Page, menu_portal: str, item: str, sub: str, first: str, after: str | None
) -> None:
    page.goto(menu_portal)
    menu = page.locator(sub)
    assert not menu.is_visible()  # the portal's look is kept: closed until asked
    page.get_by_role("link", name=item, exact=True).focus()
    assert menu.is_visible()
    # Its links take focus in turn, and it stays open while focus is inside.
    page.keyboard.press("Tab")
    assert _focused(page) == first and menu.is_visible()
    if after is not None:
        page.keyboard.press("Tab")
        assert _focused(page) == after
        page.keyboard.press("Tab")  # on to the next item: the sub-menu closes
        assert _focused(page) == "互动交流" and not menu.is_visible()
    # A screen reader is told the open menu's links.
    page.get_by_role("link", name=item, exact=True).focus()
    assert f'link "{first}"' in page.locator("body").aria_snapshot()


def test_hovering_still_opens_the_sub_menu(page: Page, menu_portal: str) -> None:
    page.goto(menu_portal)
    page.get_by_role("link", name="政务公开", exact=True).hover()
    assert page.locator("ul.nav .sub").is_visible()
