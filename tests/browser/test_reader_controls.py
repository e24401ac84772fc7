"""The reader controls in Debian's Chromium: every button, every shortcut, speech, phone, print.

Each control is checked by its effect on what a person gets (computed
styles, the cursor, the crosshair, the caption), on the preference cookies,
and after a reload; speech by the audio elements the page plays, in order,
with the highlight moving and stopping. axe-core runs with the toolbar and
its help open and closed, on a desktop and a 390x844 phone.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from a11y_proxy.demo.site import ARTICLE_PATH
from tests.browser.axe import describe, run_axe

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        yield ctx
    finally:
        ctx.close()


def open_page(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_selector("html.a11y-reader-ready", state="attached", timeout=10_000)
    return page


def article(demo: tuple[str, str, str], mode: str = "elder") -> str:
    proxy, portal, _ = demo
    return f"{proxy}/{mode}/{portal}{ARTICLE_PATH}"


def cookie(context: BrowserContext, name: str) -> str | None:
    for c in context.cookies():
        if c["name"] == name:
            return c["value"]
    return None


def tool(page: Page, name: str) -> Any:
    return page.locator("#a11y-tools-panel").get_by_role("button", name=name, exact=False).first


def wait_until(page: Page, expression: str, timeout: float = 10.0) -> Any:
    """Poll ``expression`` until it is truthy (wait_for_function would need 'unsafe-eval',
    which the proxy's Content-Security-Policy rightly refuses)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)


def live_text(page: Page) -> str:
    page.wait_for_timeout(150)
    return str(page.inner_text(".a11y-live"))


# -- display controls: buttons and shortcuts -------------------------------------------------


def test_scheme_button_recolours_in_place_sets_the_cookie_and_survives_a_reload(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo))
    colours = "(() => { const s = getComputedStyle(document.querySelector('main p')); return [s.color, s.backgroundColor]; })()"
    theme = ""
    for _ in range(8):  # cycle to 黑底黄字
        tool(page, "配色").click()
        theme = page.evaluate(
            "[...document.documentElement.classList].find(c => c.startsWith('a11y-theme-'))"
        )
        if theme == "a11y-theme-black-yellow":
            break
    assert theme == "a11y-theme-black-yellow"
    wait_until(page, "document.documentElement.dataset.a11yThemeLoaded === 'black-yellow'")
    after = page.evaluate(colours)
    assert after == ["rgb(255, 255, 0)", "rgb(0, 0, 0)"]
    assert cookie(context, "a11y_prefs") == "black-yellow~100~0"
    assert "黑底黄字" in live_text(page)
    assert page.locator('link[href^="/themes/"]').count() == 2  # steps.css and the scheme, no leftovers
    page.reload()
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    # Applied by the server on the first paint, not by the script afterwards.
    assert page.evaluate(colours) == after
    assert page.evaluate(f"document.documentElement.classList.contains('{theme}')")


def test_size_buttons_grow_and_shrink_text_by_the_step(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo))
    size = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    base = page.evaluate(size)
    tool(page, "放大").click()
    assert page.evaluate(size) == pytest.approx(base * 1.25, rel=0.02)
    tool(page, "放大").click()
    assert page.evaluate(size) == pytest.approx(base * 1.5, rel=0.02)
    tool(page, "缩小").click()
    assert page.evaluate(size) == pytest.approx(base * 1.25, rel=0.02)
    assert cookie(context, "a11y_prefs") == "default~125~0"
    page.reload()
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    assert page.evaluate(size) == pytest.approx(base * 1.25, rel=0.02)


def test_every_shortcut_does_what_its_button_does(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo))
    html_class = "document.documentElement.className"
    page.keyboard.press("Alt+Backquote")
    assert "a11y-theme-default" not in page.evaluate(html_class)
    page.keyboard.press("Alt+ArrowUp")
    assert "a11y-size-125" in page.evaluate(html_class)
    page.keyboard.press("Alt+ArrowDown")
    assert "a11y-size-" not in page.evaluate(html_class)
    page.keyboard.press("Alt+KeyL")
    assert "a11y-spacing-15" in page.evaluate(html_class)
    page.keyboard.press("Alt+KeyM")
    assert "a11y-big-cursor" in page.evaluate(html_class)
    page.keyboard.press("Alt+KeyC")
    assert "a11y-crosshair-on" in page.evaluate(html_class)
    page.keyboard.press("Alt+KeyB")
    assert "a11y-caption-on" in page.evaluate(html_class)
    assert tool(page, "大字幕").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Alt+KeyS")
    assert "较快" in str(tool(page, "语速").inner_text())
    page.keyboard.press("Alt+KeyP")
    assert tool(page, "指读").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Alt+KeyV")
    assert tool(page, "声音").get_attribute("aria-pressed") == "false"
    page.keyboard.press("Alt+Shift+Slash")
    assert page.is_visible("#a11y-help")
    assert page.get_by_role("button", name="帮助").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.is_visible("#a11y-help")
    page.keyboard.press("Alt+KeyR")
    assert page.evaluate(html_class).split().count("a11y-theme-default") == 1
    assert "a11y-big-cursor" not in page.evaluate(html_class)
    assert cookie(context, "a11y_prefs") in (None, "")
    assert "默认设置" in live_text(page)
    with page.expect_navigation():
        page.keyboard.press("Alt+KeyT")
    assert "/text/" in page.url
    assert page.errors == []  # type: ignore[attr-defined]


def test_big_cursor_crosshair_and_caption_with_pinyin(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo))
    tool(page, "大鼠标").click()
    assert "cursor-arrow.svg" in page.evaluate("getComputedStyle(document.querySelector('main p')).cursor")
    assert "cursor-hand.svg" in page.evaluate("getComputedStyle(document.querySelector('main a')).cursor")
    tool(page, "十字线").click()
    page.mouse.move(400, 500)
    page.mouse.move(420, 520)
    box = page.locator(".a11y-cross-v").bounding_box()
    assert box is not None and abs(box["x"] + 2 - 420) <= 2 and box["height"] >= 800
    box = page.locator(".a11y-cross-h").bounding_box()
    assert box is not None and abs(box["y"] + 2 - 520) <= 2
    tool(page, "大字幕").click()
    paragraph = page.locator("main p", has_text="主动公开").first
    paragraph.hover()
    caption = page.locator(".a11y-caption")
    caption.wait_for(state="visible")
    # The caption may first show the paragraph the pointer rested on before the hover
    # (the crosshair's point, over the report's opening words): wait for it to follow.
    expect(caption).to_contain_text("主动公开")
    assert (
        float(
            page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.a11y-caption-text')).fontSize)"
            )
        )
        >= 36
    )
    tool(page, "拼音").click()
    page.mouse.move(10, 10)
    paragraph.hover()
    wait_until(page, "document.querySelector('.a11y-caption-pinyin').textContent.length > 0")
    pinyin = page.inner_text(".a11y-caption-pinyin")
    assert re.search("[āáǎàōóǒòēéěèīíǐìūúǔù]", pinyin), pinyin
    assert cookie(context, "a11y_ui") == "1~0~1~1~1~1~normal"
    page.reload()
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    assert "a11y-big-cursor" in page.evaluate("document.documentElement.className")


def test_every_control_is_reachable_and_operable_by_keyboard_alone(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo, "a11y"))
    tool(page, "声音").click()  # shows the speech buttons too
    page.evaluate("document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    wanted = set(
        page.evaluate(
            "[...document.querySelectorAll('#a11y-tools-panel button, #a11y-tools-panel a')]"
            ".filter(b => b.checkVisibility() && !b.disabled).map(b => b.textContent.trim())"
        )
    )
    reached: set[str] = set()
    focus_rings = 0
    page.keyboard.press("Tab")
    for _ in range(80):
        info = page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.closest('#a11y-tools-panel') ? e.textContent.trim() : null, s.outlineStyle, s.outlineWidth]; })()"
        )
        if info[0]:
            reached.add(info[0])
            if info[1] != "none" and float(info[2].rstrip("px")) >= 2:
                focus_rings += 1
        page.keyboard.press("Tab")
    assert wanted <= reached, wanted - reached
    assert focus_rings >= len(wanted)
    # Operable: Space and Enter act on the focused button.
    page.locator("#a11y-tools-panel button", has_text="十字线").focus()
    page.keyboard.press("Space")
    assert "a11y-crosshair-on" in page.evaluate("document.documentElement.className")
    page.keyboard.press("Enter")
    assert "a11y-crosshair-on" not in page.evaluate("document.documentElement.className")


def test_region_jumps_reach_navigation_main_content_and_lists(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo, "a11y"))
    jumps = page.get_by_role("navigation", name="区域跳转")
    for name in ("跳到导航", "跳到正文", "手机扫码"):
        link = jumps.get_by_role("link", name=name)
        link.click()
        target = str(link.get_attribute("href"))[1:]
        assert page.evaluate("document.activeElement.id") == target


# -- speech -----------------------------------------------------------------------------------


def test_continuous_reading_plays_in_order_highlights_and_stops(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo))
    plans: list[Any] = []
    page.on("response", lambda r: plans.append(r) if r.url.endswith("/api/speech/plan") else None)
    page.evaluate(
        "window.__played = []; document.addEventListener('play', e => __played.push(e.target.src), true)"
    )
    assert tool(page, "声音").get_attribute("aria-pressed") == "true"  # elder: speech ready, on demand
    # Start from a point the reader picks: the first paragraph of the report.
    page.locator("main p", has_text="主动公开").first.click()
    while "最快" not in str(tool(page, "语速").inner_text()):
        tool(page, "语速").click()  # fastest, to keep the test short
    tool(page, "连读").click()
    wait_until(page, "window.__played.length >= 1", 15)
    first_highlight = page.evaluate(
        "(() => { const h = CSS.highlights.get('a11y-reading'); return h ? [...h][0].toString() : null; })()"
    )
    assert first_highlight and "主动公开" in first_highlight
    wait_until(page, "window.__played.length >= 3", 60)
    second_highlight = page.evaluate("[...CSS.highlights.get('a11y-reading')][0].toString()")
    assert second_highlight != first_highlight
    planned = [c["audio"] for item in plans[0].json()["items"] for c in item]
    sent = plans[0].request.post_data_json["texts"]
    assert any(t.startswith("标题:") for t in sent)  # headings are announced as headings
    played = [unquote(u.split("://", 1)[1].split("/", 1)[1]) for u in page.evaluate("window.__played")]
    assert ["/" + p for p in played[:3]] == [unquote(u) for u in planned[:3]]
    assert "speed=fastest" in played[0]
    playing = "[...document.querySelectorAll('#a11y-audio audio')].some(a => !a.paused)"
    # 连读 again pauses, and again resumes where it was.
    tool(page, "连读").click()
    assert not page.evaluate(playing)
    assert tool(page, "连读").get_attribute("aria-pressed") == "false"
    tool(page, "连读").click()
    wait_until(page, playing)
    # 下一句 / 上一句 move by one sentence. Paused before each of them, so that
    # no sentence ends and the next begins on its own in between (at the
    # fastest speed a sentence lasts about a second); the sentence is told by
    # the reader's highlight and the audio that plays.
    sentence = (
        "(() => { const h = CSS.highlights.get('a11y-reading'); return h ? [...h][0].toString() : null; })()"
    )
    playing_src = (
        "(() => { const a = [...document.querySelectorAll('#a11y-audio audio')].find(a => !a.paused);"
        " return a ? a.src : null; })()"
    )
    was_src = page.evaluate(playing_src)
    tool(page, "连读").click()
    was = page.evaluate(sentence)
    tool(page, "下一句").click()
    wait_until(page, f"{sentence} !== {json.dumps(was)} && {playing}")
    skipped_to = page.evaluate(sentence)
    tool(page, "连读").click()
    tool(page, "上一句").click()
    wait_until(page, f"{sentence} !== {json.dumps(skipped_to)} && {playing}")
    # Back to the sentence before the one skipped to, and to its audio.
    assert page.evaluate(sentence) == was
    assert page.evaluate(playing_src) == was_src
    tool(page, "停止").click()
    assert page.evaluate("[...document.querySelectorAll('#a11y-audio audio')].every(a => a.paused)")
    assert page.evaluate("CSS.highlights.get('a11y-reading')") is None
    count = len(page.evaluate("window.__played"))
    page.wait_for_timeout(1500)
    assert len(page.evaluate("window.__played")) == count
    assert page.errors == []  # type: ignore[attr-defined]


def test_point_reading_on_focus_reads_a_link_as_a_link(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    page = open_page(context, article(demo, "a11y"))
    # 无障碍 mode: speech is off until the reader turns it on.
    assert tool(page, "声音").get_attribute("aria-pressed") == "false"
    audio_texts: list[str] = []
    page.on(
        "request",
        lambda r: (
            audio_texts.append(unquote(r.url.split("text=", 1)[1])) if "/api/speech/audio/" in r.url else None
        ),
    )
    page.keyboard.press("Alt+KeyP")
    assert tool(page, "指读").get_attribute("aria-pressed") == "true"
    page.locator("main a").first.focus()
    wait_until(page, "document.querySelectorAll('#a11y-audio audio').length > 0", 10)
    page.wait_for_timeout(300)
    assert audio_texts and audio_texts[0].startswith("链接:")


def test_table_cells_are_read_with_their_headers(context: BrowserContext, demo: tuple[str, str, str]) -> None:
    page = open_page(context, article(demo, "a11y"))
    audio_texts: list[str] = []
    page.on(
        "request",
        lambda r: (
            audio_texts.append(unquote(r.url.split("text=", 1)[1])) if "/api/speech/audio/" in r.url else None
        ),
    )
    page.keyboard.press("Alt+KeyP")
    cell = page.locator("td[data-a11y-speech]").nth(3)
    spoken = str(cell.get_attribute("data-a11y-speech"))
    cell.scroll_into_view_if_needed()
    cell.hover()
    deadline = time.monotonic() + 10
    while not audio_texts and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert audio_texts and audio_texts[0].replace(",", ",") == spoken.replace(",", ",")


# -- phone, axe, print, settings page, QR ----------------------------------------------------


def test_phone_toolbar_folds_into_one_menu_button_with_60px_targets(
    browser: Browser, demo: tuple[str, str, str]
) -> None:
    ctx = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    try:
        page = open_page(ctx, article(demo))
        menu = page.get_by_role("button", name="无障碍工具")
        assert menu.is_visible()
        assert menu.get_attribute("aria-expanded") == "false"
        assert not page.is_visible("#a11y-tools-panel")
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.is_visible("#a11y-tools-panel")
        sizes = page.evaluate(
            "[...document.querySelectorAll('#a11y-tools-panel .a11y-tool')].filter(b => b.checkVisibility())"
            ".map(b => { const r = b.getBoundingClientRect(); return [b.textContent, r.width, r.height]; })"
        )
        small = [s for s in sizes if s[1] < 60 or s[2] < 60]
        assert not small, small
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "toolbar-phone-open.png"))
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_no_axe_violations_with_the_toolbar_open_and_closed(
    browser: Browser, demo: tuple[str, str, str], mode: str, viewport: str
) -> None:
    size = PHONE if viewport == "phone" else {"width": 1280, "height": 900}
    ctx = browser.new_context(viewport=size, locale="zh-CN")
    try:
        page = open_page(ctx, article(demo, mode))
        closed = run_axe(page)
        assert not closed, describe(closed)
        if viewport == "phone":
            page.get_by_role("button", name="无障碍工具").click()
        tool(page, "声音").click()
        tool(page, "大字幕").click()
        page.get_by_role("button", name="帮助").click()
        opened = run_axe(page)
        assert not opened, describe(opened)
    finally:
        ctx.close()


def test_print_hides_the_toolbar_keeps_the_qr_code_and_shows_link_addresses(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    _, portal, _ = demo
    page = open_page(context, article(demo))
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.is_visible("#a11y-proxy-bar")
    assert page.is_visible(".a11y-proxy-qr img")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after').content"
    )
    assert portal in after
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 24  # the elder page's large text is kept on paper


def test_settings_page_works_without_script_and_the_page_follows(
    browser: Browser, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    ctx = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = ctx.new_page()
        back = f"/elder/{portal}{ARTICLE_PATH}"
        page.goto(f"{proxy}/settings?return={back}")
        page.get_by_label("黑底黄字").check()
        page.get_by_label("150%").check()
        page.get_by_label("大鼠标").check()
        page.get_by_label("纯文本").check()
        with page.expect_navigation():
            page.get_by_role("button", name="保存设置").click()
        assert page.url == f"{proxy}/text/{portal}{ARTICLE_PATH}"
        html_class = page.evaluate("document.documentElement.className")
        assert "a11y-theme-black-yellow" in html_class and "a11y-size-150" in html_class
        values = {c["name"]: c["value"] for c in ctx.cookies()}
        assert values["a11y_prefs"] == "black-yellow~150~0"
        assert values["a11y_ui"].split("~")[2] == "1"
        page.goto(f"{proxy}/settings?return={back}")
        with page.expect_navigation():
            page.get_by_role("button", name="全部重置").click()
        assert "a11y_prefs" not in {c["name"] for c in ctx.cookies()}
    finally:
        ctx.close()


def test_qr_code_follows_a_scheme_changed_in_place(
    context: BrowserContext, demo: tuple[str, str, str]
) -> None:
    import zxingcpp
    from PIL import Image

    proxy, portal, _ = demo
    page = open_page(context, article(demo))
    tool(page, "配色").click()
    theme = str(cookie(context, "a11y_prefs")).split("~")[0]
    qr = page.locator(".a11y-proxy-qr img")
    qr.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('.a11y-proxy-qr img').complete")
    png = qr.screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert results, "no QR code found in the screenshot"
    assert results[0].text == (
        f"{proxy}/elder/{portal}{ARTICLE_PATH}?__a11y_theme={theme}&__a11y_size=100&__a11y_spacing=0"
    )


@pytest.mark.parametrize(
    "theme", ["default", "white-black", "black-white", "black-yellow", "yellow-black", "blue-yellow"]
)
def test_toolbar_screenshots_in_every_scheme(
    browser: Browser, demo: tuple[str, str, str], theme: str
) -> None:
    """Pictures for a person to look at (tests/artifacts), and the pressed state visible in each scheme."""
    for name, size in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        ctx = browser.new_context(viewport=size, locale="zh-CN")
        try:
            proxy = demo[0]
            ctx.add_cookies([{"name": "a11y_prefs", "value": f"{theme}~100~0", "url": proxy}])
            page = open_page(ctx, article(demo))
            if name == "phone":
                page.get_by_role("button", name="无障碍工具").click()
            tool(page, "大鼠标").click()
            pressed = tool(page, "大鼠标")
            plain = tool(page, "十字线")
            assert pressed.evaluate("b => getComputedStyle(b).backgroundColor") != plain.evaluate(
                "b => getComputedStyle(b).backgroundColor"
            )
            ARTIFACTS.mkdir(exist_ok=True)
            page.locator("#a11y-proxy-bar").screenshot(path=str(ARTIFACTS / f"toolbar-{theme}-{name}.png"))
        finally:
            ctx.close()


def test_the_remaining_buttons_and_alt_x(context: BrowserContext, demo: tuple[str, str, str]) -> None:
    """从头读, 行距, 重置, 设置, 退出 and 纯文本 by click, and Alt+X, each by its effect."""
    proxy, portal, _ = demo
    page = open_page(context, article(demo))
    page.evaluate(
        "window.__played = []; document.addEventListener('play', e => __played.push(e.target.src), true)"
    )
    tool(page, "从头读").click()
    wait_until(page, "window.__played.length >= 1", 15)
    first = unquote(page.evaluate("window.__played[0]").split("text=", 1)[1])
    body_start = page.evaluate(
        "(() => { const b = document.querySelector('.elder-site, header, main'); return b.innerText.trim(); })()"
    )
    assert body_start.replace("\n", "").startswith(first.split(":", 1)[-1][:4])
    page.keyboard.press("Escape")
    assert "a11y-speaking" not in page.evaluate("document.documentElement.className")
    page.keyboard.press("Alt+KeyX")
    wait_until(page, "window.__played.length >= 2", 15)
    assert tool(page, "连读").get_attribute("aria-pressed") == "true"
    tool(page, "停止").click()
    tool(page, "行距").click()
    assert "a11y-spacing-15" in page.evaluate("document.documentElement.className")
    tool(page, "重置").click()
    assert "a11y-spacing-" not in page.evaluate("document.documentElement.className")
    exit_link = page.locator("#a11y-tools-panel a", has_text="退出")
    assert exit_link.get_attribute("href") == f"{portal}{ARTICLE_PATH}"
    with page.expect_navigation():
        page.locator("#a11y-tools-panel a", has_text="设置").click()
    assert page.url.startswith(f"{proxy}/settings?return=")
    assert page.get_by_role("heading", level=1).inner_text().startswith("阅读设置")
    page.go_back()
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    with page.expect_navigation():
        tool(page, "纯文本").click()
    assert page.url == f"{proxy}/text/{portal}{ARTICLE_PATH}"
