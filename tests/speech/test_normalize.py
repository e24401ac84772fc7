import pytest

from a11y_proxy.speech.normalize import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("2023年3月5日", "二〇二三年三月五日"),
        ("2023-03-05发布", "二〇二三年三月五日发布"),
        ("更新:2024/01/08", "更新:二〇二四年一月八日"),
        ("2019—2023年", "二〇一九至二〇二三年"),
        ("1—9月", "一至九月"),
        ("14:30", "十四点三十分"),
        ("9:05", "九点零五分"),
        ("湘政办发〔2020〕12号", "湘政办发二〇二〇年十二号"),
        ("[2021]第3号", "二〇二一年第三号"),
        ("增长12.5%", "增长百分之十二点五"),
        ("5%-10%", "百分之五至百分之十"),
        ("3.5‰", "千分之三点五"),
        ("增速为-1.5%", "增速为负百分之一点五"),
        ("¥800元", "八百元"),
        ("$5", "五美元"),
        ("3-5km", "三至五公里"),
        ("25㎡", "二十五平方米"),
        ("12万㎡", "十二万平方米"),
        ("38℃", "三十八摄氏度"),
        ("1/3", "三分之一"),
        ("1,234,567元", "一百二十三万四千五百六十七元"),
        ("第1季度", "第一季度"),
    ],
)
def test_written_forms_become_words(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("电话:0731-88665000", "电话:零七三幺,八八六六五零零零"),
        ("拨打12345政务服务便民热线", "拨打幺二三四五政务服务便民热线"),
        ("12345热线", "幺二三四五热线"),
        ("13812345678", "幺三八幺二三四五六七八"),
        ("请拨打119", "请拨打幺幺九"),
    ],
)
def test_phone_and_hotline_numbers_are_read_digit_by_digit(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_the_same_digits_as_a_quantity_are_grouped_by_wan() -> None:
    assert normalize("12345元") == "一万两千三百四十五元"


def test_codes_after_a_cue_are_read_digit_by_digit() -> None:
    assert normalize("邮编:014030") == "邮编:零一四零三零"


def test_text_without_numbers_is_unchanged() -> None:
    assert normalize("国务院办公厅关于印发通知") == "国务院办公厅关于印发通知"
