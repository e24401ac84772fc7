"""The proxy's own pages: the landing page and the error pages.

Chinese first, English second (``lang`` marked on each), one ``h1``, the
landmarks a screen-reader user jumps by, and no script.
"""

from __future__ import annotations

from html import escape

from ..charset import web_label
from ..config import Settings
from ..errors import MethodNotAllowed, ProxyError, RedirectLeavesAllowlist
from ..modes import LABELS_EN, LABELS_ZH, MODES
from ..urls import proxy_path

STYLESHEET = "/static/proxy.css"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{STYLESHEET}"></head>'
        '<body class="a11y-proxy-page"><a class="a11y-proxy-skip" href="#main">跳到主要内容</a>'
        f"{body}</body></html>"
    )


def landing_page(settings: Settings) -> str:
    default = settings.server.default_mode
    mode_options = "".join(
        f'<option value="{m}"{" selected" if m == default else ""}>{LABELS_ZH[m]} / {LABELS_EN[m]}</option>'
        for m in MODES
    )
    sites = []
    for site in settings.sites:
        start = site.start_url or f"http://{site.host.host}/"
        name = escape(site.name or site.host.host)
        links = " ".join(
            f'<a href="{escape(proxy_path(m, start))}">{LABELS_ZH[m]}'
            f'<span lang="en"> {LABELS_EN[m]}</span></a>'
            for m in MODES
        )
        sites.append(f'<li><span class="a11y-proxy-site">{name}</span> {links}</li>')
    site_list = (
        f'<ul class="a11y-proxy-sites">{"".join(sites)}</ul>'
        if sites
        else '<p>尚未配置网站。<span lang="en">No sites are configured yet.</span></p>'
    )
    body = (
        '<header class="a11y-proxy-header"><p class="a11y-proxy-brand">无障碍浏览服务 '
        '<span lang="en">Accessibility proxy</span></p></header>'
        '<main id="main" tabindex="-1">'
        '<h1>无障碍浏览 <span lang="en">Accessible browsing</span></h1>'
        "<p>在这里打开政府网站的页面,以无障碍、适老版或纯文本方式阅读。"
        "本服务在服务器上转换页面,不需要安装任何软件,也不会干扰您自己的读屏软件。</p>"
        '<p lang="en">Open a government portal page here to read it in an accessible, large-print '
        "or text-only view. Pages are converted on the server: nothing to install, and nothing that "
        "gets in the way of your own screen reader.</p>"
        '<form class="a11y-proxy-go" action="/go" method="get">'
        '<p><label for="go-url">网址 <span lang="en">Page address</span></label>'
        '<input id="go-url" name="url" type="url" inputmode="url" required autocomplete="url" '
        'placeholder="https://www.example.gov.cn/"></p>'
        '<p><label for="go-mode">阅读模式 <span lang="en">Reading mode</span></label>'
        f'<select id="go-mode" name="mode">{mode_options}</select></p>'
        '<p><button type="submit">打开 <span lang="en">Open</span></button></p></form>'
        '<h2>可以浏览的网站 <span lang="en">Sites served here</span></h2>'
        f"{site_list}</main>"
        '<footer class="a11y-proxy-footer"><p>页面在服务器上转换,不运行原网站的脚本,'
        '不转发您的 Cookie。<span lang="en">Pages are converted on the server; the original '
        "site's scripts do not run and your cookies are not passed on.</span></p></footer>"
    )
    return _page("无障碍浏览服务 Accessibility proxy", body)


def error_page(error: ProxyError, *, mode: str | None = None, retry: str | None = None) -> str:
    original = error.url
    parts = [
        # Named by its heading: an error page shown in a portal's frame is a
        # second main landmark on the screen, and "main" twice tells nothing.
        '<main id="main" tabindex="-1" class="a11y-proxy-error" aria-labelledby="error-title">',
        f'<h1 id="error-title">{escape(error.title_zh)}</h1>',
        f'<p lang="en" class="a11y-proxy-error-en">{escape(error.title_en)}</p>',
        f'<p class="a11y-proxy-detail">详细信息 <span lang="en">Details</span>: '
        f'<span lang="en">{escape(error.message)}</span> (HTTP {error.status})</p>',
        '<ul class="a11y-proxy-actions">',
    ]
    if retry and error.status not in (400, 403, 405):
        parts.append(f'<li><a href="{escape(retry)}">重试 <span lang="en">Try again</span></a></li>')
    if isinstance(error, RedirectLeavesAllowlist) and error.target:
        parts.append(
            f'<li><a href="{escape(error.target)}" rel="noopener noreferrer">前往跳转后的网页'
            '(外部网站,将离开无障碍浏览) <span lang="en">Go to the page it redirects to '
            "(leaves the accessible view)</span></a></li>"
        )
    if isinstance(error, MethodNotAllowed) and error.fields and original:
        parts.append(f"<li>{_send_on_portal(error, original)}</li>")
    if original and original.startswith(("http://", "https://")):
        parts.append(
            f'<li><a href="{escape(original)}" rel="noopener noreferrer">查看原网页 '
            f'<span lang="en">View original page</span></a>: <span class="a11y-proxy-url">{escape(original)}'
            "</span></li>"
        )
    parts.append(
        '<li><a href="/">返回服务首页 <span lang="en">Back to the start page</span></a></li></ul></main>'
    )
    return _page(f"{error.title_zh} {error.title_en}", "".join(parts))


def _send_on_portal(error: MethodNotAllowed, action: str) -> str:
    """The reader's form, filled in as they sent it, to send on the portal itself.

    The proxy does not forward POST to this site (``[[sites]] allow_post``), but
    what the reader typed (a search, a query) should not be lost at a refusal:
    one button sends it to the portal, saying it leaves the accessible view
    (WCAG 3.2.2). In the portal page's own encoding (GBK pages' forms carry it),
    which the browser then uses; the page is never cached (no-store)."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">' for name, value in error.fields
    )
    return (
        "<p>您填写的内容没有丢失,可以直接提交给原网站;结果将显示在原网站的页面上。"
        '<span lang="en">What you filled in is kept: you can send it to the original site, '
        "which shows the result on its own page.</span></p>"
        f'<form method="post" action="{escape(action)}" accept-charset="{escape(web_label(error.charset))}">'
        f'{hidden}<button type="submit">在原网站提交(将离开无障碍浏览) '
        '<span lang="en">Send it on the original site (leaves the accessible view)</span></button></form>'
    )


def not_found_page() -> str:
    body = (
        '<main id="main" tabindex="-1" class="a11y-proxy-error" aria-labelledby="error-title">'
        '<h1 id="error-title">没有这个页面</h1>'
        '<p lang="en">There is no such page on this service.</p>'
        "<p>代理地址的格式是 <code>/无障碍模式/原网址</code>,例如 "
        "<code>/a11y/https://www.example.gov.cn/</code>。"
        "模式可以是 a11y(无障碍)、elder(适老版)或 text(纯文本)。</p>"
        '<p lang="en">Proxy addresses look like <code>/{mode}/{original address}</code>, for example '
        "<code>/a11y/https://www.example.gov.cn/</code>; the mode is a11y, elder or text.</p>"
        '<p><a href="/">返回服务首页 <span lang="en">Back to the start page</span></a></p></main>'
    )
    return _page("没有这个页面 Not found", body)
