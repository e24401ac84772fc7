from __future__ import annotations

from a11y_proxy.passes import charset_meta
from tests.passes.helpers import run_pass


def test_one_utf8_declaration_first_in_head() -> None:
    tree, _ = run_pass(
        charset_meta.run,
        '<head><title>t</title><META http-equiv=Content-Type content="text/html; '
        'charset=gb2312"><meta charset="gbk"></head>',
    )
    metas = tree.css("meta")
    assert len(metas) == 1 and metas[0].attrs["charset"] == "utf-8"
    assert tree.head.child.tag == "meta"
