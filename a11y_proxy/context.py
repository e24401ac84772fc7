"""What a transform pass knows about the page it works on. No I/O happens here."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .hosts import Allowlist
from .link_policy import LinkPolicy
from .modes import Mode
from .prefs import Prefs
from .reader import ReaderOptions
from .urls import proxy_path


@dataclass
class PageContext:
    #: The upstream URL the page was finally fetched from (after redirects).
    url: str
    mode: Mode
    allowlist: Allowlist
    #: Codec of the original page, used to percent-encode URL queries the way
    #: the portal expects (GBK pages get GBK-encoded search terms).
    url_encoding: str = "utf-8"
    #: The decoded source text, for passes that scan it before walking the tree.
    source: str = ""
    #: Filled by passes: the document base URL after <base href>.
    base_url: str = ""
    #: Filled by passes: the page title as shown.
    title: str = ""
    #: Per-site CSS selectors from the config (main, nav), "" = found by heuristics.
    main_selector: str = ""
    nav_selector: str = ""
    header_selector: str = ""
    footer_selector: str = ""
    #: Set by find_main: the main content block, and how it was found.
    main: LexborNode | None = None
    main_source: str = ""
    #: Set by headings: the article title as shown in the h1.
    heading: str = ""
    #: The site's name (config, <meta name=SiteName>, or the title's suffix).
    site_name: str = ""
    #: id of the element the skip link points to ("" = no skip link).
    skip_target: str = ""
    #: The proxy's stylesheets the mode adds after its own bar styles.
    stylesheets: list[str] = field(default_factory=list)
    #: The reader's colour scheme, text size and line spacing.
    prefs: Prefs = field(default_factory=Prefs)
    #: The colour schemes on offer: id -> Chinese name (for the settings links).
    theme_names: dict[str, str] = field(default_factory=dict)
    #: Speech on or off and the keyboard shortcuts, for the page script.
    reader: ReaderOptions = field(default_factory=ReaderOptions)
    #: What the page's header and footer scripts write, by their ``src``
    #: (fetched and read by the pipeline, see write_includes).
    script_writes: dict[str, str] = field(default_factory=dict)
    #: Set by neutralise_scripts: the text of the comments it removed that
    #: hold links. Templates comment out the words of a picture link and keep
    #: the picture (stats.gov.cn's 热点专题); images names the picture from them.
    commented_links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.base_url:
            self.base_url = self.url

    def policy(self) -> LinkPolicy:
        return LinkPolicy(
            base=self.base_url, mode=self.mode, allowlist=self.allowlist, encoding=self.url_encoding
        )

    def proxy_page(self, mode: Mode | None = None) -> str:
        """This page's proxy path in its mode (or ``mode``), without a fragment (links back to it)."""
        return proxy_path(mode or self.mode, self.url.split("#", 1)[0])
