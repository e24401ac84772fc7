"""Settings: one typed, frozen object loaded from a TOML file in ``config/``.

Every key an operator can write is a field below, with its default. Unknown
keys and bad values stop the start-up with a message that names the key
(``[upstream] max_redirects: expected an integer >= 0, got -1``), because a
typo in a proxy's allowlist is a security problem, not a warning.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .hosts import HostPattern, parse_host_pattern
from .modes import MODES
from .reader import ACTIONS, check_shortcut


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the key."""


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    #: Absolute URL under which readers reach the proxy (for QR codes and
    #: links shown outside the browser). Empty: taken from each request.
    public_url: str = ""
    default_mode: str = "a11y"
    #: Trust X-Forwarded-Proto/-For from these addresses (nginx in front).
    forwarded_allow_ips: tuple[str, ...] = ("127.0.0.1",)
    workers: int = 1
    log_level: str = "info"
    #: One JSON access line per request (no client address, query or cookies).
    access_log: bool = True
    #: Folder of colour-scheme CSS files ("" = the themes/ folder of this project).
    themes_dir: str = ""


@dataclass(frozen=True)
class UpstreamSettings:
    allowed_hosts: tuple[HostPattern, ...] = ()
    #: Refuse loopback, private, link-local and other special addresses after
    #: DNS resolution, unless this is true (the demo and the tests set it).
    allow_private_addresses: bool = False
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    #: Deadline for one whole upstream exchange: headers and body.
    total_timeout: float = 30.0
    max_redirects: int = 5
    #: Wire bytes of a page or stylesheet the proxy reads to transform.
    max_page_bytes: int = 5 * 1024 * 1024
    #: Bytes after gzip/deflate/br decoding (bounds a compression bomb).
    max_decompressed_bytes: int = 10 * 1024 * 1024
    #: Files streamed through untouched (PDF, Office, images); 0 = no cap.
    max_stream_bytes: int = 512 * 1024 * 1024
    max_post_bytes: int = 1024 * 1024
    max_connections: int = 100
    #: Scripts of a page fetched to read the header, menu and footer they
    #: write (document.write); 0 = none (see write_includes).
    max_script_includes: int = 4
    user_agent: str = "Mozilla/5.0 (compatible; a11y-proxy/0.1; accessibility reverse proxy)"


@dataclass(frozen=True)
class CacheSettings:
    #: Total bytes of rendered pages kept in memory (raw + gzip copies).
    max_bytes: int = 128 * 1024 * 1024
    ttl_seconds: float = 300.0
    #: How long after expiry a stored page may still be shown, with a notice,
    #: when the portal is down (RFC 5861 stale-if-error).
    stale_if_error_seconds: float = 86400.0
    #: Pages larger than this are rendered but not stored.
    max_entry_bytes: int = 8 * 1024 * 1024


@dataclass(frozen=True)
class SpeechSettings:
    #: Offer 连读/指读 with server-side speech (the controls and /api/speech/*).
    enabled: bool = True
    #: "espeak" (libespeak-ng directly, the fastest) or "pyttsx3".
    engine: str = "espeak"
    #: Worker processes that synthesise (each one sentence at a time).
    processes: int = 1
    #: Seconds one sentence may take before its worker is replaced.
    timeout_seconds: float = 20.0
    #: Sentences waiting for a worker before new requests get 503 busy.
    max_waiting: int = 64
    #: Operator pronunciation file ("" = config/pronunciations.txt of this project).
    pronunciations: str = ""
    #: Bytes of finished MP3 kept in memory.
    memory_cache_bytes: int = 32 * 1024 * 1024
    #: Folder for the disk copy of finished MP3 ("" = ~/.cache/a11y-proxy/speech).
    disk_cache_dir: str = ""
    #: Bytes of MP3 kept on disk; 0 = no disk cache.
    disk_cache_bytes: int = 512 * 1024 * 1024
    #: Characters of text in one preview or plan request.
    max_text_chars: int = 20000
    #: Speech requests one reader (client address) may make a minute, after a burst.
    requests_per_minute: int = 300
    burst: int = 60


#: Each action's default shortcut, from the one list in reader.ACTIONS.
_DEFAULT_KEY = {a.id: a.default_key for a in ACTIONS}


@dataclass(frozen=True)
class ShortcutSettings:
    """Keyboard shortcuts of the reader controls ("" switches one off); see reader.ACTIONS."""

    sound: str = _DEFAULT_KEY["sound"]
    continuous: str = _DEFAULT_KEY["continuous"]
    point: str = _DEFAULT_KEY["point"]
    speed: str = _DEFAULT_KEY["speed"]
    scheme: str = _DEFAULT_KEY["scheme"]
    bigger: str = _DEFAULT_KEY["bigger"]
    smaller: str = _DEFAULT_KEY["smaller"]
    spacing: str = _DEFAULT_KEY["spacing"]
    cursor: str = _DEFAULT_KEY["cursor"]
    crosshair: str = _DEFAULT_KEY["crosshair"]
    caption: str = _DEFAULT_KEY["caption"]
    text_mode: str = _DEFAULT_KEY["text_mode"]
    reset: str = _DEFAULT_KEY["reset"]
    help: str = _DEFAULT_KEY["help"]

    def pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((f.name, getattr(self, f.name)) for f in dataclasses.fields(self))


@dataclass(frozen=True)
class SiteSettings:
    #: Host pattern this entry applies to; must also be allowed.
    host: HostPattern
    name: str = ""
    #: Shown on the landing page; defaults to http(s)://host/.
    start_url: str = ""
    #: Forward POST forms (依申请公开 applications, 留言) to this site.
    allow_post: bool = False
    #: Pass this site's cookies through, scoped to its proxy path. Off by
    #: default: see README, "Cookies".
    forward_cookies: bool = False
    #: CSS selector of the main content block, when the heuristics get it wrong.
    main: str = ""
    #: CSS selector of the site's main navigation menu (the elder page's big buttons).
    nav: str = ""
    #: CSS selectors of the site header and footer (landmarks), when the heuristics get them wrong.
    header: str = ""
    footer: str = ""


@dataclass(frozen=True)
class Settings:
    server: ServerSettings = field(default_factory=ServerSettings)
    upstream: UpstreamSettings = field(default_factory=UpstreamSettings)
    cache: CacheSettings = field(default_factory=CacheSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    shortcuts: ShortcutSettings = field(default_factory=ShortcutSettings)
    sites: tuple[SiteSettings, ...] = ()

    def site_for(self, host: str, port: int | None) -> SiteSettings | None:
        for site in self.sites:
            if site.host.matches(host, port):
                return site
        return None

    def forwards_post(self, host: str, port: int | None) -> bool:
        """Whether the proxy forwards POST forms to this site (its ``allow_post``)."""
        site = self.site_for(host, port)
        return site is not None and site.allow_post


# -- loading ---------------------------------------------------------------

_SECTIONS: dict[str, type[Any]] = {
    "server": ServerSettings,
    "upstream": UpstreamSettings,
    "cache": CacheSettings,
    "speech": SpeechSettings,
    "shortcuts": ShortcutSettings,
}


def _check_positive(name: str, value: float) -> None:
    if value <= 0:
        raise ConfigError(f"{name}: must be greater than 0, got {value!r}")


def _check_non_negative(name: str, value: float) -> None:
    if value < 0:
        raise ConfigError(f"{name}: must be >= 0, got {value!r}")


_EXTRA_CHECKS: dict[str, Callable[[str, Any], None]] = {
    "server.port": lambda n, v: None if 0 <= v <= 65535 else _fail(f"{n}: must be a port 0-65535, got {v}"),
    "server.workers": lambda n, v: _check_positive(n, v),
    "server.default_mode": lambda n, v: (
        None if v in MODES else _fail(f"{n}: must be one of {', '.join(MODES)}, got {v!r}")
    ),
    "server.log_level": lambda n, v: (
        None
        if v in ("critical", "error", "warning", "info", "debug")
        else _fail(f"{n}: must be critical, error, warning, info or debug, got {v!r}")
    ),
    "server.public_url": lambda n, v: (
        None
        if v == "" or v.startswith(("http://", "https://"))
        else _fail(f"{n}: must be an absolute http(s) URL or empty, got {v!r}")
    ),
    "upstream.connect_timeout": _check_positive,
    "upstream.read_timeout": _check_positive,
    "upstream.total_timeout": _check_positive,
    "upstream.max_redirects": _check_non_negative,
    "upstream.max_page_bytes": _check_positive,
    "upstream.max_decompressed_bytes": _check_positive,
    "upstream.max_stream_bytes": _check_non_negative,
    "upstream.max_post_bytes": _check_non_negative,
    "upstream.max_connections": _check_positive,
    "upstream.max_script_includes": _check_non_negative,
    "cache.max_bytes": _check_non_negative,
    "cache.ttl_seconds": _check_non_negative,
    "cache.stale_if_error_seconds": _check_non_negative,
    "cache.max_entry_bytes": _check_non_negative,
    "speech.engine": lambda n, v: (
        None if v in ("espeak", "pyttsx3") else _fail(f"{n}: must be espeak or pyttsx3, got {v!r}")
    ),
    "speech.processes": _check_positive,
    "speech.timeout_seconds": _check_positive,
    "speech.max_waiting": _check_non_negative,
    "speech.memory_cache_bytes": _check_non_negative,
    "speech.disk_cache_bytes": _check_non_negative,
    "speech.max_text_chars": _check_positive,
    "speech.requests_per_minute": _check_positive,
    "speech.burst": _check_positive,
}


def _fail(message: str) -> None:
    raise ConfigError(message)


def _describe(tp: Any) -> str:
    if tp is bool:
        return "true or false"
    if tp is int:
        return "an integer"
    if tp is float:
        return "a number"
    if tp is str:
        return "a string"
    return "a list of strings"


def _coerce(name: str, tp: Any, value: Any) -> Any:
    """Check ``value`` against the field type ``tp``; return the typed value."""
    origin = typing.get_origin(tp)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif origin is tuple:
        (item_tp, _) = typing.get_args(tp)
        if isinstance(value, list):
            items: list[Any] = []
            for i, item in enumerate(value):
                if item_tp is HostPattern:
                    if not isinstance(item, str):
                        raise ConfigError(f"{name}[{i}]: expected a host pattern string, got {item!r}")
                    try:
                        items.append(parse_host_pattern(item))
                    except ValueError as exc:
                        raise ConfigError(f"{name}[{i}]: {exc}") from None
                elif isinstance(item, str):
                    items.append(item)
                else:
                    raise ConfigError(f"{name}[{i}]: expected a string, got {item!r}")
            return tuple(items)
    elif tp is HostPattern and isinstance(value, str):
        try:
            return parse_host_pattern(value)
        except ValueError as exc:
            raise ConfigError(f"{name}: {exc}") from None
    raise ConfigError(f"{name}: expected {_describe(tp)}, got {value!r}")


def _build(cls: type[Any], table: Mapping[str, Any], label: str, section_key: str) -> Any:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{label}: expected a table, got {table!r}")
    hints = typing.get_type_hints(cls, globalns=globals())
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{label} {unknown[0]}: unknown key (known keys: {', '.join(sorted(known))})")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        tp = hints[key]
        if isinstance(tp, types.UnionType):  # pragma: no cover - no optional fields yet
            tp = typing.get_args(tp)[0]
        name = f"{label} {key}"
        typed = _coerce(name, tp, value)
        check = _EXTRA_CHECKS.get(f"{section_key}.{key}")
        if check is not None:
            check(name, typed)
        kwargs[key] = typed
    for f in dataclasses.fields(cls):
        if (
            f.name not in kwargs
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
        ):
            raise ConfigError(f"{label} {f.name}: required key is missing")
    return cls(**kwargs)


def settings_from_mapping(data: Mapping[str, Any]) -> Settings:
    """Build and validate :class:`Settings` from parsed TOML."""
    unknown = sorted(set(data) - {*_SECTIONS, "sites"})
    if unknown:
        raise ConfigError(
            f"[{unknown[0]}]: unknown section "
            "(known: [server], [upstream], [cache], [speech], [shortcuts], [[sites]])"
        )
    parts: dict[str, Any] = {}
    for key, cls in _SECTIONS.items():
        if key in data:
            parts[key] = _build(cls, data[key], f"[{key}]", key)
    sites_raw = data.get("sites", [])
    if not isinstance(sites_raw, list):
        raise ConfigError("[[sites]]: expected an array of tables ([[sites]] entries)")
    sites = tuple(
        _build(SiteSettings, entry, f"[[sites]] #{i + 1}", "sites") for i, entry in enumerate(sites_raw)
    )
    settings = Settings(**parts, sites=sites)
    seen: dict[str, str] = {}
    for action, key in settings.shortcuts.pairs():
        problem = check_shortcut(key)
        if problem:
            raise ConfigError(f"[shortcuts] {action}: {problem}, got {key!r}")
        if key and key in seen:
            raise ConfigError(f"[shortcuts] {action}: {key} is already the shortcut of {seen[key]}")
        seen[key] = action
    upstream = settings.upstream
    if upstream.total_timeout < upstream.connect_timeout:
        raise ConfigError(
            "[upstream] total_timeout: must be at least connect_timeout "
            f"({upstream.total_timeout} < {upstream.connect_timeout})"
        )
    for i, site in enumerate(settings.sites):
        label = f"[[sites]] #{i + 1} host"
        if not any(p.covers(site.host) for p in upstream.allowed_hosts):
            raise ConfigError(f"{label}: {site.host} is not covered by [upstream] allowed_hosts")
        if site.start_url and not site.start_url.startswith(("http://", "https://")):
            raise ConfigError(f"[[sites]] #{i + 1} start_url: must be an absolute http(s) URL")
        for key in ("main", "nav", "header", "footer"):
            selector = getattr(site, key)
            if selector and not _selector_ok(selector):
                raise ConfigError(
                    f"[[sites]] #{i + 1} {key}: not a CSS selector the parser accepts: {selector!r}"
                )
    return settings


def _selector_ok(selector: str) -> bool:
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    try:
        LexborHTMLParser("<p></p>").css(selector)
    except (SelectolaxError, ValueError):
        return False
    return True


def load_settings(path: str | Path) -> Settings:
    """Read a TOML config file; raise :class:`ConfigError` naming the bad key."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: config file is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    try:
        return settings_from_mapping(data)
    except ConfigError as exc:
        raise ConfigError(f"{p}: {exc}") from None
