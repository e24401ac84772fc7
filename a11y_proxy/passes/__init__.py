"""Transform passes: each is ``pass(tree, ctx) -> None`` on a parsed page, one per module.

A pass works on the selectolax tree and the :class:`~a11y_proxy.context.PageContext`
only: no network, no files, no clock. Which passes run in which mode, and in
what order, is declared once, in :data:`a11y_proxy.pipeline.PASSES`.
"""
