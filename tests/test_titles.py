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
        # Breadcrumb titles name the site first: read backwards.
        ("首页 &gt; 政务公开", ["政务公开"]),
        ("网站首页 > 政务公开 > 通知公告", ["通知公告", "政务公开"]),
        ("国家统计局>>统计用区划和城乡划分代码", ["统计用区划和城乡划分代码", "国家统计局"]),
        ("某市政府 » 通知公告", ["通知公告", "某市政府"]),
        ("政务公开｜某市政府", ["政务公开", "某市政府"]),
        ("只有标题", ["只有标题"]),
        ("", []),
        (" - ", []),
    ],
)
def test_titles_split_into_page_title_first_and_site_name_last(title: str, parts: list[str]) -> None:
    assert split_title(title) == parts
