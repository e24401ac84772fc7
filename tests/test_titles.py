import pytest

from a11y_proxy.titles import split_title


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        (
            "2023年政府信息公开工作年度报告_昆都仑区人民政府",
            ["2023年政府信息公开工作年度报告", "昆都仑区人民政府"],
        ),
        ("通知 - 某市人民政府 | 首页", ["通知", "某市人民政府", "首页"]),
        ("要闻 – 某县政府", ["要闻", "某县政府"]),
        ("首页 &gt; 政务公开", ["首页", "政务公开"]),
        ("只有标题", ["只有标题"]),
        ("", []),
        (" - ", []),
    ],
)
def test_titles_split_into_page_title_first_and_site_name_last(title: str, parts: list[str]) -> None:
    assert split_title(title) == parts
