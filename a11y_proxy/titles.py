"""The parts of a portal's ``<title>``: the page's own title first, the site's name last.

Portal templates join them with a dash, an underscore, a bar or "&gt;"
("2023年政府信息公开工作年度报告_昆都仑区人民政府", "通知 - 某市人民政府 | 首页").
One splitter serves the heading pass (which takes the first part as the
article title) and the image pass (which takes the last as the site name,
for the logo's alternative text), so both read a title the same way.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s*(?:[-_|—–]|&gt;)\s*")


def split_title(text: str) -> list[str]:
    """The non-empty parts of a title, in order."""
    return [part for part in _SEPARATOR.split(text) if part]
