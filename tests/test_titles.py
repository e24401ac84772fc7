import pytest
from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.titles import site_part, split_title


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


@pytest.mark.parametrize(
    ("page", "site"),
    [
        (
            "<title>关于开展执法检查的通知_昆都仑区人民政府</title><h1>关于开展执法检查的通知</h1>",
            "昆都仑区人民政府",
        ),
        ("<title>只有标题</title><h1>只有标题</h1>", ""),
        # camacau.com: the page's heading is its whole title, dash and all; no site in it.
        ("<title>Traffic Statistics - Passengers</title><h2>Traffic  Statistics -\nPassengers</h2>", ""),
        ("<title>Traffic Statistics - Passengers</title><h2>Traffic Statistics</h2>", "Passengers"),
        ("<p>no title</p>", ""),
    ],
)
def test_the_site_is_the_titles_last_part_unless_the_page_heads_itself_with_the_whole_title(
    page: str, site: str
) -> None:
    assert site_part(LexborHTMLParser(page)) == site
