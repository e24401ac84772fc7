"""Government Chinese as it is said: numbers, dates, codes and symbols to words.

Portal text is full of written forms that a synthesiser reads wrongly or not
at all: 2023年 (a year: 二〇二三, digit by digit), 12345 (a quantity, 一万二千
三百四十五, or the 12345 hotline, 幺二三四五), 〔2020〕2号, 0.5%, 14:30,
1—9月, 0731-88665000, 25㎡. :func:`normalize` rewrites one run of Chinese
text (Latin words are split off before, see :mod:`.chunks`) into characters
only, so the next stage (:mod:`.pinyin`) has nothing left to guess but the
reading of each character.

The rules run in a fixed order, most specific first: a phone number must be
recognised before its digits are read as a quantity, a date before its parts
are read as a range. Each rule is one regular expression and one function;
the order is the list :data:`RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import numbers

_NUM = r"\d+(?:[,,]\d{3})*(?:\.\d+)?"
_DASH = r"[-—–~～－至到]"

#: Symbols and units after a number, as words (GB 3100 unit names as spoken).
UNITS: dict[str, str] = {
    "km²": "平方公里",
    "km2": "平方公里",
    "m²": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "m³": "立方米",
    "m3": "立方米",
    "km": "公里",
    "㎞": "公里",
    "cm": "厘米",
    "mm": "毫米",
    "kg": "千克",
    "mg": "毫克",
    "kWh": "千瓦时",
    "kW·h": "千瓦时",
    "kw": "千瓦",
    "kW": "千瓦",
    "MW": "兆瓦",
    "GW": "吉瓦",
    "mL": "毫升",
    "ml": "毫升",
    "L": "升",
    "m": "米",
    "g": "克",
    "t": "吨",
    "h": "小时",
    "min": "分钟",
    "s": "秒",
    "℃": "摄氏度",
    "°C": "摄氏度",
    "°": "度",
    "‰": "千分之",  # handled by the percent rule; listed for the unit pattern
}
UNIT_PATTERN = "|".join(re.escape(u) for u in sorted((u for u in UNITS if u != "‰"), key=len, reverse=True))

#: Words before a number that make it a phone, fax or hotline number.
_PHONE_CUE = r"(?:电话|热线|传真|手机|号码|联系方式|咨询|拨打|致电|举报|投诉|服务台|Tel|TEL|tel|Fax|FAX)"
#: Short service numbers read digit by digit (12345 政务服务便民热线, 110, 12315…).
_HOTLINES = (
    r"(?:12345|12315|12319|12320|12333|12348|12355|12358|12366|12369|12388|12390|12110|110|119|120|122)"
)
#: Codes read digit by digit after these words (postcodes, account and ID numbers).
_CODE_CUE = r"(?:邮编|邮政编码|账号|帐号|代码|编号|证号|身份证|卡号|编码|工号|QQ|qq)"

_SYMBOLS: dict[str, str] = {
    "≥": "大于等于",
    "≤": "小于等于",
    ">": "大于",
    "<": "小于",
    "=": "等于",
    "×": "乘",
    "÷": "除以",
    "+": "加",
    "&": "和",
    "@": "",
    "#": "号",
    "№": "第",
    "~": "至",
    "～": "至",
    "﹪": "",
    # Unit symbols that never mean anything else, also after 万 (12万㎡).
    "㎡": "平方米",
    "㎞": "公里",
    "℃": "摄氏度",
}


def _year_or_number(text: str) -> str:
    return numbers.year(text) if len(text) == 4 else numbers.decimal(text)


def _date(m: re.Match[str]) -> str:
    y, mo, d = m.group("y"), m.group("mo"), m.group("d")
    out = numbers.year(y) + "年" + numbers.cardinal(int(mo)) + "月"
    if d:
        out += numbers.cardinal(int(d)) + (m.group("dsuf") or "日")
    return out


def _time(m: re.Match[str]) -> str:
    hour, minute, second = int(m.group("h")), int(m.group("mi")), m.group("s")
    out = numbers.cardinal(hour) + "点"
    if minute or second:
        out += ("零" if minute < 10 else "") + numbers.cardinal(minute) + "分"
    if second:
        s = int(second)
        out += ("零" if s < 10 else "") + numbers.cardinal(s) + "秒"
    return out


def _year_range(m: re.Match[str]) -> str:
    return numbers.year(m.group(1)) + "至" + numbers.year(m.group(2))


def _document_number(m: re.Match[str]) -> str:
    # 〔2020〕12号: the bracketed year is read digit by digit, the brackets are silent.
    number = numbers.cardinal(int(m.group(3))) if m.group(3) else ""
    return numbers.year(m.group(1)) + "年" + m.group(2) + number


def _percent_range(m: re.Match[str]) -> str:
    word = "千分之" if m.group(3) == "‰" else "百分之"
    return word + numbers.decimal(m.group(1)) + "至" + word + numbers.decimal(m.group(2))


def _percent(m: re.Match[str]) -> str:
    value = m.group(1)
    word = "千分之" if m.group(2) == "‰" else "百分之"
    if value[:1] in "-−－":
        return "负" + word + numbers.decimal(value[1:])
    return word + numbers.decimal(value)


def _unit_word(unit: str | None) -> str:
    return UNITS.get(unit, "") if unit else ""


def _range(m: re.Match[str]) -> str:
    # 3-5km: the unit is said once, after the range (三至五公里).
    return numbers.decimal(m.group(1)) + "至" + numbers.decimal(m.group(2)) + _unit_word(m.group(3))


def _money(m: re.Match[str]) -> str:
    currency = "美元" if m.group(1) == "$" else "元"
    # "¥800元" is written, "八百元" is said once.
    return numbers.decimal(m.group(2)) + (m.group(3) or currency).strip()


def _fraction(m: re.Match[str]) -> str:
    return numbers.cardinal(int(m.group(2))) + "分之" + numbers.cardinal(int(m.group(1)))


def _number_unit(m: re.Match[str]) -> str:
    return numbers.decimal(m.group(1)) + UNITS[m.group(2)]


def _phone(m: re.Match[str]) -> str:
    return numbers.phone(m.group(0))


def _cued_phone(m: re.Match[str]) -> str:
    return m.group(1) + numbers.phone(m.group(2))


def _cued_code(m: re.Match[str]) -> str:
    return m.group(1) + numbers.digits(m.group(2))


def _ordinal_or_count(m: re.Match[str]) -> str:
    text = m.group(0)
    whole = text.replace(",", "").replace(",", "").partition(".")[0]
    if len(whole) > 1 and whole.startswith("0"):
        return numbers.digits(text.replace(".", "点"))
    return numbers.decimal(text)


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

#: The rewrite rules, in the order they run (most specific first).
RULES: tuple[Rule, ...] = (
    # A phone number after a cue word, whatever its shape: 电话:0731-88665000, 热线12345.
    (re.compile(rf"({_PHONE_CUE}[::\s]*)(\(?\d[\d\-— ()()]{{1,}}\d)"), _cued_phone),
    # Landlines with area code, mobiles, hotlines before 热线 or a service name.
    (re.compile(r"(?<![\d.])[((]?0\d{2,3}[))]?[-— ]?\d{7,8}(?:-\d{1,5})?(?![\d.])"), _phone),
    (re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])"), _phone),
    (re.compile(rf"(?<![\d.]){_HOTLINES}(?=[^\d.]{{0,6}}?(?:热线|便民|服务|平台|专线))"), _phone),
    (re.compile(rf"({_CODE_CUE}[::\s]*)([0-9]{{4,}}[0-9Xx]?)"), _cued_code),
    # Dates: 2023年3月5日, 2023-03-05, 2023/3/5, 2023.3.5.
    (
        re.compile(
            r"(?<!\d)(?P<y>(?:1[89]|20)\d\d)\s*(?:年|[-/.](?=\d{1,2}[-/.]\d))\s*(?P<mo>1[0-2]|0?[1-9])\s*[月\-/.]"
            r"\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*(?P<dsuf>[日号])?)?(?!\d)"
        ),
        _date,
    ),
    # 2019—2023年, 2019-2021: years on both sides.
    (
        re.compile(rf"(?<!\d)((?:1[89]|20)\d\d)\s*{_DASH}\s*((?:1[89]|20)\d\d)(?=\s*年|\D|$)(?!\d)"),
        _year_range,
    ),
    # 〔2020〕12号, [2020]12号, 【2020】第3号.
    (
        re.compile(r"[〔\[【((﹝]\s*((?:1[89]|20)\d\d)\s*[〕\]】))﹞]\s*(第?)\s*(\d+)?(?=\s*号)"),
        _document_number,
    ),
    # A year: four digits before 年 / 年度 / 届.
    (re.compile(r"(?<![\d.])(\d{4})(?=\s*(?:年|届))"), lambda m: numbers.year(m.group(1))),
    # Times: 14:30, 9:05:30.
    (
        re.compile(r"(?<![\d.])(?P<h>[01]?\d|2[0-3])[::](?P<mi>[0-5]\d)(?:[::](?P<s>[0-5]\d))?(?![\d.])"),
        _time,
    ),
    # Percentages: 5%-10%, 12.5%, -3.2%, 3‰.
    (re.compile(rf"({_NUM})[%%‰]?\s*{_DASH}\s*({_NUM})\s*([%%‰])"), _percent_range),
    (re.compile(rf"([-−－]?{_NUM})\s*([%%‰])"), _percent),
    # Money with a currency sign.
    (re.compile(rf"([¥￥$])\s*({_NUM})(\s*元)?"), _money),
    # Ranges: 1—9月, 10~20人, 3-5km.
    (re.compile(rf"(?<![\d.])({_NUM})\s*{_DASH}\s*({_NUM})\s*({UNIT_PATTERN})?(?![A-Za-z])"), _range),
    # Fractions: 1/3.
    (re.compile(r"(?<![\d/])(\d{1,3})/(\d{1,3})(?![\d/])"), _fraction),
    # A number with a unit symbol: 25㎡, 3.5km, 38℃.
    (re.compile(rf"({_NUM})\s*({UNIT_PATTERN})(?![A-Za-z²³])"), _number_unit),
    # Every other number: a quantity (or digits when it starts with 0).
    (re.compile(rf"[-−－]?{_NUM}"), _ordinal_or_count),
)

_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in _SYMBOLS))
_SPACE_RE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Rewrite numbers, dates, codes and symbols in one run of Chinese text as characters."""
    text = text.replace("\u3000", " ")
    for pattern, replace in RULES:
        text = pattern.sub(replace, text)
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(0)], text)
    return _SPACE_RE.sub(" ", text).strip()
