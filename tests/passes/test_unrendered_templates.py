from __future__ import annotations

from a11y_proxy.passes import unrendered_templates
from tests.conftest import render_corpus_page
from tests.passes.helpers import run_pass

# The pass runs after the link passes: a script's javascript: address is gone,
# so each link to nowhere is written here as the link pass leaves it, <a> alone.
RELATED = (
    '<div class="links_con" ms-controller="list" ms-if="havXglj"><span>相关链接：</span>'
    '<p ms-repeat="list" ms-if-loop="el._doctype===\'相关链接\'">'
    '<a ms-attr-title="el.title" ms-attr-href="el.url" ms-text="el.title" target="_blank"></a></p></div>'
)
ARTICLE = "<div class=article><p>" + "本报告根据条例编制。" * 10 + "</p></div>"


def test_an_avalon_row_bound_to_data_goes_and_the_label_left_over_nothing_with_it() -> None:
    tree, _ = run_pass(unrendered_templates.run, RELATED + ARTICLE)
    assert tree.css_first("[ms-repeat]") is None
    assert "相关链接" not in tree.body.text()  # type: ignore[union-attr]
    assert "本报告根据条例编制" in tree.body.text()  # type: ignore[union-attr]


def test_rows_of_placeholders_go_in_vue_and_angularjs_templates() -> None:
    html = (
        '<ul id="app"><li v-for="item in list"><a :href="item.url">{{ item.title }}</a></li></ul>'
        '<ul><li data-ng-repeat="x in news"><a ng-href="{{x.url}}" href="/a11y/http://www.x.gov.cn/%7B%7Bx.url%7D%7D">'
        '{{x.title}}</a><img ng-src="{{x.pic}}" src="/a11y/http://www.x.gov.cn/%7B%7Bx.pic%7D%7D"></li></ul>'
        + ARTICLE
    )
    tree, _ = run_pass(unrendered_templates.run, html)
    assert tree.css_first("li") is None
    assert "{{" not in tree.html  # type: ignore[operator]


def test_rows_a_framework_rendered_before_the_page_was_saved_stay() -> None:
    # nfra.gov.cn's saved page: AngularJS keeps ng-repeat on each rendered row.
    html = (
        '<ul><li ng-repeat="x in list"><a ng-href="/c/1.html" href="/c/1.html">行政处罚信息公开表</a></li>'
        '<li ng-repeat="x in list"><img ng-src="/p/2.jpg" src="/p/2.jpg" alt=""></li></ul>'
        '<div ng-show="list.length"><a href="/more">更多</a></div>'
    )
    tree, _ = run_pass(unrendered_templates.run, html)
    assert len(tree.css("li")) == 2 and tree.css_first("div a[href]") is not None


def test_a_conditional_block_of_the_scripts_controls_goes() -> None:
    # pingtan.gov.cn: both login systems' links written, one pair shown by ms-if;
    # the 全真版 | 文字版 switch and 文件下载, shown when a scanned copy exists.
    html = (
        '<em ms-visible="!isLogin"><a id="logined" ms-if="!isStatic" ms-click="$login">登录</a>'
        '<a id="logined" ms-if="isStatic">登录</a><a id="registered" ms-click="$register">注册</a></em>'
        '<div class="tabs_hd" ms-controller="QzbView" ms-visible="qzbFile!=\'\'"><ul>'
        '<li ms-click="$togs(0)"><a>全真版</a></li><li ms-click="$togs(1)"><a>文字版</a></li></ul>'
        '<a ms-attr-href="qzbFile" title="文件下载" class="download"><i class="icon"></i>文件下载</a></div>'
        '<div v-show="open"><button type="button">关闭</button></div>' + ARTICLE
    )
    tree, _ = run_pass(unrendered_templates.run, html)
    text = tree.body.text()  # type: ignore[union-attr]
    for words in ("登录", "注册", "全真版", "文件下载"):
        assert words not in text, words
    # A control is the reader's to use (dead_controls decides about a button).
    assert tree.css_first("button") is not None


def test_a_conditional_block_with_content_a_real_link_or_a_form_stays() -> None:
    html = (
        '<div ng-if="loaded"><p>' + "政府信息公开工作年度报告全文。" * 3 + "</p></div>"
        '<span v-if="x"><a href="/zwgk/">政务公开</a></span>'
        '<form ms-if="!isStatic" action="/s"><input name="q"></form>'
        '<h3 v-else><a name="t1"></a>通知公告</h3>'
        '<div ms-visible="a"><span>发布时间：2024-03-08</span></div>'
    )
    tree, _ = run_pass(unrendered_templates.run, html)
    assert tree.css_first("div[ng-if] p") is not None
    assert tree.css_first("span[v-if] a[href]") is not None
    assert tree.css_first("form input") is not None
    # A fragment target has no words: not a link to nowhere.
    assert tree.css_first("h3").text() == "通知公告"  # type: ignore[union-attr]
    # Words alone, with no control of the script's, are the page's own.
    assert "发布时间" in tree.body.text()  # type: ignore[union-attr]


def test_a_row_filter_is_not_a_condition_and_a_page_without_a_framework_is_untouched() -> None:
    html = '<div><a ms-if-loop="$index<4">热词</a></div><p class="ms-title">通知</p>' + ARTICLE
    tree, _ = run_pass(unrendered_templates.run, html)
    assert "热词" in tree.body.text()  # type: ignore[union-attr]
    plain = "<div><p>通知</p><a>首页</a></div>"
    tree, _ = run_pass(unrendered_templates.run, plain)
    assert tree.body.html == "<body>" + plain + "</body>"  # type: ignore[union-attr]


def test_the_pingtan_report_loses_the_dead_switches_and_keeps_its_elder_link_and_text() -> None:
    a11y = render_corpus_page("pingtan-2023-zfxxgk-annual-report.html", "a11y")
    # The report itself speaks of 全真版 uploads: the switch's words stood alone.
    alone = {" ".join(n.text().split()) for n in a11y.css("body *") if n.tag not in ("script", "style")}
    for words in ("全真版", "文字版", "文件下载", "相关链接：", "热门搜索：", "登录 登录 注册 注册"):
        assert words not in alone, words
    # The portal's own 长者模式 switch, a script link shown while !isSlb, leads to 适老版.
    switch = a11y.css_first("a.a11y-proxy-switch")
    assert switch is not None and switch.text() == "长者模式"
    assert switch.attrs["href"].startswith("/elder/")
    elder = render_corpus_page("pingtan-2023-zfxxgk-annual-report.html", "elder")
    main = elder.css_first("main").text()  # type: ignore[union-attr]
    assert (
        "全真版文字版" not in "".join(main.split()) and "本报告根据《中华人民共和国政府信息公开条例》" in main
    )
    assert len(elder.css("main table")) >= 3


def test_a_form_whose_address_only_the_framework_knew_goes_and_one_with_its_own_stays() -> None:
    # The link pass gave an action-less form the page's own address.
    here = "/a11y/http://www.x.gov.cn/zwgk/page.html"
    html = (
        f'<form ms-attr-action="searchAction" ms-if="!isStatic" action="{here}">'
        '<input type="text" ms-duplex="keyword" aria-label="搜索"><button>搜索</button></form>'
        f'<form :action="api.url" action="{here}"><input name="q"></form>'
        '<form ms-attr-action="searchAction" action="/a11y/http://www.x.gov.cn/ssp/main/index.html">'
        '<input name="key"></form>'
        f'<form action="{here}"><input name="page"></form>' + ARTICLE
    )
    tree, _ = run_pass(unrendered_templates.run, html)
    assert [f.css_first("input").attrs.get("name") for f in tree.css("form")] == ["key", "page"]
