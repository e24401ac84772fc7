"""What a person and a screen reader get: Debian's Chromium, driven by Playwright, on the demo.

Checks the road every mode runs on: the page renders from the proxy alone
(every request the browser makes goes to the proxy), in standards mode and
UTF-8, links and forms keep the reader inside the proxy, external links say
so in their accessible name, and the GBK portal's search works from a real
form submission.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from a11y_proxy.demo.site import ARTICLE_PATH, LIST_PATH
from tests.browser.axe import run_axe
from tests.browser.conftest import start_proxy, static_portal
from tests.conftest import UpstreamServer

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def phone_page(browser: Browser, url: str) -> Iterator[Page]:
    """``url`` open on a 390 px phone (Chinese locale), closed afterwards."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(url)
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, demo: tuple[str, str, str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.requests = requests  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


def test_article_renders_from_the_proxy_alone_in_standards_mode(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, _, base = demo
    response = page.goto(base + ARTICLE_PATH)
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    assert page.evaluate("document.compatMode") == "CSS1Compat"
    assert page.evaluate("document.characterSet") == "UTF-8"
    assert "联系人:张喆" in page.inner_text("body")
    # Nothing is fetched from anywhere but the proxy: no leak to the portal
    # or third parties, no upstream script.
    assert page.requests, "the page made no requests"  # type: ignore[attr-defined]
    for url in page.requests:  # type: ignore[attr-defined]
        assert url.startswith(proxy + "/"), url
    # The only script: the reader controls.
    scripts = page.evaluate("[...document.scripts].map(s => s.src || s.text)")
    assert scripts == [proxy + "/static/reader.js"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-a11y-desktop.png"))


def test_view_original_and_mode_links_are_named_for_screen_readers(
    page: Page, demo: tuple[str, str, str]
) -> None:
    _, portal, base = demo
    page.goto(base + ARTICLE_PATH)
    original = page.get_by_role("link", name="查看原网页 View original page")
    assert original.get_attribute("href") == portal + ARTICLE_PATH
    region = page.get_by_role("region", name="无障碍浏览服务 Accessibility proxy")
    assert region.is_visible()
    current = region.locator("a[aria-current=page]")
    assert current.inner_text().startswith("无障碍")


def test_external_links_say_they_leave_the_accessible_view(page: Page, demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    page.goto(base + ARTICLE_PATH)
    link = page.get_by_role("link", name="蒙ICP备05004037号 (外部网站,将离开无障碍浏览)")
    assert link.get_attribute("href") == "https://beian.miit.gov.cn/"


def test_the_proxys_own_warnings_are_as_large_as_the_text_they_are_in(
    page: Page, demo: tuple[str, str, str]
) -> None:
    """The portal styles its footer and tables at 12px: the "leaves the accessible
    view" mark and a table's note must not come out smaller than that."""
    _, _, base = demo
    page.goto(base + ARTICLE_PATH)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.a11y-proxy-external, .a11y-table-note')].map(e => [
            parseFloat(getComputedStyle(e).fontSize),
            parseFloat(getComputedStyle(e.parentElement).fontSize), e.textContent])"""
    )
    assert len(sizes) >= 3, sizes
    for own, around, text in sizes:
        assert own >= around and own >= 12, (own, around, text)


def test_the_settings_disclosure_shows_whether_it_is_open(page: Page, demo: tuple[str, str, str]) -> None:
    _, _, base = demo
    page.goto(base + ARTICLE_PATH)
    summary = page.locator(".a11y-proxy-settings > summary")
    marker = "getComputedStyle(document.querySelector('.a11y-proxy-settings > summary'), '::before').content"
    closed = page.evaluate(marker)
    assert "▸" in closed
    summary.click()
    assert "▾" in page.evaluate(marker)
    # The English words keep their gap from the Chinese inside the flex box.
    boxes = page.evaluate(
        """() => { const s = document.querySelector('.a11y-proxy-settings > summary');
        const r = document.createRange(); r.selectNodeContents(s.childNodes[0]);
        return [r.getBoundingClientRect().right, s.querySelector('[lang=en]').getBoundingClientRect().left]; }"""
    )
    assert boxes[1] - boxes[0] >= 3, boxes
    # The accessible name stays the words alone: the triangle has empty alt text.
    snapshot = page.locator(".a11y-proxy-settings").aria_snapshot()
    assert "▸" not in snapshot and "▾" not in snapshot, snapshot


def test_a_drop_down_of_sites_only_a_script_opened_is_links_the_keyboard_opens(
    page: Page, demo: tuple[str, str, str]
) -> None:
    _, _, base = demo
    page.goto(base + ARTICLE_PATH)
    assert page.locator("select").count() == 0
    link = page.get_by_role("link", name="包头市人民政府 (外部网站,将离开无障碍浏览) (在新窗口打开)")
    assert not link.is_visible()
    summary = page.locator("details.a11y-proxy-links > summary")
    summary.focus()
    assert page.evaluate("document.activeElement.textContent") == "政府网站"
    page.keyboard.press("Enter")
    assert link.is_visible() and link.get_attribute("href") == "http://www.baotou.gov.cn/"


def test_every_tab_of_the_front_page_is_on_screen_and_named_for_a_screen_reader(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    page.goto(f"{proxy}/a11y/{portal}/")
    for tab, first in (
        ("通知公告", "关于2022年春节期间政务服务大厅工作时间的公告"),
        ("政策文件", "昆都仑区优化营商环境若干措施"),
    ):
        region = page.get_by_role("region", name=tab)
        link = region.get_by_role("link", name=first)
        assert link.is_visible(), tab  # hidden until a script's hover, before the proxy


def test_clicking_a_link_stays_in_the_proxy_in_the_same_mode(page: Page, demo: tuple[str, str, str]) -> None:
    proxy, portal, _ = demo
    page.goto(f"{proxy}/elder/{portal}/")
    page.get_by_role("link", name="昆都仑区人民政府 关于2021年度政府信息公开工作年度报告").first.click()
    page.wait_for_load_state("load")
    assert page.url == f"{proxy}/elder/{portal}{ARTICLE_PATH}"


def test_the_portals_own_elder_switch_leads_to_this_page_in_elder_mode(
    page: Page, demo: tuple[str, str, str]
) -> None:
    """The demo portal's header has 无障碍浏览 and 适老版, which only its overlay script ran."""
    proxy, portal, _ = demo
    page.goto(f"{proxy}/a11y/{portal}{ARTICLE_PATH}")
    switch = page.locator("a.a11y-proxy-switch", has_text="适老版")
    assert switch.count() == 1 and switch.is_visible()
    assert page.locator("a.a11y-proxy-switch", has_text="无障碍浏览").count() == 0  # the mode it is in
    switch.click()
    page.wait_for_load_state("load")
    assert page.url == f"{proxy}/elder/{portal}{ARTICLE_PATH}"
    assert page.locator("html.a11y-mode-elder").count() == 1


_LINKS = "as => as.map(a => [a.textContent, a.href])"


def _links_on(page: Page, url: str, selector: str) -> list[list[str]]:
    """The text and address of each link the selector finds on the page at ``url``."""
    page.goto(url)
    return page.eval_on_selector_all(selector, _LINKS)  # type: ignore[no-any-return]


def test_the_pager_a_portal_script_writes_is_there_without_it_and_leads_to_the_same_pages(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    # The portal's own page, its script running in Chromium: the links TRS's createPageHTML writes.
    written = _links_on(page, f"{portal}{LIST_PATH}", ".pager a")
    assert [text for text, _ in written] == ["2", "下一页", "尾页"]
    page.goto(f"{proxy}/elder/{portal}{LIST_PATH}")
    pager = page.get_by_role("navigation", name="分页")
    ours = pager.locator("a").evaluate_all(_LINKS)
    assert [[text, href.replace(f"{proxy}/elder/", "")] for text, href in ours if text != "1"] == written
    assert pager.get_by_role("link", name="第1页,当前页").get_attribute("aria-current") == "page"
    pager.get_by_role("link", name="下一页").click()
    page.wait_for_load_state("load")
    assert page.url == f"{proxy}/elder/{portal}{LIST_PATH.replace('index.html', 'index_1.html')}"
    assert page.get_by_role("link", name="昆都仑区人民政府 关于2016年度政府信息公开工作年度报告").count() == 1


def test_gbk_portal_search_works_from_a_real_form_submission(page: Page, demo: tuple[str, str, str]) -> None:
    proxy, portal, base = demo
    page.goto(base + "/")
    field = page.locator("form[name=searchform] input[name=keyword]")
    field.fill("年度报告")
    field.press("Enter")
    page.wait_for_load_state("load")
    assert page.url.startswith(f"{proxy}/a11y/{portal}/search.jsp?")
    assert page.inner_text("#keyword") == "年度报告"
    assert page.inner_text("#count") == "3"


def test_the_box_a_portal_script_writes_is_in_the_page_without_the_script(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    # The portal's own page in Chromium: what its /script/0/….js writes with document.writeln.
    written = _links_on(page, f"{portal}{LIST_PATH}", ".rdzt a")
    assert [text for text, _ in written] == ["2021年度政府信息公开工作年度报告", "依申请公开指南"]
    ours = _links_on(page, f"{proxy}/a11y/{portal}{LIST_PATH}", ".rdzt a")
    assert [[text, href.replace(f"{proxy}/a11y/", "")] for text, href in ours] == written
    assert page.evaluate("document.querySelectorAll('script[src*=\"/script/0/\"]').length") == 0
    page.get_by_role("link", name="2021年度政府信息公开工作年度报告", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url == f"{proxy}/a11y/{portal}{ARTICLE_PATH}"


def test_a_search_only_the_portals_script_sent_works_from_the_keyboard(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    # The portal's own page, its script running: what its 检索 asks for.
    page.goto(f"{portal}{LIST_PATH}")
    page.fill("#lmKey", "年度报告")
    page.click(".lmbtn")
    page.wait_for_load_state("load")
    asked = page.url.removeprefix(portal)
    for mode in ("a11y", "text"):
        page.goto(f"{proxy}/{mode}/{portal}{LIST_PATH}")
        field = page.get_by_role("textbox", name="在本栏目中检索")
        field.fill("年度报告")
        field.press("Enter")  # no script: HTML's implicit submission of the rebuilt form
        page.wait_for_load_state("load")
        # The same request as the portal's script made, through the proxy, in UTF-8 as it sent.
        assert page.url == f"{proxy}/{mode}/{portal}{asked}"
        assert page.inner_text("#keyword") == "年度报告"
        assert page.inner_text("#count") == "3"
    page.goto(f"{proxy}/a11y/{portal}{LIST_PATH}")
    assert page.get_by_role("button", name="检索").count() == 1


def test_the_elder_page_keeps_the_portals_search_and_it_finds_the_reports(
    page: Page, demo: tuple[str, str, str]
) -> None:
    proxy, portal, _ = demo
    page.goto(f"{proxy}/elder/{portal}{ARTICLE_PATH}")
    search = page.get_by_role("search", name="站内搜索")
    field = search.get_by_role("searchbox", name="站内搜索")
    assert field.bounding_box()["height"] >= 60  # type: ignore[index]
    field.fill("年度报告")
    search.get_by_role("button", name="搜索").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(f"{proxy}/elder/{portal}/search.jsp?")
    assert page.inner_text("#keyword") == "年度报告"  # the GBK portal got the word right
    assert page.inner_text("#count") == "3"


def test_qr_code_in_the_page_decodes_to_this_page_in_this_mode(
    page: Page, demo: tuple[str, str, str]
) -> None:
    import io

    import zxingcpp
    from PIL import Image

    proxy, portal, _ = demo
    page.context.add_cookies([{"name": "a11y_prefs", "value": "yellow-black~125~0", "url": proxy}])
    page.goto(f"{proxy}/elder/{portal}{ARTICLE_PATH}")
    code = page.locator(".a11y-proxy-qr img")
    code.scroll_into_view_if_needed()
    assert code.get_attribute("alt") == "二维码:请用手机扫码访问本页适老版"
    shot = Image.open(io.BytesIO(code.screenshot()))
    texts = [r.text for r in zxingcpp.read_barcodes(shot)]
    assert texts == [
        f"{proxy}/elder/{portal}{ARTICLE_PATH}?__a11y_theme=yellow-black&__a11y_size=125&__a11y_spacing=0"
    ]


def test_reading_settings_work_without_script_and_persist(page: Page, demo: tuple[str, str, str]) -> None:
    proxy, portal, _ = demo
    url = f"{proxy}/elder/{portal}{ARTICLE_PATH}"
    page.goto(url)
    size = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    normal = float(page.evaluate(size))
    page.get_by_text("阅读设置").click()
    page.get_by_role("link", name="150%").click()
    page.wait_for_load_state("load")
    assert float(page.evaluate(size)) == normal * 1.5
    page.get_by_text("阅读设置").click()
    page.get_by_role("link", name="黑底黄字").click()
    page.wait_for_load_state("load")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(url)  # the plain address again: the cookie keeps the choices
    assert float(page.evaluate(size)) == normal * 1.5
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.get_by_text("阅读设置").click()
    page.get_by_role("link", name="全部重置").click()
    page.wait_for_load_state("load")
    page.goto(url)
    assert float(page.evaluate(size)) == normal


def test_reader_runs_after_a_revalidated_reload_and_nothing_else_may(
    page: Page, demo: tuple[str, str, str]
) -> None:
    """Each response has its own script nonce; a 304 must not break the stored page's."""
    _, _, base = demo
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + ARTICLE_PATH)
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    first = page.evaluate("document.scripts[0].nonce")
    response = page.reload()  # revalidates: If-None-Match → 304, the stored page is kept
    page.wait_for_selector("html.a11y-reader-ready", state="attached")
    assert response is not None
    # Chromium reports the merged 200; the 304 shows as a conditional request
    # answered without a body's headers.
    assert "if-none-match" in response.request.all_headers()
    assert "content-type" not in response.all_headers()
    assert page.evaluate("document.scripts[0].nonce") == first
    # A script added with a guessed or missing nonce does not run.
    page.evaluate(
        """() => { for (const n of ["", "x"]) { const s = document.createElement("script");
        if (n) s.setAttribute("nonce", n); s.textContent = "window.ran = true";
        document.body.appendChild(s); } }"""
    )
    assert page.evaluate("window.ran === undefined")
    assert len(violations) == 2 and all("script" in v for v in violations), violations


@pytest.mark.parametrize("mode", ["elder", "text"])
def test_a_fixed_width_portal_reads_at_full_size_on_a_phone(
    browser: Browser, corpus_proxy: str, mode: str
) -> None:
    """The NFRA page declares ``width=1100``: on a phone the proxy's own one-column
    layout is laid out at the phone's width, not shrunk to a third."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    try:
        pg = context.new_page()
        pg.goto(corpus_proxy.format(mode=mode, page="nfra-xzcf-merged-cells-rendered.html"))
        layout = pg.evaluate(
            "({width: window.innerWidth, scale: visualViewport.scale,"
            " overflow: document.documentElement.scrollWidth - window.innerWidth,"
            " font: parseFloat(getComputedStyle(document.querySelector('main p, main td')).fontSize)})"
        )
        assert layout["width"] == 390 and layout["scale"] == 1, layout
        assert layout["overflow"] <= 0, layout
        assert layout["font"] >= (24 if mode == "elder" else 16), layout
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"nfra-{mode}-phone.png"))
    finally:
        context.close()


REFLOW_PAGES = [
    "ccgp-hebei-zbgg-chrome-saved.html",
    "gz-gov-article-mirror.html",
    "macau-caa-passenger-stats-saved.html",
    "nfra-xzcf-merged-cells-rendered.html",
    "pingtan-2023-zfxxgk-annual-report.html",
    "shanxi-gov-article-gne.html",
    "stats-qhdm-2018-index-gb2312.html",
    "zjfgw-hanweb-article-gne.html",
]


def test_portal_layouts_reflow_at_320_px_in_the_accessible_mode(browser: Browser, corpus_proxy: str) -> None:
    """WCAG 1.4.10: the portal's own desktop layout (fixed widths, layout tables, a
    width=1100 viewport) at 320 CSS px, as on a phone or at 400 % zoom: no sideways
    scrolling, and nothing but decoration past the edge, except inside a data table's
    own scrolling region."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True)
    overflowing = {}
    try:
        pg = context.new_page()
        for name in REFLOW_PAGES:
            pg.goto(corpus_proxy.format(mode="a11y", page=name))
            found = pg.evaluate(
                """() => { const W = innerWidth;
                  const out = [...document.querySelectorAll('body *')].filter(e => {
                    const r = e.getBoundingClientRect();
                    // Decorative pictures (alt="") may be cut at the edge: nothing is lost.
                    return r.width > 0 && r.right > W + 1 && !e.closest('.a11y-table-scroll')
                      && !e.matches('img[alt=""]');
                  }).map(e => e.tagName + '.' + e.className);
                  return [W, document.documentElement.scrollWidth, visualViewport.scale, out.slice(0, 5)]; }"""
            )
            width, scroll, scale, elements = found
            if width != 320 or scroll > 320 or scale != 1 or elements:
                overflowing[name] = found
    finally:
        context.close()
    assert not overflowing, overflowing


@pytest.mark.parametrize("mode", ["a11y", "text"])
def test_a_search_box_laid_out_in_a_table_with_a_script_button_searches(
    browser: Browser, corpus_proxy: str, mode: str
) -> None:
    """stats.gov.cn's TRS search: the form opens between table cells (the parser leaves it
    empty, its fields outside) and 检索 is a link whose click a script turned into a
    submission. Through the proxy the reader types a word, presses 检索 or Enter, and the
    portal's search is asked for it (the corpus has no search engine behind it: the URL is
    the check). 无障碍 mode keeps the portal's new window (announced); 纯文本 opens in place."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        pg = context.new_page()
        page_url = corpus_proxy.format(mode=mode, page="stats-qhdm-column-page-trs.htm")
        proxy_prefix = page_url.rsplit("/", 1)[0]
        for submit in ("click", "Enter"):
            pg.goto(page_url)
            field = pg.get_by_role("textbox", name="搜索关键词").first
            field.fill("人口普查")

            def act(submit: str = submit, field: object = field) -> None:
                if submit == "click":
                    pg.get_by_role("button", name="检索").first.click()
                else:
                    field.press("Enter")  # type: ignore[attr-defined]

            if mode == "a11y":
                with context.expect_page() as opened:
                    act()
                result = opened.value
                result.wait_for_load_state()
            else:
                with pg.expect_navigation():
                    act()
                result = pg
            assert result.url.startswith(f"{proxy_prefix}/was5/web/search?"), result.url
            assert "channelid=288041" in result.url and "andsen=" in result.url, result.url
            if result is not pg:
                result.close()
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["a11y", "text"])
def test_sections_the_portals_script_was_to_fill_are_not_left_as_empty_labels(
    page: Page, corpus_proxy: str, mode: str
) -> None:
    """gz.gov.cn fills 相关附件 and 相关新闻 from its search API and hides them when
    nothing comes; its QR code is drawn on a canvas. Through the proxy neither
    label names nothing, no blank canvas is left, and the only QR caption is the
    proxy's own, under its own code."""
    page.goto(corpus_proxy.format(mode=mode, page="gz-gov-article-mirror.html"))
    text = page.inner_text("body")
    assert "广州美妆产业依靠自主创新持续发力" in text
    assert "相关附件" not in text and "相关新闻" not in text
    assert "扫一扫在手机打开当前页" not in text
    assert page.locator("canvas").count() == 0
    assert page.get_by_role("img", name="二维码:请用手机扫码访问本页", exact=False).count() == 1


def test_a_picture_beside_its_own_words_is_not_read_and_an_emptied_tool_is_no_blank_item(
    page: Page, corpus_proxy: str
) -> None:
    """gz.gov.cn's 微博 drop-down: each account a link of a picture titled and named
    with the link's words, and the words. What Chromium tells a screen reader names
    the link once, and no picture repeats the QR codes' captions; the 语音播报 item its
    script filled is no "blank" list item."""
    page.goto(corpus_proxy.format(mode="a11y", page="gz-gov-article-mirror.html"))
    snapshot = page.locator("body").aria_snapshot()
    assert 'link "中国广州发布 (外部网站' in snapshot and "中国广州发布中国广州发布" not in snapshot
    assert 'img "关注 · 手机版"' not in snapshot and 'img "中国广州发布"' not in snapshot
    assert page.locator("#yybb").get_attribute("aria-hidden") == "true"


@pytest.mark.parametrize("mode", ["a11y", "text"])
def test_a_title_above_the_content_column_is_one_level_one_heading(
    page: Page, corpus_proxy: str, mode: str
) -> None:
    """people.com.cn's title block stands outside the content column: a screen
    reader moving by headings meets the title once, as the level-1 heading."""
    page.goto(corpus_proxy.format(mode=mode, page="people-declared-gb2312-utf8-bytes-gne.html"))
    title = "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
    assert page.get_by_role("heading", name=title, exact=True).count() == 1
    assert page.get_by_role("heading", level=1).all_inner_texts() == [title]
    # The skip link leads there: the title stands above the content column, outside main.
    page.get_by_role("link", name="跳到主要内容").focus()
    page.keyboard.press("Enter")
    assert (
        page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.textContent")
        == f"H1 {title}"
    )


def test_a_list_items_bullet_stands_beside_the_first_line_of_a_title_that_wraps(
    browser: Browser, demo: tuple[str, str, str]
) -> None:
    """Links are inline-blocks (their target size), whose baseline would be their last
    line: on a phone the front page's 年报 titles wrap, and the bullet sat by the last."""
    proxy, portal, _ = demo
    with phone_page(browser, f"{proxy}/elder/{portal}/") as pg:
        # A zero-size inline-block before each wrapped link marks the baseline of
        # the line the bullet stands on (its baseline is its bottom edge).
        rows = pg.evaluate(
            """() => [...document.querySelectorAll('main li > a:first-child')].map(a => {
                const r = a.getBoundingClientRect();
                const lh = parseFloat(getComputedStyle(a).lineHeight) || parseFloat(getComputedStyle(a).fontSize) * 1.5;
                if (r.height < 2 * lh) return null;
                const probe = document.createElement('span');
                probe.style.cssText = 'display:inline-block;width:0;height:0';
                a.before(probe); const p = probe.getBoundingClientRect(); probe.remove();
                return [p.top - r.top, r.height, lh, a.textContent];
            }).filter(Boolean)"""
        )
        assert rows, "no title wraps on a phone"
        for offset, height, line, text in rows:
            assert offset < line, (offset, height, line, text)


def test_the_reports_section_headings_are_heading_sized_in_elder_mode(
    page: Page, demo: tuple[str, str, str]
) -> None:
    """The report's headings are Word's <b><span> inside the recovered h2/h3: their
    words must be the heading's size, or a section heading looks like a bold line."""
    proxy, portal, _ = demo
    page.goto(f"{proxy}/elder/{portal}{ARTICLE_PATH}")
    sizes = page.evaluate(
        """() => ['h2', 'h3'].map(tag => {
            const h = document.querySelector('main ' + tag);
            const words = [...h.querySelectorAll('*')].filter(e => e.textContent.trim()).pop() || h;
            return [h.textContent.trim(), parseFloat(getComputedStyle(h).fontSize),
                    parseFloat(getComputedStyle(words).fontSize)];
        })"""
    )
    body = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    (h2_text, h2_size, h2_words), (h3_text, h3_size, h3_words) = sizes
    assert h2_text == "一、总体情况" and h3_text == "(一)主动公开情况"
    assert h2_words == h2_size > h3_words == h3_size > body, (sizes, body)


@pytest.mark.parametrize("mode", ["elder", "text"])
def test_chinese_text_is_upright_and_a_one_item_date_line_has_no_bullet(
    page: Page, corpus_proxy: str, mode: str
) -> None:
    """shanxi.gov.cn's date line is a one-item list with <i> labels (时间：, 来源：):
    without the portal's styles it was slanted and stood behind a bullet."""
    page.goto(corpus_proxy.format(mode=mode, page="shanxi-gov-article-gne.html"))
    label = page.locator("main i", has_text="时间")
    assert label.evaluate("i => getComputedStyle(i).fontStyle") == "normal"
    if mode == "elder":
        line = page.locator("main ul.detail-article-infos")
        assert line.evaluate("ul => getComputedStyle(ul).listStyleType") == "none"
        # A list of several items keeps its bullets.
        kept = page.evaluate(
            """() => { const ul = document.createElement('ul'); ul.innerHTML = '<li>一</li><li>二</li>';
                       document.querySelector('main').append(ul); return getComputedStyle(ul).listStyleType; }"""
        )
        assert kept == "disc"


@pytest.mark.parametrize("mode", ["elder", "text"])
def test_the_front_pages_tab_panels_stand_under_headings_of_their_tabs(
    page: Page, demo: tuple[str, str, str], mode: str
) -> None:
    """Without the portal's look the tab strip is words that do nothing: each list
    is shown under its tab's name instead."""
    proxy, portal, _ = demo
    page.goto(f"{proxy}/{mode}/{portal}/")
    for name in ("要闻动态", "通知公告", "政策文件"):
        heading = page.get_by_role("heading", name=name, exact=True)
        assert heading.count() == 1 and heading.is_visible()
        region = page.get_by_role("region", name=name, exact=True)
        assert region.get_by_role("link").count() >= 2
    # The strip's words are not left as a list of their own.
    assert (
        page.get_by_role("listitem")
        .filter(has_text="通知公告")
        .filter(has_not=page.get_by_role("link"))
        .count()
        == 0
    )


@pytest.mark.parametrize("mode", ["a11y", "elder", "text"])
def test_every_figure_of_a_wide_table_can_be_scrolled_clear_of_the_headers_kept_in_view(
    browser: Browser, demo: tuple[str, str, str], mode: str
) -> None:
    """Sideways on a phone the first column of row headers stays in view. A row header
    spanning three columns (table 3's "一、本年新收政府信息公开申请数量") was as wide
    as the phone and covered its own figure wherever the table was scrolled: beside
    the headers kept in a row's view there must be room for each of its cells' text."""
    proxy, portal, _ = demo
    with phone_page(browser, f"{proxy}/{mode}/{portal}{ARTICLE_PATH}") as pg:
        found = pg.evaluate(
            """() => {
            const out = {scrolling: 0, cells: 0, hidden: []};
            for (const r of document.querySelectorAll('.a11y-table-scroll')) {
                if (r.scrollWidth <= r.clientWidth) continue;
                out.scrolling++;
                r.scrollLeft = 0;
                const box = r.getBoundingClientRect();
                const kept = [...r.querySelectorAll('th.a11y-sticky')].map(th => th.getBoundingClientRect());
                for (const td of r.querySelectorAll('td')) {
                    // The words' own boxes: a range over the cell would span its <p>'s box.
                    const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
                    let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
                    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                        if (!n.data.trim()) continue;
                        const range = document.createRange();
                        range.selectNodeContents(n);
                        for (const b of range.getClientRects()) {
                            left = Math.min(left, b.left); right = Math.max(right, b.right);
                            top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
                        }
                    }
                    const text = {width: right - left, top, height: bottom - top};
                    if (!(text.width > 0)) continue;
                    out.cells++;
                    const mid = text.top + text.height / 2;
                    const cover = Math.max(0, ...kept.filter(k => k.top <= mid && mid <= k.bottom).map(k => k.right - box.left));
                    if (r.clientWidth - cover < text.width) out.hidden.push([td.textContent.trim(), cover, r.clientWidth]);
                }
            }
            return out;
        }"""
        )
        assert found["scrolling"] >= 1 and found["cells"] > 50, found
        assert found["hidden"] == [], found["hidden"][:5]


@pytest.mark.parametrize("mode", ["elder", "a11y"])
def test_a_wide_tables_caption_and_corner_header_stay_readable_when_it_scrolls_on_a_phone(
    browser: Browser, demo: tuple[str, str, str], mode: str
) -> None:
    """The report's first table is wider than a phone: its caption wraps inside the
    scrolling region and stays while the cells scroll; 信息内容 stays over the row
    headers that stay."""
    proxy, portal, _ = demo
    with phone_page(browser, f"{proxy}/{mode}/{portal}{ARTICLE_PATH}") as pg:
        found = pg.evaluate(
            """() => {
            const r = [...document.querySelectorAll('.a11y-table-scroll')].find(e => e.scrollWidth > e.clientWidth);
            if (!r) return null;
            const box = () => r.getBoundingClientRect();
            const cap = r.querySelector('caption'), corner = r.querySelector('thead th.a11y-sticky');
            const before = [cap.getBoundingClientRect().left - box().left, cap.getBoundingClientRect().right - box().right];
            r.scrollLeft = r.scrollWidth;
            const after = cap.getBoundingClientRect().left - box().left;
            const c = corner && corner.getBoundingClientRect().left - box().left;
            return {before, after, corner: c, name: corner && corner.textContent.trim(), scrolled: r.scrollLeft};
        }"""
        )
        assert found is not None, "no table scrolls sideways on a phone"
        assert found["scrolled"] > 0
        assert found["before"][1] <= 1, found  # the caption ends inside the region
        assert -1 <= found["after"] <= 3, found  # and stays at its start when scrolled
        assert found["name"] == "信息内容" and -1 <= found["corner"] <= 3, found


def test_the_demo_portals_pages_reflow_at_320_px_in_every_mode(
    browser: Browser, demo: tuple[str, str, str]
) -> None:
    """WCAG 1.4.10 on the demo's front, column and article pages in each mode: the
    layout viewport stays the phone's (a form field as wide as its cols="60" made the
    纯文本 front page 470 px wide), and nothing sticks out but inside a table's region."""
    proxy, portal, _ = demo
    context = browser.new_context(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True)
    overflowing = {}
    try:
        pg = context.new_page()
        for mode in ("a11y", "elder", "text"):
            for path in ("/", LIST_PATH, ARTICLE_PATH):
                pg.goto(f"{proxy}/{mode}/{portal}{path}")
                found = pg.evaluate(
                    """() => { const W = innerWidth;
                      const out = [...document.querySelectorAll('body *')].filter(e => {
                        const r = e.getBoundingClientRect();
                        return r.width > 0 && r.right > W + 1 && !e.closest('.a11y-table-scroll')
                          && !e.matches('img[alt=""]');
                      }).map(e => e.tagName + '.' + e.className);
                      return [W, document.documentElement.scrollWidth, out.slice(0, 5)]; }"""
                )
                width, scroll, elements = found
                if width != 320 or scroll > 320 or elements:
                    overflowing[f"{mode} {path}"] = found
    finally:
        context.close()
    assert not overflowing, overflowing


_LIST = (
    "<html><head><title>信息公开目录</title></head><body><h2>信息公开目录</h2><ul>"
    + "".join(f"<li><a href='a{n}.html'>关于第{n}批项目的公示公告</a></li>" for n in range(1, 5))
    + "</ul></body></html>"
)
#: An old portal's ways of showing a page that need its script or its frames.
OLD_PORTAL = {
    # A frameset: a header, a menu and a content frame.
    "frames.html": (
        "<html><head><title>某某县政府信息公开</title></head>"
        '<frameset rows="100,*"><frame src="top.html" name="topFrame">'
        '<frameset cols="180,*"><frame src="menu.html" name="leftFrame">'
        '<frame src="list.html" name="mainFrame"></frameset></frameset></html>'
    ),
    "top.html": "<html><head><title>页头</title></head><body><p>某某县人民政府</p></body></html>",
    "menu.html": "<html><head><title>目录</title></head><body><a href='list.html'>信息公开目录</a></body></html>",
    "list.html": _LIST,
    # The list embedded in an iframe, in an article about it.
    "embed.html": (
        "<html><head><title>信息公开</title></head><body><div class=article><h1>信息公开</h1><p>"
        + "本机关按照政府信息公开条例的规定，公开以下项目的公示公告。" * 8
        + '</p><iframe src="list.html" title="信息公开目录" width="600" height="400"></iframe></div></body></html>'
    ),
    # The portal's root: one script that sends the reader to the home page.
    "index.html": (
        "<html><head><title>某某县人民政府</title><script type='text/javascript'>\n"
        '<!--\nwindow.location.href = "col/col1/index.html";\n//-->\n</script></head><body></body></html>'
    ),
    "col/col1/index.html": _LIST,
    # An old CMS's shell page: the article in one big frame, cut off at its height.
    "shell.html": (
        "<html><head><title>信息公开目录 - 某某县人民政府</title></head><body>"
        '<div class="crumb">当前位置:<a href="index.html">首页</a></div><div class="content">'
        '<iframe src="list.html" width="100%" height="300" scrolling="no"></iframe></div>'
        '<div class="footer"><p>主办单位:某某县人民政府办公室 网站标识码:1234567890</p></div></body></html>'
    ),
}


@pytest.fixture(scope="module")
def old_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The old portal on a plain static server, and a proxy in front of it; yields (proxy, portal)."""
    folder = tmp_path_factory.mktemp("old-portal")
    for name, html in OLD_PORTAL.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, "utf-8")
    with static_portal(folder) as portal:
        yield portal


def test_a_frameset_page_is_one_page_of_links_to_its_frames_that_stay_in_the_mode(
    page: Page, old_portal: tuple[str, str]
) -> None:
    """An old portal's frameset: no body, so no skip link or mode bar, and every frame
    a proxied page with a bar of its own. Read as one page of links, each frame opens
    whole, in the same mode."""
    base, portal = old_portal
    page.goto(f"{base}/elder/{portal}/frames.html")
    assert page.evaluate("window.frames.length") == 0
    snapshot = page.locator("main").aria_snapshot()
    assert '- heading "某某县政府信息公开" [level=1]' in snapshot
    assert '- link "主要内容部分"' in snapshot and '- link "导航部分"' in snapshot
    page.get_by_role("link", name="主要内容部分", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url == f"{base}/elder/{portal}/list.html"
    assert page.get_by_role("link", name="关于第4批项目的公示公告").count() == 1


@pytest.mark.parametrize("mode", ["a11y", "elder"])
def test_a_page_in_an_iframe_of_a_proxied_page_has_no_second_bar_or_code(
    page: Page, old_portal: tuple[str, str], mode: str
) -> None:
    """A portal that embeds its 信息公开目录 in an iframe: the frame's page comes
    through the proxy too, but the bar, the skip link and the phone code are the
    outer page's; in the frame they would act on the frame alone."""
    base, portal = old_portal
    page.goto(f"{base}/{mode}/{portal}/embed.html")
    page.frame_locator("iframe").get_by_role("link", name="关于第4批项目的公示公告").wait_for()
    assert page.frames[1].url == f"{base}/{mode}/{portal}/list.html"
    ours = "[...document.querySelectorAll('#a11y-proxy-bar, .a11y-proxy-skip, .a11y-proxy-qr')].length"
    assert page.frames[1].evaluate(ours) == 0
    assert page.evaluate(ours) == 3


def test_a_shell_pages_content_frame_opens_whole_in_elder_mode(
    page: Page, old_portal: tuple[str, str]
) -> None:
    """In 适老版 the frame the article was cut off in is a big button that opens it as a page."""
    base, portal = old_portal
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/elder/{portal}/shell.html")
    assert page.locator("main iframe").count() == 0
    button = page.locator("main").get_by_role("link", name="打开正文")
    assert button.bounding_box()["height"] >= 60  # type: ignore[index]
    assert not run_axe(page)
    button.click()
    page.wait_for_url(f"{base}/elder/{portal}/list.html")
    assert page.get_by_role("link", name="关于第4批项目的公示公告").count() == 1


@pytest.mark.parametrize("mode", ["a11y", "text"])
def test_a_portal_root_only_its_script_sent_on_leads_to_its_home_page(
    page: Page, old_portal: tuple[str, str], mode: str
) -> None:
    """The portal's address is a page of one ``location.href = …``: without the
    script it was an empty page under the bar. The reader arrives at the home page,
    in the same mode, as on the portal."""
    base, portal = old_portal
    page.goto(f"{base}/{mode}/{portal}/index.html")
    page.wait_for_url(f"{base}/{mode}/{portal}/col/col1/index.html")
    assert page.get_by_role("link", name="关于第4批项目的公示公告").count() == 1


def test_a_post_search_the_proxy_does_not_forward_can_still_be_sent_on_the_portal(
    browser: Browser, upstream: UpstreamServer
) -> None:
    """shanxi's site search is POST, and its site is not one whose forms the proxy
    forwards: the refusal keeps the reader's words and sends them, in the portal's
    GBK, to the portal itself at one press."""
    page = (
        "<html><head><meta charset='gbk'><title>山西省人民政府</title></head><body>"
        '<form method="post" action="/search/sxgovsearch.jsp"><input name="sword" placeholder="请输入关键词">'
        '<input type="submit" value="搜索"></form><p>正文内容。</p></body></html>'
    )
    upstream.add("/post-search.html", page.encode("gbk"), content_type="text/html; charset=gbk")
    upstream.add("/search/sxgovsearch.jsp", "<html><body><p>搜索结果</p></body></html>")
    with start_proxy(f"127.0.0.1:{upstream.port}") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        try:
            pg = context.new_page()
            pg.goto(f"{base}/a11y/{upstream.origin}/post-search.html")
            pg.get_by_role("textbox", name="请输入关键词").fill("年度报告")
            with pg.expect_navigation():
                pg.get_by_role("button", name="搜索").click()
            assert pg.get_by_role("heading", level=1).inner_text() == "该网站的表单提交未开放"
            before = len(upstream.bodies)
            with pg.expect_navigation():
                pg.get_by_role(
                    "button", name="在原网站提交(将离开无障碍浏览) Send it on the original site"
                ).click()
            assert pg.url == f"{upstream.origin}/search/sxgovsearch.jsp"
            assert upstream.bodies[before:] == [b"sword=%C4%EA%B6%C8%B1%A8%B8%E6"]  # 年度报告 in GBK
        finally:
            context.close()


@pytest.mark.parametrize("mode", ["a11y", "elder"])
def test_a_form_groups_shown_label_names_its_field_and_a_tap_on_it_reaches_the_field(
    page: Page, corpus_proxy: str, mode: str
) -> None:
    """xiangtan's 留言 form: Bootstrap groups of a label with no for and the field in
    a column box, and a 验证码 label whose for names no element. What Chromium tells
    a screen reader names each field with the words shown beside it, and a click on
    the words puts the cursor in the field."""
    page.goto(corpus_proxy.format(mode=mode, page="xiangtan-gov-utf16le-bom-declares-gb2312.html"))
    phone = page.get_by_role("textbox", name="联系手机：", exact=True)
    assert phone.count() == 1
    assert page.get_by_role("textbox", name="留言内容：", exact=True).count() == 1
    assert page.get_by_role("textbox", name="验证码：", exact=True).count() == 2
    page.get_by_text("联系手机：", exact=True).click()
    assert phone.evaluate("el => el === document.activeElement")


def test_a_check_box_is_as_big_a_target_as_the_fields_in_elder_mode(page: Page, corpus_proxy: str) -> None:
    """xiangtan's 匿名评论 check box was 13 px square beside 60 px fields (WCAG 2.5.5)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(corpus_proxy.format(mode="elder", page="xiangtan-gov-utf16le-bom-declares-gb2312.html"))
    boxes = page.locator('input[type="checkbox"]')
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box


@pytest.mark.parametrize("mode", ["a11y", "elder"])
def test_the_breadcrumb_is_said_without_its_separators_and_still_shows_them(
    page: Page, demo: tuple[str, str, str], mode: str
) -> None:
    """当前位置:首页 > 政务公开 > 政府信息公开年报: what Chromium gives a screen reader
    is the steps, not "大于" between them (WAI-ARIA APG breadcrumb pattern)."""
    _, _, base = demo
    page.goto(base.replace("/a11y/", f"/{mode}/") + ARTICLE_PATH)
    trail = page.get_by_role("navigation", name="当前位置")
    assert trail.count() == 1
    said = trail.aria_snapshot()
    assert 'link "首页"' in said and 'link "政务公开"' in said
    assert ">" not in said and "›" not in said, said
    shown = trail.inner_text()
    assert ">" in shown or "›" in shown


def test_the_bars_between_a_footers_links_are_not_said(page: Page, corpus_proxy: str) -> None:
    """zjfgw's footer: 安全隐私 丨 版权保护 丨 联系我们 丨 网站地图, read with 竖线 between
    every two links by a screen reader that speaks symbols."""
    page.goto(corpus_proxy.format(mode="a11y", page="zjfgw-hanweb-article-gne.html"))
    footer = page.get_by_role("contentinfo")
    said = footer.aria_snapshot()
    assert 'link "版权保护"' in said and 'link "联系我们"' in said
    assert "丨" not in said, said
    assert "丨" in footer.inner_text()


@pytest.mark.parametrize("mode", ["a11y", "text", "elder"])
def test_the_portals_search_is_a_search_landmark_in_every_mode(
    page: Page, demo: tuple[str, str, str], mode: str
) -> None:
    """A screen reader's list of landmarks leads to the search (technique ARIA11):
    the portal's own form in 无障碍 and 纯文本, the rebuilt one in 适老版."""
    _, _, base = demo
    page.goto(base.replace("/a11y/", f"/{mode}/") + ARTICLE_PATH)
    search = page.get_by_role("search", name="站内搜索")
    assert search.count() == 1
    assert search.get_by_role("textbox").count() + search.get_by_role("searchbox").count() == 1
