"""QR codes (segno) for "continue on your phone": the same page, mode and preferences.

segno is a pure-Python QR encoder with SVG and PNG writers (no imaging
library needed). Error correction level M (15 %) keeps the code readable
from a screen with glare while staying small for long proxy URLs.
"""

from __future__ import annotations

import io

import segno


def qr_svg(text: str, *, title: str = "") -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        out,
        kind="svg",
        scale=4,
        border=4,
        title=title or None,
        xmldecl=False,
        svgclass="a11y-qr",
        lineclass=None,
    )
    return out.getvalue()


def qr_png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=6, border=4)
    return out.getvalue()
