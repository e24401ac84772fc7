import pytest

from a11y_proxy.speech import numbers


@pytest.mark.parametrize(
    ("value", "spoken"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (110, "一百一十"),
        (105, "一百零五"),
        (1005, "一千零五"),
        (2000, "两千"),
        (2200, "两千二百"),
        (10010, "一万零一十"),
        (12345, "一万两千三百四十五"),
        (20000, "两万"),
        (100000, "十万"),
        (1000001, "一百万零一"),
        (200000000, "两亿"),
        (120000000, "一亿两千万"),
        (100000000, "一亿"),
        (-5, "负五"),
    ],
)
def test_cardinal_groups_by_wan_and_yi(value: int, spoken: str) -> None:
    assert numbers.cardinal(value) == spoken


def test_years_are_read_digit_by_digit_with_ling() -> None:
    assert numbers.year("2023") == "二〇二三"
    assert numbers.year("1998") == "一九九八"


def test_phone_numbers_read_one_as_yao_and_pause_at_dashes() -> None:
    assert numbers.phone("0472-12345") == "零四七二,幺二三四五"
    assert numbers.phone("110") == "幺幺零"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("3.14", "三点一四"),
        ("0.5", "零点五"),
        ("1,234.5", "一千二百三十四点五"),
        ("-2.3", "负二点三"),
        ("007", "零零七"),
    ],
)
def test_decimal_reads_fraction_digits_after_dian(written: str, spoken: str) -> None:
    assert numbers.decimal(written) == spoken


def test_numbers_too_long_to_be_quantities_are_read_as_digits() -> None:
    assert numbers.cardinal(10**20) == numbers.digits(str(10**20))
