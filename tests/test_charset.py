from __future__ import annotations

import codecs

from a11y_proxy.charset import decode_html, lookup, web_label
from tests.conftest import CORPUS


def test_whatwg_labels_map_gb2312_and_gbk_to_gb18030() -> None:
    for label in ("gb2312", "GBK", "x-gbk", "GB_2312-80", "gb18030"):
        assert lookup(label) == "gb18030"
    assert lookup("big5") == "big5hkscs"
    assert lookup("iso-8859-1") == "cp1252"
    assert lookup("no-such-charset") is None


def test_page_declared_gb2312_with_a_gbk_only_character_comes_out_right() -> None:
    html = '<meta charset="gb2312"><p>联系人:张喆 — 镕</p>'
    decoded = decode_html(html.encode("gbk"))
    assert decoded.encoding == "gb18030" and decoded.source == "meta"
    assert "张喆 — 镕" in decoded.text


def test_http_header_wins_over_meta() -> None:
    data = '<meta charset="utf-8"><p>年报</p>'.encode("gbk")
    decoded = decode_html(data, "text/html; charset=GBK")
    assert decoded.source == "header" and "年报" in decoded.text


def test_bom_wins_over_header_and_meta() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="gbk"><p>年报</p>'.encode()
    assert decode_html(data, "text/html; charset=gbk").text.endswith("<p>年报</p>")


def test_http_equiv_uppercase_unquoted_declaration_is_found() -> None:
    raw = (CORPUS / "stats-qhdm-2018-index-gb2312.html").read_bytes()
    decoded = decode_html(raw, "text/html")
    assert decoded.source == "meta" and decoded.encoding == "gb18030"
    assert "2018年统计用区划代码" in decoded.text
    assert "\ufffd" not in decoded.text


def test_utf16le_with_bom_that_declares_gb2312_is_read_as_utf16() -> None:
    raw = (CORPUS / "xiangtan-gov-utf16le-bom-declares-gb2312.html").read_bytes()
    decoded = decode_html(raw)
    assert decoded.source == "bom" and decoded.encoding == "utf-16le"
    assert "湘潭" in decoded.text
    assert decoded.url_encoding == "utf-8"


def test_utf8_bytes_declared_gb2312_fall_back_to_utf8() -> None:
    raw = (CORPUS / "people-declared-gb2312-utf8-bytes-gne.html").read_bytes()
    decoded = decode_html(raw, "text/html")
    assert decoded.encoding == "utf-8" and decoded.source == "utf-8-fallback"
    assert "郑板桥" in decoded.text


def test_undeclared_gbk_defaults_to_gb18030() -> None:
    for text in (
        "<p>年报</p>",
        "<html><body>" + "昆都仑区人民政府关于2021年度政府信息公开工作年度报告。" * 40,
    ):
        decoded = decode_html(text.encode("gbk"))
        assert decoded.source == "gb18030-default"
        assert decoded.text == text


def test_undeclared_bytes_that_are_not_gb18030_go_to_the_detector() -> None:
    text = "Ελληνικά κείμενα για την ανίχνευση κωδικοποίησης. " * 20
    decoded = decode_html(text.encode("iso-8859-7") + b"\x80\xff")
    assert decoded.source == "detected"


def test_bytes_invalid_in_the_declared_charset_never_raise() -> None:
    decoded = decode_html(b'<meta charset="utf-8"><p>\xff\xfe\x80 ok</p>')
    assert "ok" in decoded.text


def test_a_codec_is_named_to_a_browser_by_a_label_it_knows() -> None:
    for codec in ("gb18030", "big5hkscs", "cp1252", "utf-8", "euc_kr", "shift_jis"):
        assert lookup(web_label(codec)) == codec
    assert web_label("big5hkscs") == "big5" and web_label("cp1252") == "windows-1252"


_REPORT = "<p>" + "本年度政府信息公开工作情况报告，主动公开政府信息。" * 20 + "</p>"


def test_a_header_the_bytes_are_not_written_in_gives_way_to_the_pages_meta() -> None:
    # Apache's AddDefaultCharset UTF-8 over a GBK portal's pages: a browser shows mojibake.
    data = f'<html><head><meta charset="gbk"><title>年报</title></head><body>{_REPORT}</body></html>'.encode(
        "gbk"
    )
    decoded = decode_html(data, "text/html; charset=UTF-8")
    assert decoded.encoding == "gb18030" and decoded.source == "meta-fallback"
    assert "本年度政府信息公开" in decoded.text and "\ufffd" not in decoded.text
    # No meta to go by: GB18030, as for undeclared legacy bytes.
    bare = f"<html><body>{_REPORT}</body></html>".encode("gbk")
    decoded = decode_html(bare, "text/html; charset=utf-8")
    assert decoded.encoding == "gb18030" and decoded.source == "gb18030-fallback"
    assert "主动公开政府信息" in decoded.text


def test_a_declaration_stands_when_only_a_cut_off_character_fails() -> None:
    # A body cut at a size cap ends in part of a character: still UTF-8, with one
    # replacement character, even where a copied <meta> says GBK and the bytes
    # happen to be valid GB18030 (as runs of UTF-8 Chinese often are).
    text = "<p>" + "政府信息公开工作年度报告" * 40 + "政"
    data = f'<html><head><meta charset="gbk"></head><body>{text}'.encode()[:-1]
    assert data.decode("gb18030")  # the trap: valid, and mojibake
    decoded = decode_html(data, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8" and decoded.source == "header"
    assert "政府信息公开工作年度报告" in decoded.text and decoded.text.count("\ufffd") == 1
