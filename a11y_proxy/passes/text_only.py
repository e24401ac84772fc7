"""纯文本: the page as text, for slow connections and the simplest reading.

Images become their text alternative in brackets (or nothing, if
decorative, a portal's QR code (with its caption), or said by the text
beside them); frames, objects, media and canvases become a link to their
source or go; the portal's CSS and presentational attributes are dropped
and one readable default stylesheet is used. Tables stay tables, links stay
links, forms stay forms.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..dom import before, element, strip_presentation, without_space
from ..wording import say
from .empty_sections import drop_orphan_qr_captions
from .images import QR_NAME_EN, TWIN_MARK, link_of
from .markup_repair import device_viewport, fix_label_in_name, tidy_own_layout
from .tab_panels import title_panels
from .tables import LAYOUT_MARK, linearise

STYLESHEET = "/static/text.css"


#: How far up the words beside a picture are looked for, and how much text that may be.
_BESIDE_LEVELS = 2
_BESIDE_MAX = 2000


def _needless(img: LexborNode, alt: str) -> bool:
    """Whether a picture's words add nothing to a page of text: a portal's QR code
    (nothing to scan in text; the proxy's own phone link is added after this
    pass), or an alt that the text beside it says already (people.com.cn's photo
    whose alt is the blurb printed under it; read twice otherwise). A picture
    that is all of a link stays: its words are the link's name."""
    link = link_of(img)
    if link is not None and not without_space(link.text(deep=True)):
        return False
    if alt.startswith(("二维码", QR_NAME_EN)):
        return True
    said = without_space(alt)
    if len(said) < 6:
        return False  # a short alt is found in any text by chance
    holder = img.parent
    for _ in range(_BESIDE_LEVELS):
        if holder is None or holder.tag == "body":
            return False
        beside = without_space(holder.text(deep=True))
        if len(beside) > _BESIDE_MAX:
            return False
        if said in beside:
            return True
        holder = holder.parent
    return False


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for sheet in tree.css('link[rel~="stylesheet"], style'):
        sheet.decompose()
    device_viewport(tree)
    for img in tree.css("img, input[type=image]"):
        if img.tag == "input":
            img.attrs["type"] = "submit"
            img.attrs["value"] = (img.attrs.get("alt") or "").strip() or say(tree, "提交", "Submit")
            for name in ("src", "alt"):
                if name in img.attrs:
                    del img.attrs[name]
            continue
        alt = (img.attrs.get("alt") or "").strip()
        if alt and not _needless(img, alt):
            before(
                img,
                element(
                    tree, "span", say(tree, f"[图片:{alt}]", f"[Picture: {alt}]"), class_="a11y-text-image"
                ),
            )
        img.decompose()
    # A picture link beside its twin of words (images): its pictures, alt="", went above.
    for twin in tree.css(f"a[{TWIN_MARK}]"):
        if not (twin.text(deep=True) or "").strip():
            twin.decompose()
    for media in tree.css("iframe, frame, object, embed, video, audio, canvas, svg, picture"):
        # Only the attribute that is the URL for this element (object data, the
        # others src): the link rewriter has checked exactly those, not a stray
        # "data" on a video.
        src = (media.attrs.get("data") if media.tag == "object" else media.attrs.get("src")) or ""
        if src and media.tag in ("iframe", "frame", "object", "embed", "video", "audio"):
            name = (media.attrs.get("title") or "").strip() or say(
                tree,
                {"video": "视频", "audio": "音频"}.get(media.tag or "", "嵌入内容"),
                {"video": "Video", "audio": "Audio"}.get(media.tag or "", "Embedded content"),
            )
            before(media, element(tree, "a", f"[{name}]", href=src))
        media.decompose()
    # The portal's QR pictures went above: their captions ("扫一扫关注") now caption nothing.
    drop_orphan_qr_captions(tree)
    for font in tree.css("font, center, big, small"):
        font.unwrap()
    # Layout tables read as the blocks they lay out; data tables stay tables.
    for table in [t for t in tree.css("table") if LAYOUT_MARK in t.attrs]:
        if table.parent is not None:
            linearise(tree, table)
    body = tree.body
    if body is not None:
        title_panels(tree, body)
        strip_presentation(body)  # the proxy bar is added later, with its own classes
        tidy_own_layout(tree, body)
    # Images turned into words can make a link's visible text differ from its label.
    fix_label_in_name(tree)
    ctx.stylesheets.append(STYLESHEET)
