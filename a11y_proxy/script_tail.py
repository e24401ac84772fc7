"""The reader's script tag, with a fresh CSP nonce in every response, on a stored page.

A proxied page may run exactly one script: the proxy's own reader controls.
The Content-Security-Policy names it by a nonce that is new in every response
(CSP Level 3 §6.7.2: a nonce must be unguessable and not reused), so even a
script element that slipped past the sanitiser could not run: it cannot know
the nonce of the response it lands in.

Pages are rendered once and served many times from the cache, gzipped. To
give every response its own nonce without recompressing, the stored page
stops just before its end, where the script tag goes, and the gzip copy is a
deflate stream *sync-flushed* at that point (RFC 1951 §3.2.4: the flush ends
on a byte boundary with an empty stored block, so more blocks may follow).
Per response, the tail ``<script nonce=…></script></body></html>`` is added
as one final stored block, and the gzip trailer (CRC-32 and length, RFC 1952
§2.3.1) is finished from the CRC kept for the stored part. That costs a few
microseconds and stays one gzip member (Chromium stops reading at the end of
the first member, so a second member cannot be used).
"""

from __future__ import annotations

import secrets
import struct
import zlib
from dataclasses import dataclass

#: Where every serialised page ends; the tail goes in its place.
END = b"</body></html>"
SCRIPT_SRC = "/static/reader.js"

# RFC 1952 §2.3: magic, CM=deflate, no flags, MTIME=0, XFL=0, OS=unknown.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def new_nonce() -> str:
    # 128 bits from the OS generator, base64url: valid in a CSP nonce-source.
    return secrets.token_urlsafe(16)


def tail(nonce: str) -> bytes:
    # ``defer``: the controls start once the page is parsed; the tag is the
    # last thing in the body, so nothing waits for it.
    return f'<script nonce="{nonce}" src="{SCRIPT_SRC}" defer></script>'.encode() + END


@dataclass(frozen=True)
class OpenPage:
    """A rendered page without its tail: plain bytes and an open gzip stream."""

    head: bytes
    #: gzip header + deflate of ``head``, sync-flushed, no final block yet.
    gzip_open: bytes
    crc: int

    @classmethod
    def from_html(cls, html: bytes, *, compressed: bool = True) -> OpenPage:
        """Split a serialised page before its closing tags and compress the rest."""
        head = html[: -len(END)] if html.endswith(END) else html
        if not compressed:
            return cls(head, b"", zlib.crc32(head))
        # Level 6 costs ~2 ms on 150 KB once per render and saves ~80 % per hit.
        deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        stream = _GZIP_HEADER + deflate.compress(head) + deflate.flush(zlib.Z_SYNC_FLUSH)
        return cls(head, stream, zlib.crc32(head))

    def plain(self, nonce: str) -> bytes:
        return b"".join(self.parts(nonce, gzip=False))

    def gzipped(self, nonce: str) -> bytes:
        return b"".join(self.parts(nonce, gzip=True))

    def parts(self, nonce: str, *, gzip: bool) -> tuple[bytes, bytes]:
        """The stored part (the same object every time, never copied) and this response's end."""
        end = tail(nonce)
        if not gzip:
            return self.head, end
        size = len(end)
        # Final stored block: BFINAL=1, BTYPE=00, then LEN and its complement.
        block = b"\x01" + struct.pack("<HH", size, size ^ 0xFFFF) + end
        trailer = struct.pack("<II", zlib.crc32(end, self.crc), (len(self.head) + size) & 0xFFFFFFFF)
        return self.gzip_open, block + trailer
