from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from a11y_proxy.hosts import Allowlist, parse_host_pattern
from a11y_proxy.passes import script_datastores
from a11y_proxy.pipeline import render_html
from tests.passes.helpers import run_pass

HANWEB = (Path(__file__).resolve().parent.parent / "fixtures/shapes/hanweb-jpage-column.html").read_text(
    "utf-8"
)


def store(*records: str, total: str = "") -> str:
    cdata = "".join(f"<record><![CDATA[{r}]]></record>" for r in records)
    return f'<script type="text/xml"><datastore>{total}<recordset>{cdata}</recordset></datastore></script>'


def test_the_records_only_a_script_showed_become_the_list() -> None:
    tree, _ = run_pass(
        script_datastores.run, f'<div id="1">{store("<li><a href=/a>甲</a></li>", "<li>乙</li>")}</div>'
    )
    ul = tree.css_first("div#1 > ul.a11y-proxy-records")
    assert [li.text() for li in ul.css("li")] == ["甲", "乙"]
    assert tree.css_first("ul a").attrs["href"] == "/a"


def test_records_made_for_the_list_or_table_they_sit_in_take_the_scripts_place() -> None:
    tree, _ = run_pass(script_datastores.run, f"<ul class=news>{store('<li>甲</li>', '<li>乙</li>')}</ul>")
    assert [li.text() for li in tree.css("ul.news > li")] == ["甲", "乙"] and len(tree.css("ul")) == 1
    tree, _ = run_pass(
        script_datastores.run,
        f"<table><tbody>{store('<tr><td>甲</td></tr>', '<tr><td>乙</td></tr>')}</tbody></table>",
    )
    assert [td.text() for td in tree.css("table td")] == ["甲", "乙"]


def test_a_reader_is_told_how_many_records_are_not_shown() -> None:
    tree, _ = run_pass(
        script_datastores.run, f"<div>{store('<li>甲</li>', total='<totalrecord>1095</totalrecord>')}</div>"
    )
    assert [li.text() for li in tree.css("ul li")] == ["甲", "共 1095 条,此处列出前 1 条"]
    tree, _ = run_pass(
        script_datastores.run, f"<div>{store('<li>甲</li>', total='<totalrecord>1</totalrecord>')}</div>"
    )
    assert len(tree.css("li")) == 1


def test_a_script_that_is_not_a_datastore_is_left_alone() -> None:
    html = '<div><script>var s = "<record><![CDATA[<li>x</li>]]></record>";</script></div>'
    tree, _ = run_pass(script_datastores.run, html)
    assert tree.css_first("li") is None


def test_a_hanweb_column_page_shows_its_notices_in_every_mode_with_no_script_from_them() -> None:
    allow = Allowlist((parse_host_pattern("www.example.gov.cn"),))
    for mode in ("a11y", "elder", "text"):
        out = render_html(
            HANWEB.encode("utf-8"),
            "text/html",
            url="http://www.example.gov.cn/col/col1229/index.html",
            mode=mode,
            allowlist=allow,
        ).body.decode("utf-8")
        tree = LexborHTMLParser(out)
        main = tree.css_first("main")
        titles = [a.attrs.get("title") for a in main.css("a[href*='/art/2021/']")]
        assert titles[0] == "关于开展2021年度价格监测工作的通知" and len(titles) == 5, mode
        assert all(
            a.attrs["href"].startswith(f"/{mode}/http://www.example.gov.cn/art/")
            for a in main.css("a[title]")
        )
        assert "共 1095 条,此处列出前 5 条" in main.text()
        assert "alert(1)" not in out and "onclick" not in out and "count(5851)" not in out
