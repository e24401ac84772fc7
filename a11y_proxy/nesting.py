"""Refuse, before parsing, pages nested deeper or making more elements than any real page.

Deep nesting costs time out of proportion: Lexbor's tree builder checks the
stack of open elements for every new element, and passes that look at
ancestors do the same, so 100,000 nested ``<div>`` take minutes where a
real page takes milliseconds. Blink stops nesting at 512 levels
(``kMaximumHTMLParserDOMTreeDepth``); the deepest page of our corpus nests
23 (as Lexbor builds it; the scan counts 22). Pages deeper than
:data:`MAX_DEPTH`, or making more than :data:`MAX_ELEMENTS` elements, get an
error page with a link to the original. Lexbor lets go of the GIL while it
parses (checked: another thread runs on), but a page it takes seconds over
keeps a worker thread and one of the machine's cores that long, and the
passes that then walk half a million elements hold the GIL: every reader
waits, not one.

The scan (see :func:`too_complex` for the pages it reads) keeps the stack
of open elements and the list of active formatting elements the way the
HTML tree builder does (WHATWG HTML 13.2.6), in the parts that decide how
deep a page nests and how many elements it makes; the depth is the height
of that stack. Counting tags alone is not enough, each of these nests as
deep as it is long (each found by comparing the scan with the tree Lexbor
builds for random markup, and in ``tests/test_nesting.py``):

- ``<p><b id=1>x<p><b id=2>x…``: a formatting element a block closed is
  reopened at the next text, and every one before it too (13.2.4.3,
  "reconstruct the active formatting elements"; at most three written
  alike): 1,000 of them, 20 KB, made 500,000 elements 1,000 deep, 14 s;
- ``<optgroup><optgroup>``, ``<li><dt>``: elements whose end tag may be
  left out are closed by the next only where the tree builder closes them;
- ``<div></span>``: an end tag nothing opened is ignored by the tree
  builder (and ``<span><div></span>`` too, where a ``div``, a "special"
  element, stands above the span: "any other end tag");
- ``<div/>``: the self-closing flag of an HTML element is ignored
  (13.2.6.4.7, "in body"); it is honoured only for ``<svg>`` and ``<math>``
  and inside them (13.2.6.5, foreign content);
- text that only looks like text: a script ends at ``</script`` followed by
  a space, ``/`` or ``>`` (13.2.5.4, "appropriate end tag"), a comment at
  ``-->``, ``--!>`` or a ``<!-->`` of its own, and inside ``<svg>`` and
  ``<math>`` a ``<script>`` or ``<style>`` holds markup like any element.

The other way round, the end tags that close more than themselves
(``</div>`` closes an unclosed ``<a>`` inside it; ``</td>``, ``</li>``,
``</p>`` what their cell, item or paragraph holds) and the start tags that
close an open element (``<li>``, ``<td>``, ``<a>``, a ``<table>`` in a table)
are followed, so a sloppy portal page is not taken for a deep one. The scan
costs about 4 µs a tag; most pages are not scanned.
"""

from __future__ import annotations

import re

MAX_DEPTH = 256
#: More elements than any real page makes (the biggest corpus page: 9,000),
#: far fewer than a page of reopened formatting elements can.
MAX_ELEMENTS = 200_000
#: Pages with fewer ``<`` than this are not scanned: even nested all the way
#: down, 8,000 elements parse and pass in about a second (in a worker thread),
#: while scanning every page would cost 2-4 ms on large ordinary ones (the
#: biggest corpus page has 4,117).
SCAN_ABOVE = 8000

#: A tag (closing mark, name, self-closing mark) or the start of a comment.
_TOKEN = re.compile(r"<(?:(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>|!--)")
#: Elements whose content the HTML tokenizer reads as text, not markup (a
#: script may build HTML in strings), outside foreign content.
_RAW_TEXT = frozenset(
    ("script", "style", "textarea", "xmp", "title", "iframe", "noembed", "noframes", "plaintext")
)
_COMMENT_END = re.compile(r"--!?>")

_VOID = frozenset(
    "area base br col embed hr img image input link meta source track wbr param keygen frame".split()
)
#: Never on the stack twice: merged into the one the parser made.
_MERGED = frozenset(("html", "head", "body"))
#: Where a self-closing tag closes itself: MathML and SVG (foreign content).
_FOREIGN = frozenset(("svg", "math"))
#: Where markup inside MathML or SVG is HTML again (13.2.4.3 integration points).
_INTEGRATION = frozenset(
    ("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml")
)
#: Start tags that take the parser out of foreign content (13.2.6.5).
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li "
    "listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
#: The "special" category (13.2.4.2): "any other end tag" stops at one.
_SPECIAL = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption center "
    "col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset "
    "h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee "
    "menu meta nav noembed noframes noscript object ol p param plaintext pre script search section "
    "select source style summary table tbody td template textarea tfoot th thead title tr track ul "
    "wbr xmp".split()
)
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
#: What bounds "has an element in scope" (13.2.4.2), and its narrower kinds;
#: the integration points bound it too, as MathML and SVG elements only, and here
#: a <frameset>, in which the tree builder closes nothing of what came before.
_SCOPE = frozenset("applet caption html table td th marquee object template frameset".split())
_BUTTON_SCOPE = _SCOPE | {"button"}
_LIST_SCOPE = _SCOPE | {"ol", "ul"}
_TABLE_SCOPE = frozenset(("html", "table", "template", "frameset"))
#: Start tags that close an open <p> first ("close a p element" in "in body").
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing "
    "form li dd dt plaintext table hr xmp".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: End tags that close their element and all it holds, when it is in scope.
_BLOCK_ENDS = _CLOSES_P - {"p", "li", "dd", "dt", "table", "hr", "plaintext", "xmp", "form"} | {
    "button",
    "applet",
    "marquee",
    "object",
    "select",
    "template",
}
_TABLE_PARTS = frozenset(("table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup"))


#: Elements that put a marker on the list of active formatting elements;
#: closing one clears the list back to it (13.2.4.3).
_MARKERS = frozenset(("applet", "object", "marquee", "template", "td", "th", "caption"))
#: Start tags before which the tree builder reopens the formatting elements
#: a block closed (13.2.4.3 "reconstruct the active formatting elements"),
#: besides every tag that is not "special" and every piece of text.
_RECONSTRUCTS = frozenset(
    "area br embed img keygen wbr input applet marquee object select math svg xmp button".split()
)


#: Elements whose start tag only reopens formatting and opens them, and whose
#: end tag, right after, only closes them: the fast road of the scan.
_PLAIN = frozenset(
    "span label abbr acronym bdi bdo cite data dfn kbd mark q samp sub sup time var ins del "
    "output meter progress picture canvas video audio map slot".split()
)


#: Blocks whose start tag only closes an open <p> (none open: it only opens them).
_BLOCKS = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup main menu nav ol search section summary ul".split()
)
#: End tags that close more than the element just opened, or leave something behind.
_REMEMBERED = _MARKERS | _FORMATTING | {"form"}


class _OpenElements:
    """The stack of open elements and the list of active formatting elements,
    as far as they decide how deep a page nests and how many elements it makes.

    A formatting element a block closed (``<p><b id=1>x<p>``) is reopened at the
    next text: 1,000 differently written ``<p><b id=N>x`` make 500,000 elements
    1,000 deep from 20 KB (Lexbor took 14 s), so the list is kept too, with
    its "Noah's Ark" of at most three alike (13.2.4.3)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.foreign: list[bool] = []  # whether each element is MathML or SVG
        self.ids: list[int] = []
        self.open: set[int] = set()  # ids on the stack
        self.count: dict[str, int] = {}  # how many of each name are on it (HTML ones)
        self.made = 0  # elements made, the reopened ones too; ids are their numbers
        # Active formatting elements: (how the tag was written, name, id), or None for a marker.
        self.active: list[tuple[str, str, int] | None] = []
        self.form_open = False  # the "form element pointer" is set

    @property
    def depth(self) -> int:
        return len(self.names)

    def in_foreign(self) -> bool:
        return bool(self.foreign) and self.foreign[-1] and self.names[-1] not in _INTEGRATION

    def push(self, name: str, foreign: bool) -> int:
        self.made += 1
        self.names.append(name)
        self.foreign.append(foreign)
        self.ids.append(self.made)
        self.open.add(self.made)
        if not foreign:
            self.count[name] = self.count.get(name, 0) + 1
        return self.made

    def pop_to(self, index: int) -> None:
        """Pop the element at ``index`` and all above it."""
        while len(self.names) > index:
            self.remove(len(self.names) - 1)

    def remove(self, index: int) -> None:
        name = self.names.pop(index)
        if not self.foreign.pop(index):
            self.count[name] -= 1
        self.open.discard(self.ids.pop(index))
        if name in _MARKERS:
            self._clear_to_marker()

    def _clear_to_marker(self) -> None:
        while self.active:
            if self.active.pop() is None:
                break

    def reconstruct(self) -> None:
        """Reopen the active formatting elements that are no longer open."""
        active = self.active
        if not active or active[-1] is None or active[-1][2] in self.open:
            return  # nothing to reopen, the usual case
        i = len(self.active)
        while i > 0:
            entry = self.active[i - 1]
            if entry is None or entry[2] in self.open:
                break
            i -= 1
        for j in range(i, len(self.active)):
            key, name, _ = self.active[j]  # type: ignore[misc]
            self.active[j] = (key, name, self.push(name, False))

    def _remember(self, key: str, name: str, ident: int) -> None:
        alike = [
            j
            for j in range(len(self.active) - 1, -1, -1)
            if self.active[j] is not None and self.active[j][0] == key  # type: ignore[index]
        ]
        # Only those after the last marker count.
        last_marker = max((j for j, e in enumerate(self.active) if e is None), default=-1)
        alike = [j for j in alike if j > last_marker]
        if len(alike) >= 3:
            del self.active[alike[-1]]  # the earliest of them
        self.active.append((key, name, ident))

    def _special(self, i: int) -> bool:
        """Whether the element at ``i`` is in the "special" category (HTML's, and
        the MathML and SVG integration points)."""
        return self.names[i] in (_INTEGRATION if self.foreign[i] else _SPECIAL)

    def _adopt(self, j: int) -> None:
        """The adoption agency for the active formatting element at ``j``: it
        leaves the stack, with what it holds unless a block stands in it
        (the block stays open)."""
        ident = self.active[j][2]  # type: ignore[index]
        if ident not in self.open:
            del self.active[j]
            return
        i = self.ids.index(ident)
        if self.find({self.names[i]}, _SCOPE) < i:
            return  # not in scope: ignored
        del self.active[j]
        if any(self._special(k) for k in range(i + 1, len(self.names))):
            self.remove(i)
        else:
            self.pop_to(i)

    def _active_index(self, name: str) -> int:
        for j in range(len(self.active) - 1, -1, -1):
            entry = self.active[j]
            if entry is None:
                return -1
            if entry[1] == name:
                return j
        return -1

    def find(self, names: frozenset[str] | set[str], bounds: frozenset[str]) -> int:
        """Index of the nearest of ``names`` in scope (below no element of ``bounds``), or -1."""
        count = self.count
        for name in names:
            if count.get(name):
                break
        else:
            return -1  # most asks: no <p> is open to close
        for i in range(len(self.names) - 1, -1, -1):
            name = self.names[i]
            if self.foreign[i]:
                if name in _INTEGRATION:
                    return -1
            elif name in names:
                return i
            elif name in bounds:
                return -1
        return -1

    def start(self, name: str, self_closing: bool, key: str) -> None:
        if self.in_foreign():
            if name not in _BREAKOUT:
                if not self_closing:
                    self.push(name, True)
                return
            # Out of MathML or SVG, to the HTML element (or integration point) below it.
            while self.foreign and self.foreign[-1] and self.names[-1] not in _INTEGRATION:
                self.remove(len(self.names) - 1)
        if name in _MERGED:
            return
        # A <frameset> is an element like another here: where it replaces the
        # body, what follows is ignored, but Lexbor takes it in places the
        # standard does not, so it is counted, and what follows too.
        reopens = name not in _SPECIAL or name in _RECONSTRUCTS
        if name in ("a", "nobr") and self.find({"select"}, _SCOPE) < 0:
            # The adoption agency closes the one before (not inside a <select>,
            # where Lexbor opens one in the other: counted as it nests).
            j = self._active_index(name)
            if j >= 0:
                self._adopt(j)
        if name in _VOID or name in _FOREIGN:
            if reopens:
                self.reconstruct()
            if name in _FOREIGN and not self_closing:
                self.push(name, True)
            return
        if name in _CLOSES_P and name not in ("li", "dd", "dt"):
            self._close(("p",), _BUTTON_SCOPE)
        if name in ("li", "dd", "dt"):
            same = {"li"} if name == "li" else {"dd", "dt"}
            for i in range(len(self.names) - 1, -1, -1):
                here = self.names[i]
                if here in same and not self.foreign[i]:
                    self.pop_to(i)
                    break
                if self._special(i) and here not in ("address", "div", "p"):
                    break
            self._close(("p",), _BUTTON_SCOPE)  # after the walk (13.2.6.4.7, "li")
        elif name in _HEADINGS and self.names and self.names[-1] in _HEADINGS:
            self.remove(len(self.names) - 1)
        elif name == "button":
            self._close(("button",), _SCOPE)
        elif name in ("option", "optgroup"):
            if self.names and self.names[-1] == "option":
                self.remove(len(self.names) - 1)
            in_select = self.find({"select"}, _SCOPE) >= 0
            if name == "optgroup" and in_select and self.names and self.names[-1] == "optgroup":
                self.remove(len(self.names) - 1)
        elif name == "form":
            if self.form_open:
                return  # a form in a form is ignored
            self.form_open = True
        elif name == "select" and self.find({"select"}, _SCOPE) >= 0:
            self._close(("select",), _SCOPE)
            return
        elif name in _TABLE_PARTS and not self._table_start(name):
            return
        if reopens:
            self.reconstruct()
        ident = self.push(name, False)
        if name in _FORMATTING:
            self._remember(key, name, ident)
        elif name in _MARKERS:
            self.active.append(None)

    def _table_start(self, name: str) -> bool:
        """The closes a table part's start tag makes; False if the tag is ignored."""
        cell = self.find({"td", "th"}, _TABLE_SCOPE)
        table = self.find({"table"}, _TABLE_SCOPE)
        if name == "table":
            if table >= 0 and cell < table and self.find({"caption"}, _TABLE_SCOPE) < table:
                self.pop_to(table)  # a table in a table's rows closes the one before
            return True
        if table < 0:
            return False  # a cell, row or row group outside a table is ignored
        if name in ("td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup") and cell > table:
            self.pop_to(cell)
        if name in ("tr", "tbody", "thead", "tfoot", "caption", "colgroup"):
            row = self.find({"tr"}, _TABLE_SCOPE)
            if row > table:
                self.pop_to(row)
        if name in ("tbody", "thead", "tfoot", "caption", "colgroup"):
            group = self.find({"tbody", "thead", "tfoot"}, _TABLE_SCOPE)
            if group > table:
                self.pop_to(group)
        return True

    def _close(self, names: tuple[str, ...], bounds: frozenset[str]) -> bool:
        i = self.find(set(names), bounds)
        if i >= 0:
            self.pop_to(i)
        return i >= 0

    def end(self, name: str) -> None:
        if self.in_foreign():
            # Foreign content: to the nearest element of that name in it.
            for i in range(len(self.names) - 1, -1, -1):
                if not self.foreign[i]:
                    break
                if self.names[i] == name:
                    self.pop_to(i)
                    return
        if name in _MERGED or name in _VOID:
            return
        if name == "p":
            self._close(("p",), _BUTTON_SCOPE)
        elif name == "form":
            # The next <form> opens again; the form leaves the stack only if
            # nothing is left open in it (as Lexbor builds it: the spec takes
            # the form alone out, either way what it holds stays open).
            self.form_open = False
            if self.names and self.names[-1] == "form":
                self.remove(len(self.names) - 1)
        elif name == "li":
            self._close(("li",), _LIST_SCOPE)
        elif name in ("dd", "dt"):
            self._close((name,), _SCOPE)
        elif name in _HEADINGS:
            self._close(tuple(_HEADINGS), _SCOPE)
        elif name in _BLOCK_ENDS or name in _FOREIGN:
            self._close((name,), _SCOPE)
        elif name in _TABLE_PARTS:
            self._close((name,), _TABLE_SCOPE)
        elif name in _FORMATTING:
            j = self._active_index(name)
            if j < 0:
                self._any_other_end(name)
                return
            self._adopt(j)
        else:
            self._any_other_end(name)

    def _any_other_end(self, name: str) -> None:
        """To its element, unless a special one stands above it."""
        for i in range(len(self.names) - 1, -1, -1):
            if self.names[i] == name and not self.foreign[i]:
                self.pop_to(i)
                return
            if self._special(i):
                return


def _end_of_raw_text(text: str, name: str, start: int) -> int:
    """A position inside the end tag of the raw text of a ``name`` element opened
    before ``start``, so the tag is skipped with the text (len(text) if none)."""
    if name == "plaintext":
        return len(text)  # the rest of the page is its text
    end = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE).search(text, start)
    return end.start() + 1 if end is not None else len(text)


def _end_of_comment(text: str, start: int) -> int:
    """Where a comment whose ``<!--`` ends at ``start`` ends (len(text) if never)."""
    if text.startswith((">", "->"), start):
        return start + 1  # <!--> and <!---> are empty comments
    end = _COMMENT_END.search(text, start)
    return end.end() if end is not None else len(text)


def measure(text: str, depth_limit: int = 0, element_limit: int = 0) -> tuple[int, int]:
    """How deep the elements of ``text`` nest and how many the tree builder
    makes (an approximation of both); the scan stops once either passes its
    limit, if given."""
    stack = _OpenElements()
    names = stack.names
    deepest = 0
    skip_to = 0  # the end of text that is not markup
    last_end = 0  # the end of the last tag read: words after it are text
    for m in _TOKEN.finditer(text):
        start = m.start()
        if start < skip_to:
            if m.end() > last_end:
                last_end = m.end()
            continue
        if start > last_end and not stack.in_foreign():
            stack.reconstruct()  # text between tags
        last_end = m.end()
        closing, tag, self_closing = m.groups()
        if tag is None:
            skip_to = last_end = _end_of_comment(text, m.end())
            continue
        name = tag.lower()
        if closing:
            if names and names[-1] == name and name not in _REMEMBERED and not stack.foreign[-1]:
                stack.remove(len(names) - 1)  # the usual end tag: of the element just opened
            else:
                stack.end(name)
            continue
        plain = name in _PLAIN
        if (plain or (name in _BLOCKS and not stack.count.get("p"))) and not stack.in_foreign():
            # The usual start tag: no element it closes, nothing of its own to remember.
            if plain:
                stack.reconstruct()
            stack.push(name, False)
            if len(names) > deepest:
                deepest = len(names)
                if depth_limit and deepest > depth_limit:
                    break
            continue
        if name in _RAW_TEXT and not stack.in_foreign():
            if name in ("xmp", "plaintext"):
                stack.start("p", False, "")  # what they do first: close a <p> (and reopen, for xmp)
                stack.end("p")
                if name == "xmp":
                    stack.reconstruct()
            skip_to = _end_of_raw_text(text, name, m.end())
            continue  # opened and closed again with its end tag: it counts neither way
        stack.start(name, bool(self_closing), m.group() if name in _FORMATTING else "")
        if stack.depth > deepest:
            deepest = stack.depth
            if depth_limit and deepest > depth_limit:
                break
        if element_limit and stack.made > element_limit:
            break
    return deepest, stack.made


def max_depth(text: str) -> int:
    """The deepest nesting of elements in ``text`` (an approximation of the tree's depth)."""
    return measure(text)[0]


#: The formatting elements that can pile up on the list of active formatting
#: elements (an <a> or <nobr> closes the one before).
_PILING = re.compile(
    r"<(?:[bB]|[bB][iI][gG]|[cC][oO][dD][eE]|[eE][mM]|[fF][oO][nN][tT]|[iI]|[sS]|[sS][mM][aA][lL][lL]"
    r"|[sS][tT][rR][iI][kK][eE]|[sS][tT][rR][oO][nN][gG]|[tT][tT]|[uU])(?:[\s/][^>]*)?>"
)


def _piling(text: str) -> int:
    """How many formatting elements could stand on the list at once: three at
    most of each way one is written (the "Noah's Ark" clause)."""
    alike: dict[str, int] = {}
    # As written: tags written apart may be alike (attributes in another
    # order), never the other way (a value in other case is another value).
    for tag in _PILING.findall(text):
        alike[tag] = alike.get(tag, 0) + 1
    return sum(min(n, 3) for n in alike.values())


def too_complex(text: str) -> str:
    """Why the page may not be parsed ("" when it may).

    Scanned only where it could matter: a page of :data:`SCAN_ABOVE` tags or
    more, or one whose formatting tags, each reopened at every tag and text,
    could make more than :data:`MAX_ELEMENTS` (an article of 30 <b> and 1,500
    tags cannot, and costs one search of 0.3-1.8 ms). The scan costs about
    4 µs a tag (15 ms for nfra.gov.cn's 343 KB, 57 ms for 15,000 tags)."""
    tags = text.count("<")
    # Each tag and each text between two may reopen every formatting element
    # on the list (at most those the page opens, and an <a> and a <nobr>).
    if tags < SCAN_ABOVE and (tags < 64 or (_piling(text) + 2) * 2 * tags <= MAX_ELEMENTS):
        return ""
    depth, made = measure(text, MAX_DEPTH, MAX_ELEMENTS)
    if depth > MAX_DEPTH:
        return f"the page nests elements more than {MAX_DEPTH} deep"
    if made > MAX_ELEMENTS:
        return f"the page makes more than {MAX_ELEMENTS:,} elements"
    return ""
