"""Response headers the proxy adds: security, robots, caching, and the CSP.

Proxied pages are other people's HTML under the proxy's origin, so the
Content-Security-Policy is strict: no script but the proxy's own reader
controls, allowed by a nonce that is new in every response (see
``script_tail``), resources only from the proxy itself, no ``<base>``, not
framable by other sites. The proxy's other pages (landing, settings, errors)
run no script at all.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_CSP_REST = (
    "img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; media-src 'self'; frame-src 'self'; object-src 'self'; connect-src 'self'; "
    "form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'self'"
)
_PAGE_CSP_START = b"default-src 'none'; script-src 'nonce-"
_PAGE_CSP_END = b"'; " + _CSP_REST.encode()
#: The proxy's own pages (landing, settings, errors): no script at all.
OWN_PAGE_CSP = "default-src 'none'; script-src 'none'; " + _CSP_REST


def page_csp(nonce: str) -> bytes:
    """Proxied pages: only the script carrying this response's nonce runs (the
    reader controls); media and fetches for speech stay on the proxy's origin."""
    return _PAGE_CSP_START + nonce.encode() + _PAGE_CSP_END


#: For files streamed through that a browser could run as a document (SVG,
#: XML): a sandbox with no script.
PASSTHROUGH_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

#: The output depends on the mode and URL (in the path), and later on the
#: reader's preference cookie; it is gzip-encoded for clients that accept it.
VARY = "Accept-Encoding, Cookie"

DEFAULT_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    # Proxied copies of portal pages must not compete with the originals in
    # search results.
    (b"x-robots-tag", b"noindex, nofollow"),
    # A proxy URL names the page being read: do not send it to other sites.
    (b"referrer-policy", b"same-origin"),
)


class SecurityHeadersMiddleware:
    """Adds the default headers to every response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(pair for pair in DEFAULT_HEADERS if pair[0] not in present)
                # Not on a 304: a browser merges its headers into the stored
                # response, and a policy without that page's nonce would stop
                # its script (RFC 9111 §4.3.4).
                if b"content-security-policy" not in present and message["status"] != 304:
                    headers.append((b"content-security-policy", OWN_PAGE_CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
