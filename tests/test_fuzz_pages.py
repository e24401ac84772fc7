"""Property-based and mutation fuzzing of the whole page pipeline, in every mode.

Two sources of input, both through ``render_html`` exactly as the proxy
runs it:

- generated pages: random trees of real and invented elements (script,
  style, svg, math, tables with random spans, forms, frames; TRS pager calls,
  Hanweb datastores with hostile records, search forms cut off by a table), random
  attributes (handlers, ``javascript:`` in its spellings, ``data:``,
  ``srcdoc``, CSS expressions), random text in Chinese and Latin;
- mutated real pages from the corpus: bytes deleted, inserted, duplicated,
  truncated, charset declarations swapped.

For every input and mode: no exception but the proxy's own clean errors,
well-formed UTF-8 output with its doctype and charset, and no script or
handler of the page's own left.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.errors import ProxyError
from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.pipeline import render_html
from tests.conftest import CORPUS

ALLOW = Allowlist((parse_host_pattern("www.x.gov.cn"),))
MODES = ("a11y", "elder", "text")
SCRIPT_URL = re.compile(r"^(?:java|vb|live)script:", re.I)
#: Attributes whose URL a browser follows or loads as a document: a script URL
#: there would run. (The same text in, say, a div's title is only text.)
NAVIGABLE = {"href", "xlink:href", "action", "formaction"}
LOADED = {"iframe": "src", "frame": "src", "embed": "src", "object": "data", "script": "src"}
SCRIPT_CSS = re.compile(r"expression\s*\(|javascript\s*:|behaviou?r\s*:|-moz-binding", re.IGNORECASE)
URL_NOISE = re.compile(r"[\x00-\x20]")

TAGS = (
    "div p span a img table tr td th tbody thead caption ul ol li h1 h2 h3 form input button select option "
    "textarea label iframe frame object embed script style svg math marquee blink font center b strong br "
    "section article nav header footer main aside details summary video audio source noscript template meta "
    "link base title area map pre code blockquote xss xmp noembed noframes plaintext mglyph mtext"
).split()
ATTRS = (
    "href src action formaction data srcdoc style onclick onerror onload onmouseover class id title alt "
    "rowspan colspan scope headers role aria-label tabindex value name type http-equiv content xlink:href lang"
).split()
VALUES = st.one_of(
    st.sampled_from(
        [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/png;base64,iVBORw0KGgo=",
            "/zwgk/a.html",
            "http://www.x.gov.cn/b.html",
            "http://evil.example/c.js",
            "expression(alert(1))",
            "background:url(javascript:alert(1))",
            "0;url=javascript:alert(1)",
            "refresh",
            "<script>alert(1)</script>",
            "2",
            "999999",
            "-1",
            "",
        ]
    ),
    st.text(max_size=20),
)
TEXT = st.text(
    alphabet=st.sampled_from("政府信息公开年度报告一二三 abcXYZ0123456789<>&\"'\n\t。,%"), max_size=30
)


#: Style sheets with hover menus and script in CSS (IE's expression(), HTC
#: behaviours, javascript: URLs): random text never makes a rule, and the
#: copies hover_focus adds must be as clean as the rules they copy.
CSS = st.sampled_from(
    [
        ".nav li:hover ul{display:block;background:url(javascript:alert(1))}",
        "a:HOVER{width:expression(alert(1))}@media screen{.m li:hover>ul{behavior:url(x.htc)}}",
        '.x:hover::after{content:"}"}/* a:hover{} */.y:hover{-moz-binding:url(x.xml#x)}',
        # Markup as references: inside <svg> and <math> a raw-text element's
        # content is parsed as markup, and would come out raw (mutation XSS).
        "&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;",
    ]
)

#: Comments sit between elements everywhere on portal pages (template markers,
#: old IE conditionals); a pass that asks a sibling for attributes must not fail.
COMMENT = st.sampled_from(["<!-- 表格开始 -->", "<!--[if IE]><script>alert(1)</script><![endif]-->"])


@st.composite
def data_table(draw: st.DrawFn) -> str:
    """A statistics grid (labels over numbers, sometimes <th>, sometimes merged cells):
    random trees almost never make one, and the table passes only work on those."""
    width = draw(st.integers(2, 4))
    label = st.sampled_from(["申请人情况", "自然人", "商业企业", "总计", "Notebooks", "2013", ""])
    number = st.sampled_from(["0", "12", "1,330", "5949.08", "-", ""])

    def cell(value: str, header: bool) -> str:
        tag = "th" if header and draw(st.booleans()) else "td"
        span = draw(st.sampled_from(["", "", " colspan=2", " rowspan=2", " rowspan=0"]))
        return f"<{tag}{span}>{value}</{tag}>"

    head = "<tr>" + "".join(cell(draw(label), True) for _ in range(width)) + "</tr>"
    rows = [
        "<tr>"
        + cell(draw(label), True)
        + "".join(cell(draw(number), False) for _ in range(width - 1))
        + "</tr>"
        for _ in range(draw(st.integers(1, 4)))
    ]
    return f"<table>{head}{''.join(rows)}</table>"


@st.composite
def script_content(draw: st.DrawFn) -> str:
    """What the RECOVER passes turn into HTML: TRS pager calls, Hanweb datastores (with
    hostile records), search forms cut off by a table, 检索 links, searches only a script
    sent; and the portal overlay's
    switches and key help: random trees never make them."""
    number = st.sampled_from(["0", "1", "2", "25", "99999", "-1", "n", "1e9"])
    name = st.sampled_from(['"index"', "'index'", '"../x"', '"t2019_1"', "name", '""'])
    record = st.one_of(
        TEXT.map(lambda t: f"<li><a href='/art/{len(t)}.html'>{t}</a></li>"),
        st.sampled_from(
            [
                "<tr><td>1</td></tr>",
                "<li><img src=x onerror=alert(1)></li>",
                "<li><a href=javascript:alert(1)>x</a>",
                "<svg><script>alert(1)</script></svg>",
                "<div onclick=alert(1)>",
                "]]>",
                "",
            ]
        ),
    )
    kind = draw(st.integers(0, 7))
    if kind == 7:
        # A search only a script sent: the field, the button, the function, mangled at random.
        address = draw(
            st.sampled_from(["/s?q=", "//search.x.gov.cn/s?a=1&kw=", "?q=", "/s?a=%E6&q=", "/s?", "/s?q=&"])
        )
        value = draw(
            st.sampled_from(
                [
                    '$("#kw").val()',
                    "encodeURIComponent(kw)",
                    "escape(kw)",
                    "kw + '&p=1'",
                    "encodeURI(encodeURI(kw))",
                    "$.trim($('#kw').val()",
                    "document.getElementById('kw').value",
                ]
            )
        )
        field = draw(
            st.sampled_from(["<input id=kw>", "<input id=kw name=q>", "<select id=kw></select>", ""])
        )
        button = draw(
            st.sampled_from(
                [
                    "<a href='javascript:go()'>搜索</a>",
                    "<button type=button onclick='go()'></button>",
                    "<input type=submit onclick='return go();'>",
                    "<img id=b src=go.png>",
                ]
            )
        )
        holder = draw(st.sampled_from(["div", "form", "td", "li", "span"]))
        body = draw(
            st.sampled_from(["{ var kw = $('#kw').val(); location.href = ", "{ window.open(", "{ if ("])
        )
        return (
            f"<{holder}>{field}{button}</{holder}><script>function go() {body}'{address}' + {value}; }}"
            "$('#b').click(function () { location = '/t?q=' + kw; });</script>"
        )
    if kind == 6:
        # The portal's overlay: its switches (nested, in lists, made of spans), its key help, dead buttons.
        parts = draw(
            st.lists(
                st.sampled_from(
                    [
                        "<a href='javascript:void(0)' onclick='aria.start()'>无障碍浏览</a>",
                        "<a class='x none'>退出长者模式</a>",
                        "<li><a href='/wca.html'><font>【关怀版】</font></a></li>",
                        "<span id=wza style='cursor: pointer'>长者助手</span>",
                        "<a><button>适老版</button></a>",
                        "<button role=button><a href='#'>无障碍</a></button>",
                        "<a aria-label='按 alt 加 9 退出无障碍服务' role=alert id=i></a>",
                        "<div aria-label='您已进入导航区' tabindex=0><a href='/n.html'>首页</a></div>",
                        "<ul><li><button>X</button></li><li><button type=button>展开</button></li></ul>",
                        "<a>按Alt+~键打开导盲模式<a href='/x.html'>说明</a></a>",
                        "<img alt='无障碍' aria-label='按 shift 加 1'>",
                    ]
                ),
                max_size=5,
            )
        )
        return f"<div class=top><ul><li>{''.join(parts)}</li></ul></div>"
    if kind == 5:
        count = draw(st.integers(1, 4))
        strip = "".join(f"<li onmouseover='setTab(1,{i})'>{draw(TEXT)}</li>" for i in range(count))
        styles = st.sampled_from(
            ["display:none", "DISPLAY: none;", "color:red", "", "display:none;height:1px"]
        )
        panels = "".join(
            f"<{draw(st.sampled_from(['div', 'ul', 'a', 'td']))} id='con_{i + 1}' style='{draw(styles)}'>"
            f"<a href='/t{i}.html'>{draw(TEXT)}</a></div>"
            for i in range(draw(st.integers(1, 4)))
        )
        return f"<div><ul>{strip}</ul></div><div>{panels}</div>"
    if kind == 4:
        handler = draw(
            st.sampled_from(
                [
                    "window.open(this.value)",
                    "location.href=this.options[this.selectedIndex].value",
                    "f(this.value)",
                ]
            )
        )
        values = draw(
            st.lists(
                st.sampled_from(
                    [
                        "",
                        "http://www.x.gov.cn/a.html",
                        "javascript:alert(1)",
                        "/b.html",
                        "data:text/html,x",
                        "2021",
                    ]
                ),
                max_size=4,
            )
        )
        options = "".join(f"<option value='{v}'>{v or '--政府网站--'}</option>" for v in values)
        return f'<p>链接: <select onchange="{handler}">{options}</select></p>'

    if kind == 3:
        script = draw(
            st.sampled_from(
                [
                    "window.open('/zwgk/a.html')",
                    "location.href='javascript:alert(1)'",
                    "window.open('data:text/html,<script>alert(1)</script>')",
                    "location.href='/b.html';return false;",
                    "window.open('/x?id=' + id)",
                    "top.location = 'http://evil.example/'",
                    'location.replace("/c.html")',
                ]
            )
        )
        tag = draw(st.sampled_from(["a href='javascript:void(0)'", "li", "img src=a.png", "td", "span"]))
        return f'<{tag} onclick="{script}">通知</{tag.split()[0]}>'
    if kind == 0:
        well_formed = st.tuples(number, number, name, st.sampled_from(['"html"', "'shtml'", "ext"])).map(
            ", ".join
        )
        valid = st.tuples(
            st.sampled_from(["2", "25", "99999", "countPage"]),
            st.sampled_from(["0", "1"]),
            st.sampled_from(['"index"', "'t20190918_693227'"]),
            st.sampled_from(['"html"', '"shtml"']),
        ).map(", ".join)
        args = draw(
            st.one_of(valid, well_formed, st.lists(st.one_of(number, name), max_size=5).map(", ".join))
        )
        if draw(st.booleans()):
            # The older TRS pager, written out: counts and the pieces of its link names.
            return (
                f"<div><script>var currentPage = {draw(number)};var countPage = {draw(number)}//共多少页\n"
                f'document.write("<a href=\\"index.html\\">1</a>");'
                f'document.write("<a href=\\"{draw(st.sampled_from(["index", "x", ""]))}"+"_" + i + "."+"'
                f'{draw(st.sampled_from(["html", "shtml", "", "h<t"]))}\\">2</a>");</script></div>'
            )
        return f"<div><script>var countPage = {draw(number)};createPageHTML({args});</script></div>"
    if kind == 1:
        records = "".join(f"<record><![CDATA[{r}]]></record>" for r in draw(st.lists(record, max_size=5)))
        total = draw(st.sampled_from(["", "<totalrecord>1095</totalrecord>", "<totalrecord>x</totalrecord>"]))
        holder = draw(st.sampled_from(["div", "ul", "table", "tbody", "p", "td"]))
        return f"<{holder}><script type='text/xml'><datastore>{total}<recordset>{records}</recordset></datastore></script></{holder}>"
    control = draw(
        st.sampled_from(
            [
                "<a href='#' onclick='submitForm()'>检索</a>",
                "<a href='javascript:document.f.submit()'><img src=s.gif></a>",
                "<input type=button value=搜索 onclick=doSearch()>",
                "<img src=go.gif onclick='x()'>",
                "<button type=button onclick=goSearch(this)>提交</button>",
            ]
        )
    )
    action = draw(st.sampled_from(["/was5/web/search", "", "javascript:s()", "#", "http://evil.example/s"]))
    form_id = draw(st.sampled_from(["", " id=f", " id='a\"b'"]))
    return (
        f"<table><tr><form name=f{form_id} action='{action}'><input type=hidden name=c value=1>"
        f"<td><input name=q{draw(st.sampled_from(['', ' form=other']))}></td><td>{control}</td></form></tr></table>"
    )


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(
        f' {name}="{value}"' if '"' not in value else f" {name}='{value}'"
        for name, value in draw(st.lists(st.tuples(st.sampled_from(ATTRS), VALUES), max_size=4))
    )
    children = ""
    if depth < 5:
        parts = draw(
            st.lists(
                st.one_of(TEXT, COMMENT, CSS, element(depth + 1), data_table(), script_content()), max_size=4
            )
        )
        children = "".join(parts)
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))  # sometimes unclosed
    return f"<{tag}{attrs}>{children}{closing}"


@st.composite
def page(draw: st.DrawFn) -> bytes:
    head = draw(
        st.sampled_from(["", "<meta charset='utf-8'>", "<meta charset='gb2312'>", "<title>标题</title>"])
    )
    body = "".join(draw(st.lists(element(), min_size=1, max_size=6)))
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode(
        "utf-8", "surrogatepass"
    )


def check(body: bytes, mode: str, content_type: str | None = "text/html; charset=utf-8") -> None:
    try:
        out = render_html(
            body,
            content_type,
            url="http://www.x.gov.cn/zwgk/p.html",
            mode=mode,
            allowlist=ALLOW,  # type: ignore[arg-type]
        ).body
    except ProxyError:
        return  # the proxy's own clean error (a page nested too deep): an error page, not a crash
    text = out.decode("utf-8")  # well-formed UTF-8
    assert text.startswith("<!DOCTYPE html>")
    tree = LexborHTMLParser(text)
    assert tree.css_first("meta[charset]").attrs["charset"].lower() == "utf-8"  # type: ignore[union-attr]
    assert tree.body is not None and tree.head is not None
    assert tree.css("script") == []  # the reader's tag is added per response, with its nonce
    for css in [n.text() for n in tree.css("style")] + [
        n.attrs.get("style") or "" for n in tree.css("[style]")
    ]:
        assert not SCRIPT_CSS.search(css), css
    for node in tree.root.traverse() if tree.root else []:
        for name, value in (node.attributes or {}).items():
            # An event handler content attribute: "on" and a name (a mangled
            # 'on"x(y)"' is just an odd attribute no browser runs) with code in
            # it: an empty one is a function with no body, which runs nothing
            # (a mutated '<div class="a oneColumn">' leaves a bare "onecolumn").
            assert not (re.fullmatch(r"on[a-z]+", name.lower()) and (value or "").strip()), (node.tag, name)
            assert name.lower() != "srcdoc"
            lname = name.lower()
            if value and (lname in NAVIGABLE or LOADED.get(node.tag or "") == lname):
                cleaned = URL_NOISE.sub("", unquote(value))
                assert not SCRIPT_URL.match(cleaned), (node.tag, name, value)
                if node.tag in LOADED:
                    assert not cleaned.lower().startswith("data:"), (node.tag, name, value)


FUZZ = settings(
    max_examples=int(os.environ.get("A11Y_FUZZ_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("mode", MODES)
@FUZZ
@given(body=page())
def test_generated_pages_never_crash_and_keep_no_script(mode: str, body: bytes) -> None:
    check(body, mode)


SEEDS = [
    (CORPUS / name).read_bytes()
    for name in (
        "stats-qhdm-2018-index-gb2312.html",
        "xiangtan-gov-utf16le-bom-declares-gb2312.html",
        "npc-2007-resolution-gne.html",
        "people-declared-gb2312-utf8-bytes-gne.html",
    )
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str | None]:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "flip"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        size = draw(st.integers(1, 400))
        if op == "delete":
            del data[at : at + size]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64)) or b"<"
        elif op == "duplicate":
            data[at:at] = data[at : at + size]
        elif op == "truncate":
            del data[at:]
        else:
            for i in range(at, min(len(data), at + 8)):
                data[i] ^= draw(st.integers(1, 255))
    content_type = draw(
        st.sampled_from(
            [
                None,
                "text/html",
                "text/html; charset=gbk",
                "text/html; charset=utf-8",
                "text/html; charset=big5",
            ]
        )
    )
    return bytes(data), content_type


@pytest.mark.parametrize("mode", MODES)
@FUZZ
@given(case=mutated())
def test_mutated_real_pages_never_crash_and_keep_no_script(mode: str, case: tuple[bytes, str | None]) -> None:
    body, content_type = case
    check(body, mode, content_type)


#: Inputs the fuzzers found, kept as plain regression cases (each crashed or
#: leaked before its fix).
FOUND = [
    b'<div tabindex="\xc2\xb9">x</div>',  # "1" as a superscript: isdigit() but not int()
    b'<input id="\r"><label>q</label>',  # an id that broke a CSS selector
    b'<video data="javascript:alert(1)"></video>',  # text mode made a link of a stray attribute
    b"<!DOCTYPETML PUBLIC><p>x</p>",  # a mangled doctype kept (quirks mode)
    b'<input on"gosearch(this)" onclick=x>',
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("body", FOUND)
def test_inputs_the_fuzzers_found(mode: str, body: bytes) -> None:
    check(body, mode)


def test_a_preference_cookie_with_unicode_digits_is_ignored_not_a_crash() -> None:
    from a11y_proxy.prefs import Prefs, from_cookie

    assert from_cookie("default~\u00b9\u00b2\u00b3~\u0663", {}) == Prefs()
