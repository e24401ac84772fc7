"""Give a legacy-encoding portal its form data back in its own encoding.

Pages are served as UTF-8, so the browser submits UTF-8. A GBK portal's
search script reads ``?q=%C4%EA%B1%A8``, not ``?q=%E5%B9%B4%E6%8A%A5``. The
``rewrite_links`` pass adds a hidden ``__a11y_cs`` field to forms on such
pages; here the field is removed and the other fields re-encoded.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from .charset import lookup
from .passes.rewrite_links import CHARSET_FIELD

_MARK = CHARSET_FIELD.encode()


def _fields(data: str, keep_blank: bool) -> tuple[tuple[tuple[str, str], ...], str]:
    """The fields without the marker, and the encoding it names (UTF-8 without one)."""
    pairs = parse_qsl(data, keep_blank_values=keep_blank, encoding="utf-8", errors="replace")
    codec = "utf-8"
    kept: list[tuple[str, str]] = []
    for name, value in pairs:
        if name == CHARSET_FIELD:
            codec = lookup(value) or "utf-8"
        else:
            kept.append((name, value))
    return tuple(kept), codec


def reencode_form(data: str, *, keep_blank: bool = True) -> str:
    """Re-encode an ``application/x-www-form-urlencoded`` string if it carries the marker."""
    if CHARSET_FIELD not in data:
        return data
    kept, codec = _fields(data, keep_blank)
    # Characters the portal's encoding lacks go as &#NNNN; like a browser does.
    return urlencode(
        [(n.encode(codec, "xmlcharrefreplace"), v.encode(codec, "xmlcharrefreplace")) for n, v in kept]
    )


def reencode_body(body: bytes) -> bytes:
    if _MARK not in body:
        return body
    return reencode_form(body.decode("ascii", errors="replace")).encode("ascii")


def form_fields(body: bytes) -> tuple[tuple[tuple[str, str], ...], str]:
    """The fields of a urlencoded form the proxy's UTF-8 page sent, without the
    marker, and the encoding the portal's page had (the marker's, else UTF-8)."""
    return _fields(body.decode("ascii", errors="replace"), keep_blank=True)
