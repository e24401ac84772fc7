"""Pages of the demo portal, in the shape of a TRS-built district portal.

Each page carries what real portals carry and the proxy must deal with: an
XHTML Transitional doctype, a gb2312 meta declaration on GBK bytes (with
喆, which GB2312 lacks), layout tables, script tags and inline handlers, a
floating window (飘窗), a carousel, a QR block, a search box whose only
label is its ``value``, ``javascript:`` links, tabs whose panels a script shows,
a link whose address only its
``onclick`` holds, a drop-down of government sites only a script opens, a
list whose page links only a script writes (TRS ``createPageHTML``), a
column search with no form whose script builds a UTF-8 query for a second
search engine (Hanweb jsearch's shape), a box of links that a script writes
with ``document.writeln`` (Hanweb's 公共资源), and relative URLs of every kind.
"""

from __future__ import annotations

from html import escape

from .report import article_body

SITE_NAME = "智慧昆都仑"
ORG = "包头市昆都仑区人民政府"
#: The real portal the demo is built from: its phone code leads there, as its own does.
REAL_SITE = "http://www.kundulun.gov.cn/"
ARTICLE_PATH = "/zwgk/zfxxgknb/202201/t20220130_1873541.html"
LIST_PATH = "/zwgk/zfxxgknb/index.html"
#: The column pages' 热点专题 box, written by a script as Hanweb's 公共资源 are.
TOPICS_JS_PATH = "/script/0/2201301520341234.js"
TOPICS_JS = (
    "".join(
        f"document.writeln({line!r});\n"
        for line in (
            '<div class="rdzt">',
            '<div class="stit">热点专题</div>',
            "<ul>",
            f'<li><a href="{ARTICLE_PATH}">2021年度政府信息公开工作年度报告</a></li>',
            '<li><a href="/zwgk/ysqgk/index.html">依申请公开指南</a></li>',
            "</ul>",
            "</div>",
        )
    )
    + 'jQuery(function () { jQuery(".rdzt li").hover(function () { jQuery(this).toggleClass("on"); }); });\n'
)
#: Contact name with 喆 (outside GB2312, inside GBK): the page is declared
#: gb2312 like most portals, and must still come out right.
CONTACT = "联系人:张喆"

ARTICLES = [
    (ARTICLE_PATH, "昆都仑区人民政府 关于2021年度政府信息公开工作年度报告", "2022-01-30"),
    (
        "/zwgk/zfxxgknb/202101/t20210128_1761204.html",
        "昆都仑区人民政府 关于2020年度政府信息公开工作年度报告",
        "2021-01-28",
    ),
    (
        "/zwgk/zfxxgknb/202001/t20200131_1650117.html",
        "昆都仑区人民政府 关于2019年度政府信息公开工作年度报告",
        "2020-01-31",
    ),
]
NEWS = [
    "昆都仑区召开2022年政务公开工作推进会",
    "区政务服务中心推出“一窗通办”便民服务",
    "昆都仑区开展政府网站适老化和无障碍改造",
    "关于做好2022年度城乡居民医疗保险缴费工作的通知",
    "昆都仑区2021年国民经济和社会发展统计公报",
]
#: The front page's other tabs beside 要闻动态, each a list a script shows.
TABS = [
    (
        "通知公告",
        "tzgg",
        ["关于2022年春节期间政务服务大厅工作时间的公告", "昆都仑区2022年度公开招聘社区工作者公告"],
    ),
    (
        "政策文件",
        "zcwj",
        [
            "昆都仑区优化营商环境若干措施",
            "昆都仑区城镇老旧小区改造实施方案",
            "关于进一步做好稳就业工作的通知",
        ],
    ),
]


def _head(title: str, base_css: str = "../../css/style.css") -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta http-equiv="X-UA-Compatible" content="IE=EmulateIE7" />
<meta name="SiteName" content="{SITE_NAME}" />
<meta name="SiteIDCode" content="1502030001" />
<title>{escape(title)}</title>
<link href="{base_css}" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; document.write('<img src="http://tongji.example.net/c.gif" />');</script>
</head>"""


def _top(prefix: str) -> str:
    return f"""<body onload="initPage()">
<div class="topbar"><div class="w1200"><a href="javascript:void(0)" onclick="login()">登录</a>
<span class="wza"><a href="javascript:void(0)" onclick="aria.start()">无障碍浏览</a> <a href="javascript:void(0)" onclick="slb.open()">适老版</a></span></div></div>
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center" class="header">
<tr><td width="420"><a href="{prefix}index.html"><img src="{prefix}images/logo.svg" width="400" height="90" border="0" /></a></td>
<td align="right"><form name="searchform" action="/search.jsp" method="get" onsubmit="return checkSearch()">
<input type="text" name="keyword" value="请输入关键字" onfocus="if(this.value=='请输入关键字')this.value=''" class="sinput" />
<input type="image" src="{prefix}images/search.svg" class="sbtn" /></form></td>
<td width="110" class="qr"><img src="{prefix}images/qrcode.png" width="90" height="90" /><p>请用手机<br />扫码访问</p></td></tr>
</table>
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center" class="nav"><tr>
<td><a href="{prefix}index.html">首页</a></td><td><a href="{prefix}zwgk/index.html">政务公开</a></td>
<td><a href="{prefix}zwfw/index.html">政务服务</a></td><td><a href="{prefix}hdjl/index.html">互动交流</a></td>
<td><a href="{prefix}zjkdl/index.html">走进昆都仑</a></td></tr></table>"""


def _footer(prefix: str) -> str:
    return f"""<div class="piaochuang" id="piao" style="position:absolute;left:0;top:300px;z-index:999" onmouseover="stopFloat()">
<a href="{prefix}zwgk/index.html"><img src="{prefix}images/piaochuang.svg" width="180" height="120" /></a>
<a href="javascript:closeFloat()" class="close">关闭</a></div>
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center" class="footer"><tr><td>
<div class="yqlj">政府网站: <select onchange="if(this.value!='')window.open(this.value)">
<option value="">--政府网站--</option>
<option value="http://www.gov.cn/">中国政府网</option>
<option value="https://www.nmg.gov.cn/">内蒙古自治区人民政府</option>
<option value="http://www.baotou.gov.cn/">包头市人民政府</option>
</select></div>
<p>主办单位:{ORG} 承办单位:昆都仑区行政审批和政务服务局 {CONTACT} 电话:0472-5990381</p>
<p>网站标识码:1502030001 <a href="https://beian.miit.gov.cn/" target="_blank">蒙ICP备05004037号</a>
<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=15020302000123" target="_blank">蒙公网安备 15020302000123号</a></p>
<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=0123" target="_blank"><img src="{prefix}images/conac.svg" width="60" height="70" /></a>
<span id="_span_jiucuo"><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1502030001" target="_blank"><img src="{prefix}images/jiucuo.svg" /></a></span></p>
</td></tr></table>
<script type="text/javascript">function initPage(){{}} function checkSearch(){{return true}}</script>
</body>
</html>"""


def index_page() -> str:
    news = "\n".join(
        f'<li><span class="date">2022-0{i + 1}-1{i}</span><a href="zwgk/xwdt/t2022010{i}_{i}.html" target="_blank">'
        f"{escape(t)}</a></li>"
        for i, t in enumerate(NEWS)
    )
    # Tabs as portals write them: labels whose hover a script binds, and every
    # panel but the first hidden inline until it does.
    labels = ["要闻动态", *(label for label, _, _ in TABS)]
    on = {1: ' class="on"'}
    tab_strip = "".join(
        f'<li id="news{i}" onmouseover="setTab(\'news\',{i},{len(labels)})"{on.get(i, "")}>{label}</li>'
        for i, label in enumerate(labels, 1)
    )
    tab_panels = "".join(
        f'<div id="con_news_{i}" style="display:none"><ul class="list">'
        + "".join(
            f'<li><span class="date">2022-0{j + 1}-2{j}</span><a href="zwgk/{folder}/t2022020{j}_{j}.html">{escape(t)}</a></li>'
            for j, t in enumerate(titles)
        )
        + "</ul></div>"
        for i, (_, folder, titles) in enumerate(TABS, 2)
    )
    # The newest report's link is written the way many portals write them: the
    # address only in the script that opens it.
    reports = "\n".join(
        f'<li><a href="javascript:void(0);" onclick="window.open(\'{path[1:]}\')">{escape(title)}</a></li>'
        if index == 0
        else f'<li><a href="{path[1:]}">{escape(title)}</a></li>'
        for index, (path, title, _) in enumerate(ARTICLES)
    )
    return (
        _head(f"{SITE_NAME} {ORG}", "css/style.css")
        + _top("")
        + f"""
<div class="banner" id="slider"><ul class="slides">
<li><a href="zwgk/index.html"><img src="images/banner-zwgk.svg" width="1200" height="300" /></a></li>
<li><a href="zwfw/index.html"><img src="images/banner-zwfw.svg" width="1200" height="300" /></a></li></ul>
<a href="javascript:slider.prev()" class="prev"></a><a href="javascript:slider.next()" class="next"></a></div>
<marquee direction="left" scrollamount="3" class="notice">关于做好2022年度城乡居民医疗保险缴费工作的通知</marquee>
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center"><tr>
<td width="590" valign="top"><div class="box"><div class="tit"><ul class="tab">{tab_strip}</ul><a href="zwgk/xwdt/index.html" class="more">更多</a></div>
<div class="tab-bd"><div id="con_news_1"><ul class="list">{news}</ul></div>{tab_panels}</div></div></td>
<td width="20"><img src="images/spacer.gif" width="20" height="1" /></td>
<td width="590" valign="top"><div class="box"><div class="tit"><span>政府信息公开年报</span><a href="{LIST_PATH[1:]}" class="more">更多</a></div>
<ul class="list">{reports}</ul></div></td></tr></table>
<div class="box"><div class="tit"><span>互动交流</span></div>
<form action="/hdjl/liuyan.jsp" method="post"><p>留言标题 <input type="text" name="title" /></p>
<p>留言内容 <textarea name="content" rows="4" cols="40"></textarea></p><p><input type="submit" value="提交留言" /></p></form></div>
<iframe src="http://weather.example.net/plugin/weather.html" width="200" height="30" frameborder="0" scrolling="no"></iframe>
"""
        + _footer("")
    )


#: Older reports, on the list's second page.
OLDER_ARTICLES = [
    (
        f"/zwgk/zfxxgknb/{year + 1}01/t{year + 1}0130_{1540000 + year}.html",
        f"昆都仑区人民政府 关于{year}年度政府信息公开工作年度报告",
        f"{year + 1}-01-30",
    )
    for year in (2018, 2017, 2016)
]
#: How TRS writes the links between a column's pages: a function in the
#: template and a call with the page count, the current page from 0, the
#: file name and its extension (index.html, index_1.html, ...).
_TRS_PAGER = """<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount <= 1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0){
    document.write("首页&nbsp;上一页&nbsp;");
  } else {
    var nPreIndex = nCurrIndex - 1;
    var sPreFileExt = nPreIndex == 0 ? "" : ("_" + nPreIndex);
    document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
    document.write("<a href=\\"" + _sPageName + sPreFileExt + "." + _sPageExt + "\\">上一页</a>&nbsp;");
  }
  for(var i = 0; i < _nPageCount; i++){
    var sPageFileExt = i == 0 ? "" : ("_" + i);
    if(i == nCurrIndex){ document.write("<span class=\\"cur\\">" + (i + 1) + "</span>&nbsp;"); }
    else { document.write("<a href=\\"" + _sPageName + sPageFileExt + "." + _sPageExt + "\\">" + (i + 1) + "</a>&nbsp;"); }
  }
  if(nCurrIndex == _nPageCount - 1){
    document.write("下一页&nbsp;尾页");
  } else {
    document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex + 1) + "." + _sPageExt + "\\">下一页</a>&nbsp;");
    document.write("<a href=\\"" + _sPageName + "_" + (_nPageCount - 1) + "." + _sPageExt + "\\">尾页</a>");
  }
}
createPageHTML(%d, %d, "index", "html");
</script>"""
LIST_PAGES = 2


def list_page(page: int = 1) -> str:
    """Page ``page`` (from 1) of the annual reports' column; its pager is the TRS script's."""
    articles = ARTICLES if page == 1 else OLDER_ARTICLES
    items = "\n".join(
        f'<tr><td class="t"><a href="../..{path}" target="_blank" title="{escape(title)}">{escape(title)}</a></td>'
        f'<td class="d">{date}</td></tr>'
        for path, title, date in articles
    )
    pager = _TRS_PAGER % (LIST_PAGES, page - 1)
    return (
        _head(f"政府信息公开年报 - {SITE_NAME}", "../../css/style.css")
        + _top("../../")
        + f"""
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center"><tr>
<td width="260" valign="top" class="side"><div class="stit">政务公开</div><ul>
<li><a href="../zcwj/index.html">政策文件</a></li><li><a href="index.html" class="on">政府信息公开年报</a></li>
<li><a href="../ysqgk/index.html">依申请公开</a></li></ul>
<div class="lmjs"><input type="text" id="lmKey" class="lminput" placeholder="在本栏目中检索" />
<a href="javascript:void(0)" class="lmbtn" onclick="lmSearch()">检索</a></div>
<script type="text/javascript">
function lmSearch() {{
  var kw = document.getElementById("lmKey").value;
  if (kw == "") {{ alert("请输入关键字"); return; }}
  window.location.href = "/jsearch/search.do?webid=1&columnid=15&q=" + encodeURIComponent(kw);
}}
</script>
<script type="text/javascript" src="../..{TOPICS_JS_PATH}"></script></td>
<td valign="top"><div class="position">当前位置:<a href="../../index.html">首页</a> &gt; <a href="../index.html">政务公开</a> &gt; 政府信息公开年报</div>
<table width="100%" class="newslist">{items}</table><div class="pager">{pager}</div></td></tr></table>
"""
        + _footer("../../")
    )


def article_page() -> str:
    return (
        _head(
            f"昆都仑区人民政府 关于2021年度政府信息公开工作年度报告 - {SITE_NAME}", "../../../css/style.css"
        )
        + _top("../../../")
        + f"""
<table width="1200" border="0" cellspacing="0" cellpadding="0" align="center"><tr><td>
<div class="position">当前位置:<a href="../../../index.html">首页</a> &gt; <a href="../../index.html">政务公开</a> &gt; <a href="../index.html">政府信息公开年报</a></div>
<div class="article">
<div class="atit">昆都仑区人民政府 关于2021年度政府信息公开工作年度报告</div>
<div class="ainfo">发布日期:2022-01-30 06:06&nbsp;&nbsp;发布单位:昆区政务局&nbsp;&nbsp;来源:昆区政府网&nbsp;&nbsp;点击量:<span id="hits">14215</span>
&nbsp;&nbsp;[字体:<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]
&nbsp;&nbsp;<a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
<div class="TRS_Editor">
{article_body()}
</div>
<div class="attach">附件:<a href="../../../files/2021-report.pdf">2021年政府信息公开工作年度报告(PDF版)</a></div>
<div class="share"><a href="javascript:share('weixin')"><img src="../../../images/weixin.svg" /></a>
<a href="http://service.weibo.com/share/share.php?url=" target="_blank"><img src="../../../images/weibo.svg" /></a></div>
</div></td></tr></table>
"""
        + _footer("../../../")
    )


def search_page(keyword: str) -> str:
    hits = [(p, t, d) for p, t, d in ARTICLES if keyword and keyword in t]
    rows = "\n".join(f'<li><a href="{p}">{escape(t)}</a> {d}</li>' for p, t, d in hits)
    return (
        _head(f"搜索结果 - {SITE_NAME}", "/css/style.css")
        + _top("/")
        + f"""
<div class="search-result"><p class="kw">关键词:<strong id="keyword">{escape(keyword)}</strong>,
共找到 <span id="count">{len(hits)}</span> 条结果</p><ul>{rows}</ul></div>
"""
        + _footer("/")
    )


def message_page(title: str) -> str:
    return (
        _head(f"留言提交成功 - {SITE_NAME}", "/css/style.css")
        + _top("/")
        + f'<div class="box"><p id="result">留言“{escape(title)}”提交成功,我们将尽快答复。</p></div>'
        + _footer("/")
    )


STYLE_CSS = """@charset "gb2312";
@import url(print.css) print;
body { margin: 0; font: 12px/1.5 "宋体", SimSun; color: #333; background: #f2f2f2 url(../images/bg.png) repeat-x; }
.topbar { height: 30px; background: #0a5aa8; color: #fff; }
.header { background: url("../images/header-bg.png") no-repeat; height: 110px; }
.nav td { background: #c40000; color: #fff; font-size: 16px; text-align: center; height: 44px; }
.nav a { color: #fff; }
.article .atit { font-size: 22px; font-weight: bold; text-align: center; }
.piaochuang { width: 180px; }
"""
PRINT_CSS = "body { background: none; } .topbar, .nav, .piaochuang { display: none; }\n"
