"""Every image gets a text alternative that says what it is for (WCAG 1.1.1).

In order: a meaningful ``alt``, ``title``, ``<figcaption>``; the logo (an image
linking to the site's home page, or named logo) is named after the site; QR
codes are described as QR codes for the page on a phone; spacers and
decorative images get ``alt=""``; an image that is the only content of a
link gets the best name we can find for the link's target; the file name
is the last resort. A bare file name or a placeholder ("图片", "image") is
not a meaningful alt.

A file name can still hold words: CMSs such as TRS WCM write the uploaded
file's name as the alt ("第十届开放日外网小图-0906.jpg"), and that name is the
editor's own description. Its Chinese words, without the extension, the date
and the CMS's "thumbnail" labels, are a better name than none ("第十届开放日").
A file name of Latin letters and digits ("top03_1", "2020gjzwfw") is a code,
not words, unless it holds a word of four letters or more.
"""

from __future__ import annotations

import bisect
import itertools
import re
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import children, clean_text
from ..link_policy import Kind
from ..titles import site_part
from ..wording import say
from .markup_repair import hide_spacer
from .rewrite_links import EXTERNAL_TEXT, own_text

_MEANINGLESS = re.compile(
    r"^\s*(?:图片?|图像|照片|image|img|photo|picture|pic|icon|logo|banner|null|undefined|none|\d+|"
    r"[\w-]+\.(?:jpe?g|png|gif|bmp|webp|svg))\s*$",
    re.IGNORECASE,
)
# The hint patterns below are matched against lower-cased text, not with
# re.I: Python's re finds no literal to skip ahead by in a case-insensitive
# alternation, and tries every one at every position (14 µs for one image
# address; 1 µs lower-cased).
_SPACER = re.compile(r"(?:spacer|blank|space|dot|pixel|transparent|clear|line|bg|arrow|icon_?more|more\d*)\.")
#: The alt qrcode.js gives every code it draws (``this._elImage.alt = "Scan me!"``):
#: English words that say nothing on a Chinese page.
_QR_LIBRARY_ALT = "Scan me!"
#: What a QR code's file, class or id is called.
_QR_HINTS = re.compile(r"qr|ewm|erweima|二维码|扫码|wx_?code|weixin_?code")
_LOGO = re.compile(r"logo|标志|标识")


#: What a QR code is named, on a Chinese page and on any other (wording).
QR_NAME = "二维码:请用手机扫码访问"
QR_NAME_EN = "QR code: scan to open on a phone"


def is_qr_name(alt: str) -> bool:
    """Whether a picture's name says it is a QR code (the portal's or this pass's)."""
    return "二维码" in alt or alt.startswith(QR_NAME_EN)


def qr_hinted(text: str) -> bool:
    """Whether a file name, class or id says QR code."""
    return _QR_HINTS.search(text.lower()) is not None


_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp|svg)\s*$", re.IGNORECASE)
#: What splits a file name into words, and the CMS labels for a picture's size
#: and where it is shown ("外网小图": thumbnail for the public site; "外网底部小图":
#: for the footer; "小标": a small badge).
_FILE_NAME_NOISE = re.compile(r"外网|内网|小图|大图|缩略图|配图|底部|顶部|小标|[-_\s.（）()]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_WORDS = re.compile(r"[\d\W_]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
_HASHY = re.compile(r"^(?:[A-Za-z]?\d{6,}|[0-9a-f]{12,}|W0\d{10,}.*|t\d{8}_\d+)$", re.IGNORECASE)


#: Badges every government site's footer links to, by where they lead: the
#: 政府网站发展指引 (国办发〔2017〕47号) asks for the 党政机关网站标识 (conac.cn)
#: and a 政府网站找错 entry; share buttons lead to the networks' share pages.
#: Their images carry no alt, and their file names ("conac", "jiucuo") say
#: nothing to a listener.
_KNOWN_LINKS = (
    ("conac.cn/", "党政机关网站标识"),
    ("/exposure/jiucuo", "政府网站找错"),
    ("service.weibo.com/share", "分享到新浪微博"),
    ("connect.qq.com/widget/shareqq", "分享到QQ"),
    ("sns.qzone.qq.com/cgi-bin/qzshare", "分享到QQ空间"),
    ("beian.gov.cn/portal/registersysteminfo", "公安机关备案信息"),
    # Sites a portal's pictures link to by the host's conventional name: the
    # department's webmail (nfra.gov.cn's mail icon) and its 政务服务 platform.
    ("://mail.", "电子邮箱"),
    ("://zwfw.", "政务服务"),
)


def _known_link(href: str) -> str:
    href = href.lower()
    return next((name for part, name in _KNOWN_LINKS if part in href), "")


def _file_stem(src: str) -> str:
    path = unquote(urlsplit(src.split("/a11y/", 1)[-1]).path)
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip()


def _file_name_words(name: str) -> str:
    """The Chinese words of an image file's name, or "" when it holds none."""
    stem = _IMAGE_FILE.sub("", unquote(name))
    words = " ".join(w for w in _FILE_NAME_NOISE.split(stem) if w and not w.isdigit())
    if _HAN.search(words):
        # Beside Chinese words, a Latin fragment is the editor's ("外网小标-1.fw.png":
        # Fireworks; "两会_main"), not a word for a listener.
        words = " ".join(w for w in words.split() if not w.isascii() or not w.isalpha())
    if not _HAN.search(words) or _MEANINGLESS.match(_NOT_WORDS.sub("", words)):
        return ""  # no words, or a placeholder and a number ("图片1.jpg")
    return words


def _small(img: LexborNode) -> bool:
    for attr in ("width", "height"):
        value = (img.attrs.get(attr) or "").strip().rstrip("px")
        if value.isdecimal() and int(value) <= 12:
            return True
    return False


def link_of(img: LexborNode) -> LexborNode | None:
    """The link a picture is in. An ``<a>`` with no address is no link (HTML:
    a placeholder): www.gov.cn's search toggle, whose script went, is not a
    link to the home page with the site's name."""
    parent = img.parent
    for _ in range(3):
        if parent is None:
            return None
        if parent.tag == "a":
            return parent if "href" in parent.attrs else None
        parent = parent.parent
    return None


def _site_name(ctx: PageContext, tree: LexborHTMLParser) -> str:
    if ctx.site_name:
        return ctx.site_name
    meta = tree.css_first('meta[name="SiteName"], meta[name="sitename"], meta[property="og:site_name"]')
    if meta is not None and (meta.attrs.get("content") or "").strip():
        return (meta.attrs.get("content") or "").strip()
    return site_part(tree)


def home_name(tree: LexborHTMLParser, site: str) -> str:
    """The name of a picture link to the site's home page: its logo."""
    return site + say(tree, "(首页)", " (home page)")


def _is_home(href: str, page_url: str) -> bool:
    """Whether a link leads to the home page of this page's site: its root or
    index page, on the page's own host or a parent of it (www.x.gov.cn from
    zwgk.x.gov.cn). Another host's root is another site's home: nfra.gov.cn's
    mail icon, a picture linking to https://mail.nfra.gov.cn, is no logo."""
    target = urlsplit(href.split("/a11y/", 1)[-1].split("/elder/", 1)[-1].split("/text/", 1)[-1])
    if target.path not in ("", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp"):
        return False
    if not target.netloc:
        return True  # on the page's own host
    host = _without_www(target.hostname or "")
    page = _without_www(urlsplit(page_url).hostname or "")
    return page == host or page.endswith("." + host)


def _without_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


class _LinkNames:
    """Words of the page's own links by address, gathered the first time an
    unnamed picture link asks (most pages never do); then the words of the
    links in the comments the page had (``ctx.commented_links``): TRS
    templates comment out the title of each 热点专题 banner and keep the
    picture, so the editor's words for that address are only there."""

    def __init__(self, tree: LexborHTMLParser, ctx: PageContext) -> None:
        self._tree = tree
        self._ctx = ctx
        self._names: dict[str, str] | None = None
        #: Address -> (the comment it was read in, its words), and the comments read.
        self._commented: dict[str, tuple[int, str]] = {}
        self._parsed: set[int] = set()
        self._joined: str | None = None
        self._starts: list[int] = []

    def __call__(self, href: str) -> str:
        if href == "#":
            # No address (a script's link): 加为收藏 is not the name of another "#".
            return ""
        key = _address(href)
        if self._names is None:
            self._names = {}
            for link in self._tree.css("a[href]"):
                address = link.attrs.get("href") or ""
                words = own_text(link)
                if words and len(words) <= _MAX_LINK_NAME and address != "#":
                    self._names.setdefault(_address(address), words)
        words = self._names.get(key) or self._from_comments(key)
        page = PAGE_NUMBER.match(words)
        # A pager's number names the page it leads to: people.com.cn's article photos
        # link to the article's next page, whose pager link says only "【2】".
        return say(self._tree, f"第{page.group(1)}页", f"Page {page.group(1)}") if page else words

    def _from_comments(self, key: str) -> str:
        # Only the comments that hold the address's last step are parsed, each at
        # most once: a comment parse is ~25 µs, and nfra's page has hundreds of
        # comments with links, none of them a picture's words (1.0 ms a page when
        # all were parsed). One parse a comment: an unclosed <a> in one must not
        # take the words of the next. The first comment naming an address wins.
        texts = self._ctx.commented_links
        if self._joined is None:
            # All the comments in one string, to find those that hold a step in C.
            self._joined = "\x00".join(texts)
            self._starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        steps = _last_steps(key)
        holding = _holding_in(self._joined, self._starts, steps) if steps else set(range(len(texts)))
        policy = None
        for i in sorted(holding - self._parsed):
            text = texts[i]
            self._parsed.add(i)
            policy = policy or self._ctx.policy()
            for link in LexborHTMLParser(text).css("a[href]"):
                ref = (link.attrs.get("href") or "").strip()
                mapped = policy.map(ref, Kind.NAVIGATION) if ref and ref != "#" else None
                words = clean_text(link)
                if mapped is not None and words and len(words) <= _MAX_LINK_NAME:
                    address = _address(mapped.url)
                    if address not in self._commented or self._commented[address][0] > i:
                        self._commented[address] = (i, words)
        found = self._commented.get(key)
        return found[1] if found is not None else ""


def _holding_in(joined: str, starts: list[int], steps: tuple[str, ...]) -> set[int]:
    """The indexes of the comments, joined with NULs at ``starts``, that hold a step."""
    found: set[int] = set()
    for step in steps:
        at = joined.find(step)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            found.add(i)
            end = starts[i + 1] if i + 1 < len(starts) else len(joined)
            at = joined.find(step, end)
    return found


def _last_steps(address: str) -> tuple[str, ...]:
    """The last step of a proxied or direct address's path, as written and decoded
    ("" for a site's root: then every comment may name it)."""
    target = address.split("/", 2)[2] if address.startswith("/") and address.count("/") > 2 else address
    steps = [step for step in urlsplit(target).path.split("/") if step]
    if not steps:
        return ()
    return tuple({steps[-1], unquote(steps[-1])})


#: A directory's index page: "/ztjc/d5jkfr/" and "/ztjc/d5jkfr/default.htm"
#: are one address to a reader (the server answers the one with the other).
_INDEX_PAGE = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)(?=[?#]|$)", re.IGNORECASE)


def _address(href: str) -> str:
    # Asked of every link of the page: the regex only where a name of such a page
    # can stand (a few µs each on nfra's 600 links, 1 ms a page).
    tail = href[href.rfind("/") :].lower()
    return _INDEX_PAGE.sub("/", href, count=1) if "index." in tail or "default." in tail else href


#: A pager link's words: a page number, bracketed or not ("【2】", "[3]", "4").
PAGE_NUMBER = re.compile(r"^[\[【(（〔]?\s*(\d{1,4})\s*[\]】)）〕]?$")


#: Longer than a menu entry: a sentence, not the name of where a link goes.
_MAX_LINK_NAME = 30


def alt_for(
    img: LexborNode, ctx: PageContext, tree: LexborHTMLParser, link_names: _LinkNames | None = None
) -> str:
    attrs = img.attrs
    src = attrs.get("src") or ""
    alt = (attrs.get("alt") or "").strip()
    link = link_of(img)
    if alt and alt != _QR_LIBRARY_ALT and not _MEANINGLESS.match(alt) and not _IMAGE_FILE.search(alt):
        return alt
    hints = " ".join([src, attrs.get("class") or "", attrs.get("id") or "", alt]).lower()
    if alt == _QR_LIBRARY_ALT or _QR_HINTS.search(hints):
        return say(tree, QR_NAME, QR_NAME_EN)
    if _LOGO.search(hints) or (
        link is not None
        and img.mem_id == _first_img(link)
        and _is_home(link.attrs.get("href") or "", ctx.url)
    ):
        site = _site_name(ctx, tree)
        if site:
            return home_name(tree, site) if link is not None else site
    title = (attrs.get("title") or "").strip()
    if title and not _MEANINGLESS.match(title):
        return title
    figure = img.parent
    if figure is not None and figure.tag == "figure":
        caption = figure.css_first("figcaption")
        if caption is not None and clean_text(caption):
            return clean_text(caption)
    if link is not None:
        text = own_text(link)
        if text:
            return ""  # the link has its own words; the image adds nothing
        for name in (
            (link.attrs.get("title") or "").strip(),
            (link.attrs.get("aria-label") or "").strip(),
            _known_link(link.attrs.get("href") or ""),
        ):
            if name:
                return name
    if _SPACER.search(src.lower()) or _small(img):
        return ""
    if not src.strip() and not (attrs.get("srcset") or "").strip():
        # Nothing to see (people.com.cn's <img width=29 alt="链接图片"> whose picture a
        # script set): no name to invent; a link it was all of goes with the links pass.
        return ""
    named = _file_name_words(alt)
    if named:
        return named
    if link is None:
        # Not a link, no description anywhere: decorative for a screen reader.
        return ""
    # The same address named in words elsewhere on the page (a menu's picture
    # tab "top03_1.png" and the text link to the same column): WCAG 2.4.4.
    href = link.attrs.get("href") or ""
    elsewhere = link_names(href) if link_names is not None and href else ""
    if elsewhere:
        return elsewhere
    stem = _file_stem(src)
    if (
        len(stem) >= 3
        and not _HASHY.match(stem.replace(" ", ""))
        and (_HAN.search(stem) or _LATIN_WORD.search(stem))
        and not _template_words(stem)
    ):
        return stem
    return say(tree, "链接图片", "Picture link")


#: The words a template names its pictures with: their place and state, not
#: what they show ("select_01.png", nfra.gov.cn's banner for its 政务服务 site).
_TEMPLATE_WORDS = frozenset(
    "select selected active current default normal hover over on off btn button banner "
    "img image pic picture photo icon ico bg back left right top bottom middle item list menu "
    "nav tab index new hot more next prev".split()
)


def _template_words(stem: str) -> bool:
    """Whether a file name's Latin words are all template words (and it has no Chinese)."""
    if _HAN.search(stem):
        return False
    words = [w for w in _NOT_WORDS.split(stem.lower()) if w]
    return bool(words) and all(w in _TEMPLATE_WORDS for w in words)


def _first_img(link: LexborNode) -> int:
    first = link.css_first("img")
    return first.mem_id if first is not None else -1


def _said_beside(img: LexborNode, alt: str) -> bool:
    """The alt's words already stand in the image's link, or in its block (logo + caption)."""
    parent = link_of(img) or img.parent
    for _ in range(2):
        if parent is None or not _few_children(parent):
            # A page of 50,000 picture links straight in <body> read the
            # whole page's words once a picture (108 s).
            return False
        if alt in clean_text(parent):
            return True
        if parent.tag in _ICON_BOXES:
            # An icon's own box (gz.gov.cn's <li><i><img title="来源"></i>来源：广州日报</li>)
            # is no level: the words stand beside the box.
            parent = parent.parent
            return parent is not None and _few_children(parent) and alt in clean_text(parent)
        if parent.tag not in ("a", "span", "div", "li", "p", "td", "figure"):
            return False
        parent = parent.parent
    return False


#: More child nodes than a picture and its caption stand among: a list, a page.
_BESIDE_NODES = 24


def _few_children(node: LexborNode) -> bool:
    child, n = node.child, 0
    while child is not None:
        n += 1
        if n > _BESIDE_NODES:
            return False
        child = child.next
    return True


#: Phrasing elements portals draw an icon in.
_ICON_BOXES = frozenset({"i", "em", "b", "strong", "font"})


#: More links than a card holds: the block is a list or a menu, not one item.
_CARD_LINKS = 4
#: Marks a picture link left to the mouse, its words said by its twin.
TWIN_MARK = "data-a11y-twin"


def _has_twin(link: LexborNode) -> bool:
    """Whether a link of words to the same address stands beside this picture link,
    in the same card (the leader's photo and name, a news item's picture and title)."""
    href = link.attrs.get("href")
    if not href or href == "#":
        return False  # a bare "#" leads nowhere: two of them are no pair
    node = link.parent
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            return False
        links = node.css("a[href]")
        if len(links) > _CARD_LINKS:
            return False
        for other in links:
            if other.mem_id != link.mem_id and other.attrs.get("href") == href and own_text(other):
                return True
        node = node.parent
    return False


def _leave_to_the_mouse(link: LexborNode) -> None:
    """A picture link beside its twin of words is one link said twice: a screen reader
    stops at both ("李云泽, link, graphic"; "李云泽, link"), and 纯文本 shows the name
    twice. The picture stays a link for the mouse, out of the tab order and the
    accessibility tree (technique H2, failure F89 made the other way round)."""
    link.attrs["aria-hidden"] = "true"
    link.attrs["tabindex"] = "-1"
    link.attrs[TWIN_MARK] = ""


def _decorative(img: LexborNode) -> None:
    """``alt=""``, and no ``title``: with one, Chromium still shows the picture to a
    screen reader, named by the title (gz.gov.cn's <img title="中国广州发布" alt="中国广州发布">
    in a link of the same words was read "中国广州发布中国广州发布"), and a tooltip
    of the words beside it tells the mouse nothing more (HTML-AAM img with alt="")."""
    img.attrs["alt"] = ""
    if "title" in img.attrs:
        del img.attrs["title"]


def _silence_emblems(site_pictures: dict[int, list[tuple[LexborNode, bool]]]) -> None:
    """A picture named for the site beside the logo that links home says the
    site twice: the emblem before pingtan's linked name picture (国徽 and
    "平潭综合实验区党工委管委会", both named so) was read, and shown in 纯文本, as
    the site's name and then the link to it. The link says it; the emblem is
    decoration beside it (WCAG 1.1.1, H2)."""
    for pictures in site_pictures.values():
        if any(linked for _, linked in pictures):
            for img, linked in pictures:
                if not linked:
                    _decorative(img)


def _hide_nameless_svgs(tree: LexborHTMLParser) -> None:
    """An inline ``<svg>`` with no name leaves the accessibility tree. Chromium
    gives every one the role of an image, so a screen reader stopped at nfra.gov.cn's
    filter definitions (an ``<svg>`` of one grayscale ``<filter>`` for the stylesheet,
    in a box of no height) to say "image" and nothing more: a graphic with nothing
    to say is decoration (WCAG 1.1.1; SVG-AAM). One named by ``aria-label``,
    ``aria-labelledby`` or its own ``<title>`` keeps its name."""
    for svg in tree.css("svg:not([aria-hidden]):not([aria-label]):not([aria-labelledby])"):
        parent = svg.parent
        if parent is not None and parent.tag == "svg":
            continue  # a nested svg is part of its outer one
        title = next((c for c in children(svg) if c.tag == "title"), None)
        if title is None or not clean_text(title):
            svg.attrs["aria-hidden"] = "true"


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    if not ctx.site_name:
        ctx.site_name = _site_name(ctx, tree)
    link_names = _LinkNames(tree, ctx)
    #: Picture link -> whether it has no words and a twin of words (decided once).
    twins: dict[int, bool] = {}
    #: Block -> the pictures in it named for the site, and whether each is a link.
    site_pictures: dict[int, list[tuple[LexborNode, bool]]] = {}
    for img in tree.css("img"):
        link = link_of(img)
        if link is not None:
            twin = twins.get(link.mem_id)
            if twin is None:
                twin = twins[link.mem_id] = not own_text(link) and _has_twin(link)
                if twin:
                    _leave_to_the_mouse(link)
            if twin:
                _decorative(img)
                continue
        alt = alt_for(img, ctx, tree, link_names)
        if alt and _said_beside(img, alt):
            alt = ""  # the same words are right next to it (axe image-redundant-alt)
        if alt:
            img.attrs["alt"] = alt
        else:
            _decorative(img)
        if alt and ctx.site_name and alt in (ctx.site_name, home_name(tree, ctx.site_name)):
            block = (link or img).parent
            if block is not None:
                site_pictures.setdefault(block.mem_id, []).append((img, link is not None))
    _silence_emblems(site_pictures)
    # A list item that holds only a decorative picture (a dotted line drawn as
    # <li><img src="top03_a.png"></li>) is a spacer like an empty one: a screen
    # reader would stop at it to say "blank" (markup_repair's spacer items).
    for item in tree.css("li:has(img)"):
        if not (item.text(deep=True) or "").strip() and all(
            node.tag == "img" and not node.attrs.get("alt")
            for node in item.css("*")
            if node.mem_id != item.mem_id
        ):
            hide_spacer(item, remove=ctx.mode != "a11y")
    _hide_nameless_svgs(tree)
    for area in tree.css("area[href]"):
        alt = (area.attrs.get("alt") or "").strip()
        # rewrite_links wrote "(外部网站,将离开无障碍浏览)" into the alt of an area that
        # leaves: that says where it goes, not what it is (stats.gov.cn's banner map
        # was three links named only so).
        leaves = "data-a11y-external" in area.attrs and alt.endswith(EXTERNAL_TEXT)
        own = alt.removesuffix(EXTERNAL_TEXT).strip() if leaves else alt
        if own:
            continue
        name = (
            (area.attrs.get("title") or "").strip()
            or link_names(area.attrs.get("href") or "")
            or _known_link(area.attrs.get("href") or "")
            or say(tree, "链接区域", "Link area")
        )
        area.attrs["alt"] = f"{name} {EXTERNAL_TEXT}" if leaves else name
