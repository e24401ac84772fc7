"""The built-in demo portal: a realistic 政府门户网站 served on 127.0.0.1 for ``a11y-proxy demo``.

Built from the text of a real district portal page (智慧昆都仑, 包头市昆都仑区人民政府,
``site/seed-kundulun-2021-report.txt``): a front page, a list page and the
2021 政府信息公开工作年度报告 article with its three statistical tables,
Word-pasted and ``<th>``-less, served as GBK bytes like real portals.
"""
