"""A stored page gets its script tag with a new nonce per response, gzip included."""

from __future__ import annotations

import gzip
import zlib

from a11y_proxy.cache import Entry
from a11y_proxy.script_tail import END, new_nonce, tail

PAGE = (
    "<!DOCTYPE html><html><head></head><body><p>" + "政府信息公开工作年度报告 " * 4000 + "</p>"
).encode() + END


def page_entry(html: bytes, *, compressed: bool = True) -> Entry:
    return Entry.for_page(
        html, compressed=compressed, content_type="text/html", final_url="u", ttl=1, stored_at=0
    )


def test_gzipped_output_is_one_valid_member_equal_to_the_plain_output() -> None:
    page = page_entry(PAGE)
    nonce = new_nonce()
    plain = page.output(nonce, gzip=False)
    assert plain == PAGE[: -len(END)] + tail(nonce)
    assert plain.endswith(
        f'<script nonce="{nonce}" src="/static/reader.js" defer></script></body></html>'.encode()
    )
    packed = page.output(nonce, gzip=True)
    assert gzip.decompress(packed) == plain  # checks the CRC-32 and length too
    # One member, nothing after it: a browser reads only the first member.
    inflate = zlib.decompressobj(wbits=31)
    assert inflate.decompress(packed) == plain and inflate.eof and inflate.unused_data == b""
    assert len(packed) < len(plain) // 5


def test_every_nonce_is_new_and_valid_in_a_policy() -> None:
    nonces = {new_nonce() for _ in range(1000)}
    assert len(nonces) == 1000
    assert all(len(n) == 22 and n.replace("-", "").replace("_", "").isalnum() for n in nonces)


def test_tiny_and_unterminated_pages_still_make_valid_gzip() -> None:
    for html in (b"", END, b"<p>x", "<p>喆</p>".encode()):
        page = page_entry(html)
        assert gzip.decompress(page.output("abc", gzip=True)) == page.output("abc", gzip=False)


def test_an_uncompressed_page_entry_serves_plain_even_when_gzip_is_accepted() -> None:
    entry = page_entry(PAGE, compressed=False)
    assert entry.output("n", gzip=True) == PAGE[: -len(END)] + tail("n")
    assert entry.etag.startswith('W/"')


def test_other_entries_are_served_as_stored() -> None:
    entry = Entry(b"body{}", "text/css", "u", 1, 0, gzipped=b"gz")
    assert entry.output("n", gzip=True) == b"gz" and entry.output("n", gzip=False) == b"body{}"
    assert entry.etag.startswith('"')
