"""URLs: resolving references the way a browser does, and the proxy's own URL scheme.

Resolution follows the WHATWG URL Standard (via ada, a conforming parser):
tabs and newlines inside a URL are dropped, backslashes count as slashes in
http(s) URLs, ``..`` never climbs above the root. One browser rule ada cannot
know: the query of a URL in a page is percent-encoded in the *page's*
encoding (WHATWG URL, "encoding" of the API base URL), so ``?关键词=年报`` in a
GBK page must reach the portal as GBK bytes. :func:`resolve` does that.

The proxy's URL for an upstream URL is ``/{mode}/{absolute upstream URL}``;
the query string belongs to the upstream URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

import ada_url
from ada_url._ada_wrapper import ffi as _ada_ffi
from ada_url._ada_wrapper import lib as _ada_lib

from .errors import BadTargetURL
from .modes import MODES, Mode

_TAB_NL = re.compile(r"[\t\n\r]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_DEFAULT_PORTS = {"http:": 80, "https:": 443}


def _encode_query(ref: str, encoding: str) -> str:
    """Percent-encode non-ASCII characters of ``ref``'s query in ``encoding``."""
    q = ref.find("?")
    if q < 0:
        return ref
    h = ref.find("#", q)
    end = len(ref) if h < 0 else h
    query = ref[q:end]
    if query.isascii():
        return ref

    def enc(m: re.Match[str]) -> str:
        # Characters the encoding cannot express become &#NNNN; first, then
        # percent-encoded, exactly as a browser submits them.
        return quote(m.group(0).encode(encoding, errors="xmlcharrefreplace"), safe="")

    return ref[:q] + _NON_ASCII.sub(enc, query) + ref[end:]


def _drop_tab_nl(s: str) -> str:
    return _TAB_NL.sub("", s) if ("\t" in s or "\n" in s or "\r" in s) else s


def resolve(base: str, ref: str, encoding: str = "utf-8") -> str | None:
    """The absolute URL ``ref`` means in a document at ``base``, or None if invalid."""
    ref = _drop_tab_nl(ref).strip(" \x0c\x00")
    if encoding not in ("utf-8", "utf-16le", "utf-16be"):
        ref = _encode_query(ref, encoding)
    return _join(base, ref)


def _join(base: str, ref: str) -> str | None:
    """``ada_url.join_url`` without its wrapper's cost, and None where it raises.

    A portal page has hundreds of links (shanxi.gov.cn's article, 390 to 300
    sites), each resolved once. The wrapper's own Python (a garbage-collected
    handle, a copied buffer, an exception for an invalid URL) was 2.5 of its
    3.6 µs a link; this is the same three C calls of ada's C API (ada_c.h).
    """
    try:
        ref_bytes = ref.encode()
        base_bytes = base.encode()
    except UnicodeEncodeError:  # a lone surrogate: no URL
        return None
    handle = _ada_lib.ada_parse_with_base(ref_bytes, len(ref_bytes), base_bytes, len(base_bytes))
    try:
        if not _ada_lib.ada_is_valid(handle):
            return None
        href = _ada_lib.ada_get_href(handle)
        return _ada_ffi.unpack(href.data, href.length).decode() if href.length else ""
    finally:
        _ada_lib.ada_free(handle)


_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


def scheme_of(url: str) -> str:
    """Lower-case scheme of an absolute URL string ("" when there is none)."""
    if ":" not in url:
        return ""
    m = _SCHEME.match(_drop_tab_nl(url))
    return m.group(1).lower() if m else ""


@dataclass(frozen=True)
class Target:
    """An upstream URL that passed syntax checks (not yet the allowlist)."""

    url: str  # WHATWG-serialised, without fragment
    scheme: str  # "http" or "https"
    host: str  # canonical, as matched against the allowlist
    port: int  # effective port

    @property
    def origin(self) -> str:
        default = _DEFAULT_PORTS[self.scheme + ":"]
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}"


def parse_target(url: str) -> Target:
    """Parse an upstream URL a reader asked for; raise BadTargetURL if unusable."""
    try:
        parsed = ada_url.URL(_TAB_NL.sub("", url).strip())
    except ValueError:
        raise BadTargetURL(f"not a valid URL: {url[:200]!r}") from None
    if parsed.protocol not in _DEFAULT_PORTS:
        raise BadTargetURL(f"only http and https URLs are served, not {parsed.protocol!r}")
    if parsed.username or parsed.password:
        # "http://allowed.gov.cn@evil.test/" is a classic allowlist trick, and
        # no portal page needs credentials in a URL.
        raise BadTargetURL("URLs with a user name or password are not served")
    if not parsed.hostname:
        raise BadTargetURL("the URL has no host")
    port = int(parsed.port) if parsed.port else _DEFAULT_PORTS[parsed.protocol]
    parsed.hash = ""
    host = parsed.hostname.lower().rstrip(".")
    return Target(url=parsed.href, scheme=parsed.protocol[:-1], host=host, port=port)


def proxy_path(mode: Mode | str, url: str) -> str:
    """The proxy path for an absolute upstream URL (fragment kept)."""
    return f"/{mode}/{url}"


def split_proxy_path(raw_path: str, query: str) -> tuple[Mode, str] | None:
    """Split a request's raw path into (mode, upstream URL), or None if not a proxy path.

    ``raw_path`` is the path exactly as received (percent-escapes intact), so
    the upstream URL reaches the portal byte for byte. Some clients and
    front-end servers collapse ``//`` to ``/``; ``https:/host`` is accepted too.
    """
    if not raw_path.startswith("/"):
        return None
    mode, sep, rest = raw_path[1:].partition("/")
    if not sep or mode not in MODES:
        return None
    if re.match(r"(?i)https?%3A", rest):
        # The whole URL percent-encoded, as some forms and link builders do.
        rest = unquote(rest)
    m = re.match(r"(?i)(https?):/+", rest)
    if m:
        rest = f"{m.group(1).lower()}://{rest[m.end() :]}"
    elif rest and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", rest):
        # A bare host ("www.example.gov.cn/zwgk/") means http, as typed in a browser.
        rest = "http://" + rest
    if query:
        rest = f"{rest}?{query}"
    return mode, rest
