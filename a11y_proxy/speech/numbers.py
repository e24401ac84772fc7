"""Arabic numbers as they are read aloud in Mandarin.

Chinese groups digits by 万 (10^4) and 亿 (10^8), not by thousands: 12345 is
一万二千三百四十五, which espeak-ng's Mandarin voice gets wrong ("十二千…").
The rules here follow 《出版物上数字用法》 GB/T 15835-2011 in reverse
(how a written number is said) and common broadcast practice:

- a zero run inside a number is read once as 零 (1005 一千零五, 10010 一万零一十);
- a leading 一十 is read 十 (15 十五), but not inside (115 一百一十五);
- 2 before 千, 万 and 亿 is 两 (2000 两千, 20000 两万, 12000 一万两千);
- decimals read each digit after 点 (3.14 三点一四);
- codes, years and phone numbers are read digit by digit, phone and hotline
  digits with 1 as 幺 (yāo), the way operators and broadcasters say them.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_GROUP_UNITS = ("", "万", "亿", "万亿")
_PLACE_UNITS = ("千", "百", "十", "")


def _group(value: int) -> str:
    """0 < value < 10000, read with 千百十; inner zero runs become one 零."""
    out: list[str] = []
    pending_zero = False
    for digit_char, unit in zip(f"{value:04d}", _PLACE_UNITS, strict=True):
        digit = int(digit_char)
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        word = "两" if digit == 2 and unit == "千" else DIGITS[digit]
        out.append(word + unit)
    return "".join(out)


def cardinal(value: int) -> str:
    """An integer as a Mandarin number word: 12345 -> 一万二千三百四十五."""
    if value < 0:
        return "负" + cardinal(-value)
    if value == 0:
        return "零"
    if value >= 10**16:
        # Beyond 万亿 nobody reads the number as a quantity: say the digits.
        return digits(str(value))
    groups: list[int] = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    out = ""
    zero_gap = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_gap = bool(out)
            continue
        if out and (zero_gap or group < 1000):
            out += "零"
        words = _group(group)
        if words == "二" and index > 0:
            words = "两"  # 两万, 两亿
        out += words + _GROUP_UNITS[index]
        zero_gap = False
    if out.startswith("一十"):
        out = out[1:]
    return out


def digits(text: str, *, one: str = "一", zero: str = "零") -> str:
    """Each digit on its own: codes, years (zero as 〇), phone numbers (one as 幺)."""
    return "".join(
        (one if ch == "1" else zero if ch == "0" else DIGITS[int(ch)]) if ch.isdigit() else ch for ch in text
    )


def year(text: str) -> str:
    """A year, digit by digit: 2023 -> 二〇二三."""
    return digits(text, zero="〇")


def phone(text: str) -> str:
    """A phone or hotline number: digits, 1 as 幺, separators as short pauses."""
    return "".join(
        digits(ch, one="幺") if ch.isdigit() else "," for ch in text if ch.isdigit() or ch in "-— "
    ).strip(",")


def decimal(text: str) -> str:
    """A written number with optional sign, thousands commas and decimals."""
    text = text.replace(",", "").replace(",", "")
    sign = ""
    if text[:1] in "-−－":
        sign, text = "负", text[1:]
    elif text[:1] in "+＋":
        sign, text = "正", text[1:]
    whole, _, fraction = text.partition(".")
    if (len(whole) > 1 and whole.startswith("0")) or len(whole) > 16:
        spoken = digits(whole)
    else:
        spoken = cardinal(int(whole)) if whole else "零"
    if fraction:
        spoken += "点" + digits(fraction)
    return sign + spoken
