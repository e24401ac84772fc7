"""The exceptions the pipeline raises, and the HTTP status each one becomes.

Every failure a reader can meet is one of these; the web layer turns it into an
accessible error page (Chinese first, English second) with ``status`` as the
HTTP status. Nothing else escapes to the reader: an unexpected exception is
logged and shown as a 502 page, never as a traceback.

    ProxyError
    ├── RequestRefused ............................ 400  the proxy will not try this URL
    │   ├── BadTargetURL .......................... 400  not an absolute http(s) URL, userinfo, …
    │   ├── HostNotAllowed ........................ 403  host is not on [upstream] allowed_hosts
    │   ├── AddressNotAllowed ..................... 403  resolves to loopback/private/special address
    │   ├── RedirectLeavesAllowlist ............... 403  a redirect hop points at a host not served here
    │   ├── MethodNotAllowed ...................... 405  POST to a site without allow_post (its fields kept)
    │   └── RequestBodyTooLarge ................... 413  form body over [upstream] max_post_bytes
    └── UpstreamError ............................. 502  the portal did not give us a usable page
        ├── UpstreamUnreachable ................... 502  DNS failure, connection refused or reset
        ├── UpstreamTLSError ...................... 502  certificate or handshake failure
        ├── UpstreamTimeout ....................... 504  connect, read or total deadline passed
        ├── UpstreamProtocolError ................. 502  broken HTTP, reset mid-body, bad compression
        ├── TooManyRedirects ...................... 502  more hops than [upstream] max_redirects, or a loop
        ├── UpstreamStatusError ................... 404/410/502  the portal answered 4xx/5xx
        ├── UpstreamTooLarge ...................... 413  body or decompressed body over its cap
        ├── PageTooComplex ........................ 422  deeper, or more elements, than real pages (nesting)
        └── UnsupportedContent .................... 415  a type the proxy never serves (scripts)

The tree mirrors httpx's own (``RequestError`` → ``TransportError`` → …) so
that ``fetch`` can map one onto the other in one place.
"""

from __future__ import annotations


class ProxyError(Exception):
    """Base class. ``status`` is the HTTP status of the error page."""

    status = 502
    #: Short Chinese title shown as the page heading.
    title_zh = "无法显示此页面"
    title_en = "This page cannot be shown"

    def __init__(self, message: str = "", *, url: str | None = None) -> None:
        super().__init__(message or self.title_en)
        self.url = url

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.title_en


class RequestRefused(ProxyError):
    status = 400
    title_zh = "无法访问该地址"
    title_en = "This address cannot be opened"


class BadTargetURL(RequestRefused):
    status = 400
    title_zh = "网址无效"
    title_en = "The address is not valid"


class HostNotAllowed(RequestRefused):
    status = 403
    title_zh = "本服务不提供该网站的无障碍浏览"
    title_en = "This site is not served here"


class AddressNotAllowed(RequestRefused):
    status = 403
    title_zh = "本服务不提供该网站的无障碍浏览"
    title_en = "This site is not served here"


class RedirectLeavesAllowlist(RequestRefused):
    status = 403
    title_zh = "该页面跳转到了本服务不提供的网站"
    title_en = "This page redirects to a site that is not served here"

    def __init__(self, message: str = "", *, url: str | None = None, target: str = "") -> None:
        super().__init__(message, url=url)
        self.target = target


class MethodNotAllowed(RequestRefused):
    status = 405
    title_zh = "该网站的表单提交未开放"
    title_en = "Submitting forms to this site is not enabled"

    def __init__(
        self,
        message: str = "",
        *,
        url: str | None = None,
        fields: tuple[tuple[str, str], ...] = (),
        charset: str = "utf-8",
    ) -> None:
        super().__init__(message, url=url)
        #: What the reader filled in, when the form can be sent on the portal
        #: itself (urlencoded, not a file upload), and the encoding to send it in.
        self.fields = fields
        self.charset = charset


class RequestBodyTooLarge(RequestRefused):
    status = 413
    title_zh = "提交的内容太大"
    title_en = "The submitted form is too large"


class UpstreamError(ProxyError):
    status = 502
    title_zh = "原网站暂时无法访问"
    title_en = "The original site could not be reached"


class UpstreamUnreachable(UpstreamError):
    status = 502


class UpstreamTLSError(UpstreamError):
    status = 502
    title_zh = "原网站的安全证书有问题"
    title_en = "The original site's secure connection failed"


class UpstreamTimeout(UpstreamError):
    status = 504
    title_zh = "原网站响应超时"
    title_en = "The original site took too long to answer"


class UpstreamProtocolError(UpstreamError):
    status = 502
    title_zh = "原网站返回的数据不完整"
    title_en = "The original site sent a broken response"


class TooManyRedirects(UpstreamError):
    status = 502
    title_zh = "原网站的页面跳转次数过多"
    title_en = "The original site redirected too many times"


class UpstreamStatusError(UpstreamError):
    title_zh = "原网站返回了错误"
    title_en = "The original site answered with an error"

    def __init__(self, message: str = "", *, url: str | None = None, upstream_status: int = 502) -> None:
        super().__init__(message, url=url)
        self.upstream_status = upstream_status
        # 404 and 410 mean "this page does not exist": say so with the same
        # status, so that search engines and link checkers see it too. Any other
        # upstream failure is a bad gateway from the reader's point of view.
        if upstream_status in (404, 410):
            self.status = upstream_status
            self.title_zh = "原网站上没有这个页面"
            self.title_en = "The original site has no such page"
        elif upstream_status in (401, 403):
            self.status = 403
            self.title_zh = "原网站拒绝了访问"
            self.title_en = "The original site refused access"
        else:
            self.status = 502


class UpstreamTooLarge(UpstreamError):
    status = 413
    title_zh = "页面太大,无法转换"
    title_en = "The page is too large to convert"


class PageTooComplex(UpstreamError):
    status = 422
    title_zh = "页面结构过于复杂,无法转换"
    title_en = "The page is too complex to convert"


class UnsupportedContent(UpstreamError):
    status = 415
    title_zh = "不提供此类内容"
    title_en = "This kind of content is not served"
