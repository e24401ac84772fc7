from pathlib import Path

import pytest

from a11y_proxy.speech.pinyin import (
    PronunciationError,
    install_pronunciations,
    load_pronunciations,
    parse_pronunciations,
    to_pinyin,
)

CONFIG = Path(__file__).resolve().parents[2] / "config" / "pronunciations.txt"


@pytest.fixture(scope="module", autouse=True)
def _operator_file() -> None:
    install_pronunciations(load_pronunciations(CONFIG).entries)


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("银行行长", "yin2 hang2 hang2 zhang3"),
        ("重庆市", "chong2 qing4 shi4"),
        ("国务院", "guo2 wu4 yuan4"),
        ("绿色", "lv4 se4"),
    ],
)
def test_polyphones_read_in_context(text: str, pinyin: str) -> None:
    assert to_pinyin(text) == pinyin


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("不断", "bu2 duan4"),
        ("不属于", "bu4 shu3 yu2"),
        ("一律", "yi2 lv4"),
        ("一些", "yi4 xie1"),
        ("统一规划", "tong3 yi1 gui1 hua4"),
        ("第一", "di4 yi1"),
        ("一月", "yi1 yue4"),
        ("一九九八", "yi1 jiu3 jiu3 ba1"),
        ("一万", "yi2 wan4"),
        ("百分之一百", "bai3 fen1 zhi1 yi4 bai3"),
        ("一至九月", "yi1 zhi4 jiu3 yue4"),
    ],
)
def test_yi_and_bu_change_tone_except_when_counted(text: str, pinyin: str) -> None:
    assert to_pinyin(text) == pinyin


def test_wei_before_a_value_is_wei2() -> None:
    assert to_pinyin("标准为每人") == "biao1 zhun3 wei2 mei3 ren2"


def test_operator_file_sets_place_names() -> None:
    assert to_pinyin("乐亭县") == "lao4 ting2 xian4"
    assert to_pinyin("六安市") == "lu4 an1 shi4"
    assert to_pinyin("昆都仑区") == "kun1 du1 lun2 qu1"


def test_an_added_entry_changes_the_reading() -> None:
    before = to_pinyin("喆喆园")
    install_pronunciations(parse_pronunciations("喆喆园 ji2 ji2 yuan2"))
    assert to_pinyin("喆喆园") == "ji2 ji2 yuan2" != before


def test_punctuation_is_a_pause_and_symbols_are_silent() -> None:
    assert to_pinyin("你好,世界★") == "ni3 hao3, shi4 jie4"


@pytest.mark.parametrize("line", ["乐亭 lao4", "乐亭 lao ting", "乐亭 lao4 ting2 xian4"])
def test_bad_pronunciation_lines_name_the_line(line: str) -> None:
    with pytest.raises(PronunciationError, match=r"test:2:"):
        parse_pronunciations(f"# comment\n{line}\n", source="test")


def test_the_shipped_pronunciation_file_is_valid() -> None:
    entries = load_pronunciations(CONFIG).entries
    assert entries["包头"] == ["bao1", "tou2"]
