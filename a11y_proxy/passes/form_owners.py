"""Fields of a form the parser left empty in a table belong to it again (HTML ``form`` attribute).

Without this, a search box laid out in a table (stats.gov.cn's TRS search:
``<tr><form action=/was5/web/search>…<td><input name=andsen>``) submits
nothing through the proxy: see :mod:`a11y_proxy.table_forms`. Each such form
gets an id (its own, or a new one) and each field after it in its table that
names no form of its own gets ``form="that id"``, which every current browser
honours (WHATWG HTML, "form owner"); the reader's Enter in the field submits
the search again (WCAG 3.2.2, 4.1.2: the control does what it says).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..context import PageContext
from ..table_forms import CONTROLS, following_in_table, is_detached

ID_PREFIX = "a11y-form-"
#: An id that can be kept: plain, so it can be looked for in a selector.
_PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def _form_id(tree: LexborHTMLParser, form: LexborNode, number: int) -> str:
    """The form's own id if it is the only element with it, else a new one:
    ``form=`` names the first element with that id in the page."""
    own = form.attrs.get("id") or ""
    if _PLAIN_ID.fullmatch(own) and len(tree.css(f'[id="{own}"]')) == 1:
        return own
    new = f"{ID_PREFIX}{number}"
    form.attrs["id"] = new
    return new


def run(tree: LexborHTMLParser, ctx: PageContext) -> None:
    for number, form in enumerate(tree.css("form")):
        if not is_detached(form):
            continue
        form_id = _form_id(tree, form, number)
        for root in following_in_table(form):
            for field in root.css(CONTROLS):
                if "form" not in field.attrs:
                    field.attrs["form"] = form_id
