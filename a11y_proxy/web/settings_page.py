"""``/settings``: every reader setting on one page at a stable address, with no script.

``GET /settings?return=/elder/https://…`` shows a form; ``POST /settings``
stores the choices in the two cookies (``a11y_prefs``, which the server
applies and which is part of the page cache key, and ``a11y_ui``, the page
script's own: speech, pointer aids) and sends the reader back to the page,
in the mode chosen. ``return`` must be a page of this proxy; 原版 (the
original page) is offered only for a portal on the allowlist, so the form
cannot be used as an open redirect.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..config import Settings
from ..errors import BadTargetURL
from ..hosts import Allowlist
from ..modes import LABELS_ZH, MODES
from ..prefs import COOKIE, SIZE_NAMES, SIZES, SPACING_NAMES, SPACINGS, Prefs, Theme, from_cookie
from ..reader import ACTIONS, SPEEDS, shown
from ..urls import parse_target, proxy_path, split_proxy_path
from .pages import STYLESHEET

UI_COOKIE = "a11y_ui"
#: The order of the fields in the a11y_ui cookie (static/reader.js reads the same).
UI_FIELDS = ("sound", "point", "cursor", "crosshair", "caption", "pinyin", "speed")
_TOGGLES = (
    ("sound", "声音(朗读功能)"),
    ("point", "指读:朗读鼠标停留或聚焦处"),
    ("cursor", "大鼠标"),
    ("crosshair", "十字线"),
    ("caption", "大字幕"),
    ("pinyin", "大字幕加注拼音"),
)
YEAR = 365 * 86400


def _ui_from_cookie(value: str | None) -> dict[str, str]:
    ui = {name: "-" for name in UI_FIELDS}
    ui["speed"] = "normal"
    for name, part in zip(UI_FIELDS, (value or "").split("~"), strict=False):
        if (name == "speed" and part in dict(SPEEDS)) or (name != "speed" and part in ("0", "1")):
            ui[name] = part
    return ui


def _return_target(value: str) -> tuple[str, str, str] | None:
    """(path, mode, upstream URL) when ``value`` is a page of this proxy, else None."""
    if not value.startswith("/") or value.startswith("//") or any(c in value for c in "\r\n\\"):
        return None
    path, _, query = value.partition("?")
    split = split_proxy_path(path, query)
    if split is None:
        return None
    return value, split[0], split[1]


def _radio(name: str, value: str, label: str, checked: bool) -> str:
    ident = f"{name}-{value}"
    return (
        f'<span class="a11y-choice"><input type="radio" id="{ident}" name="{name}" value="{escape(value)}"'
        f'{" checked" if checked else ""}><label for="{ident}">{escape(label)}</label></span>'
    )


class SettingsPage:
    def __init__(self, settings: Settings, themes: dict[str, Theme]) -> None:
        self.settings = settings
        self.themes = themes
        self.allowlist = Allowlist(settings.upstream.allowed_hosts)

    def _original_allowed(self, url: str) -> bool:
        try:
            target = parse_target(url)
        except BadTargetURL:
            return False
        return self.allowlist.allows(target.host, target.port)

    async def handle(self, request: Request) -> Response:
        if request.method == "POST":
            return await self._save(request)
        return self._form(request)

    def _form(self, request: Request) -> Response:
        back = _return_target(request.query_params.get("return", ""))
        prefs = from_cookie(request.cookies.get(COOKIE), self.themes)
        ui = _ui_from_cookie(request.cookies.get(UI_COOKIE))
        mode = back[1] if back else self.settings.server.default_mode
        modes = "".join(_radio("mode", m, LABELS_ZH[m], m == mode) for m in MODES)
        if back and self._original_allowed(back[2]):
            modes += _radio("mode", "original", "原版(原网站)", False)
        themes = "".join(
            _radio("theme", t.id, t.name_zh, t.id == prefs.theme)
            for t in sorted(self.themes.values(), key=lambda t: t.id != "default")
        )
        sizes = "".join(_radio("size", str(s), SIZE_NAMES[s], s == prefs.size) for s in SIZES)
        spacings = "".join(_radio("spacing", str(s), SPACING_NAMES[s], s == prefs.spacing) for s in SPACINGS)
        speeds = "".join(_radio("speed", s, name, s == ui["speed"]) for s, name in SPEEDS)

        def on(name: str) -> bool:
            if ui[name] == "-":
                return name == "sound" and mode == "elder"
            return ui[name] == "1"

        toggles = "".join(
            f'<span class="a11y-choice"><input type="checkbox" id="ui-{n}" name="{n}" value="1"'
            f'{" checked" if on(n) else ""}><label for="ui-{n}">{escape(label)}</label></span>'
            for n, label in _TOGGLES
            if self.settings.speech.enabled or n not in ("sound", "point")
        )
        keys = dict(self.settings.shortcuts.pairs())
        help_items = "".join(
            f"<dt>{escape(a.zh)}<span lang='en'> {escape(a.en)}</span>({escape(shown(keys.get(a.id, '')))})</dt>"
            f"<dd>{escape(a.help_zh)}</dd>"
            for a in ACTIONS
        )
        return_field = f'<input type="hidden" name="return" value="{escape(back[0])}">' if back else ""
        qr = ""
        back_link = '<a href="/">返回服务首页</a>'
        if back:
            qr = (
                '<section aria-labelledby="qr-h"><h2 id="qr-h">用手机继续阅读</h2>'
                f'<img src="/qr?url={quote(back[0], safe="")}" width="160" height="160" '
                'alt="二维码:请用手机扫码访问本页"></section>'
            )
            back_link = f'<a href="{escape(back[0])}">返回刚才的页面(不保存)</a>'
            if self._original_allowed(back[2]):
                back_link += f' <a href="{escape(back[2])}" rel="noopener noreferrer">退出:查看原网页</a>'
        speech_fieldset = (
            f'<fieldset><legend>语速</legend><div class="a11y-choices">{speeds}</div></fieldset>'
            if self.settings.speech.enabled
            else ""
        )
        body = f"""
<header class="a11y-proxy-header"><p class="a11y-proxy-brand">无障碍浏览服务 <span lang="en">Accessibility proxy</span></p></header>
<main id="main" tabindex="-1">
<h1>阅读设置 <span lang="en">Reading settings</span></h1>
<p>这些设置保存在您的浏览器中(Cookie),对本服务打开的所有网站和页面都有效。</p>
<form method="post" action="/settings" class="a11y-settings-form">
{return_field}
<fieldset><legend>阅读模式</legend><div class="a11y-choices">{modes}</div></fieldset>
<fieldset><legend>配色</legend><div class="a11y-choices">{themes}</div></fieldset>
<fieldset><legend>文字大小</legend><div class="a11y-choices">{sizes}</div></fieldset>
<fieldset><legend>行距</legend><div class="a11y-choices">{spacings}</div></fieldset>
<fieldset><legend>朗读与辅助</legend><div class="a11y-choices">{toggles}</div></fieldset>
{speech_fieldset}
<p class="a11y-settings-buttons"><button type="submit" name="action" value="save">保存设置</button>
<button type="submit" name="action" value="reset">全部重置</button></p>
</form>
<p>{back_link}</p>
{qr}
<section aria-labelledby="help-h"><h2 id="help-h">帮助:按钮与快捷键</h2><dl class="a11y-help-list">{help_items}
<dt>Esc</dt><dd>停止朗读,关闭打开的面板。</dd></dl></section>
</main>"""
        html = (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>阅读设置 - 无障碍浏览服务</title>"
            f'<link rel="stylesheet" href="{STYLESHEET}"></head>'
            '<body class="a11y-proxy-page"><a class="a11y-proxy-skip" href="#main">跳到主要内容</a>'
            f"{body}</body></html>"
        )
        return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})

    async def _save(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > 4096:
            return HTMLResponse("设置表单过大 Form too large", status_code=413)
        # A plain urlencoded form (no multipart parser needed for a handful of fields).
        form = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=40)

        def field(name: str) -> str:
            values = form.get(name)
            return values[0] if values else ""

        back = _return_target(field("return"))
        if field("action") == "reset":
            prefs, ui_value = Prefs(), ""
        else:
            # The cookie parser is the one authority on valid values.
            prefs = from_cookie(f"{field('theme')}~{field('size')}~{field('spacing')}", self.themes)
            speed = field("speed") if field("speed") in dict(SPEEDS) else "normal"
            ui_value = "~".join(
                speed if n == "speed" else ("1" if field(n) == "1" else "0") for n in UI_FIELDS
            )
        destination = "/"
        if back:
            destination = back[0]
            mode = field("mode")
            if mode in MODES and mode != back[1]:
                destination = proxy_path(mode, back[2])
            elif mode == "original" and self._original_allowed(back[2]):
                destination = back[2]
        response = RedirectResponse(destination, status_code=303, headers={"Cache-Control": "no-store"})
        secure = request.url.scheme == "https"
        if prefs.is_default:
            response.delete_cookie(COOKIE, path="/")
        else:
            response.set_cookie(COOKIE, prefs.key(), max_age=YEAR, path="/", samesite="lax", secure=secure)
        if ui_value:
            response.set_cookie(UI_COOKIE, ui_value, max_age=YEAR, path="/", samesite="lax", secure=secure)
        else:
            response.delete_cookie(UI_COOKIE, path="/")
        return response
