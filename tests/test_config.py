from __future__ import annotations

from pathlib import Path

import pytest

from a11y_proxy.config import ConfigError, load_settings, settings_from_mapping

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_default_config_loads_with_documented_values() -> None:
    s = load_settings(ROOT / "config" / "default.toml")
    assert [str(p) for p in s.upstream.allowed_hosts] == ["www.kundulun.gov.cn", "*.baotou.gov.cn"]
    assert s.upstream.allow_private_addresses is False
    assert s.sites[0].name == "包头市昆都仑区人民政府"


def test_demo_config_matches_the_built_in_demo_settings() -> None:
    from a11y_proxy.cli import demo_settings

    file = load_settings(ROOT / "config" / "demo.toml")
    built = demo_settings(8081, "127.0.0.1", 8080)
    assert file == built


def test_settings_are_frozen() -> None:
    s = settings_from_mapping({})
    with pytest.raises(AttributeError):
        s.upstream.max_redirects = 9  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"upstream": {"alowed_hosts": []}}, "[upstream] alowed_hosts: unknown key"),
        ({"upstrem": {}}, "[upstrem]: unknown section"),
        ({"upstream": {"max_redirects": -1}}, "[upstream] max_redirects: must be >= 0"),
        ({"upstream": {"max_redirects": "5"}}, "[upstream] max_redirects: expected an integer"),
        (
            {"upstream": {"allow_private_addresses": "yes"}},
            "[upstream] allow_private_addresses: expected true or false",
        ),
        ({"upstream": {"allowed_hosts": ["http://www.x.gov.cn/"]}}, "[upstream] allowed_hosts[0]:"),
        ({"upstream": {"allowed_hosts": ["*.*.gov.cn"]}}, "[upstream] allowed_hosts[0]:"),
        ({"upstream": {"total_timeout": 0}}, "[upstream] total_timeout: must be greater than 0"),
        ({"server": {"port": 70000}}, "[server] port: must be a port"),
        ({"server": {"default_mode": "fancy"}}, "[server] default_mode: must be one of a11y, elder, text"),
        ({"cache": {"ttl_seconds": -5}}, "[cache] ttl_seconds: must be >= 0"),
        ({"speech": {"engine": "say"}}, "[speech] engine: must be espeak or pyttsx3"),
        (
            {"upstream": {"allowed_hosts": ["a.gov.cn"]}, "sites": [{"host": "a.gov.cn", "main": "div[[["}]},
            "[[sites]] #1 main: not a CSS selector",
        ),
        ({"speech": {"processes": 0}}, "[speech] processes: must be greater than 0"),
        ({"speech": {"speeed": 1}}, "[speech] speeed: unknown key"),
        ({"shortcuts": {"sound": "V"}}, "[shortcuts] sound: must look like Alt+V"),
        ({"shortcuts": {"sound": "Alt+X"}}, "[shortcuts] continuous: Alt+X is already the shortcut of sound"),
        ({"shortcuts": {"volume": "Alt+Q"}}, "[shortcuts] volume: unknown key"),
        (
            {"upstream": {"allowed_hosts": ["a.gov.cn"]}, "sites": [{"host": "b.gov.cn"}]},
            "[[sites]] #1 host: b.gov.cn is not covered by [upstream] allowed_hosts",
        ),
        (
            {
                "upstream": {"allowed_hosts": ["a.gov.cn"]},
                "sites": [{"host": "a.gov.cn", "allow_psot": True}],
            },
            "[[sites]] #1 allow_psot: unknown key",
        ),
    ],
)
def test_bad_config_fails_with_a_message_naming_the_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_mapping(data)
    assert message in str(info.value)


def test_config_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[upstream]\nmax_redirects = = 3\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: not valid TOML"):
        load_settings(bad)
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(tmp_path / "missing.toml")


def test_wildcard_site_is_covered_by_wildcard_allowlist() -> None:
    s = settings_from_mapping(
        {
            "upstream": {"allowed_hosts": ["*.baotou.gov.cn"]},
            "sites": [{"host": "www.baotou.gov.cn", "allow_post": True}],
        }
    )
    site = s.site_for("www.baotou.gov.cn", 443)
    assert site is not None and site.allow_post
    assert s.site_for("baotou.gov.cn", 443) is None


def test_every_reader_action_has_a_configurable_shortcut() -> None:
    from a11y_proxy.config import ShortcutSettings
    from a11y_proxy.reader import ACTIONS

    pairs = dict(ShortcutSettings().pairs())
    assert list(pairs) == [a.id for a in ACTIONS]
    assert all(pairs[a.id] == a.default_key for a in ACTIONS)


def test_a_shortcut_can_be_changed_or_switched_off() -> None:
    settings = settings_from_mapping({"shortcuts": {"sound": "Alt+Shift+V", "crosshair": ""}})
    pairs = dict(settings.shortcuts.pairs())
    assert pairs["sound"] == "Alt+Shift+V" and pairs["crosshair"] == ""


def test_default_toml_documents_every_key_of_every_section_with_its_default() -> None:
    import dataclasses
    import tomllib

    from a11y_proxy.config import _SECTIONS

    raw = tomllib.loads((ROOT / "config" / "default.toml").read_text("utf-8"))
    loaded = load_settings(ROOT / "config" / "default.toml")
    for section, cls in _SECTIONS.items():
        assert section in raw, section
        for f in dataclasses.fields(cls):
            assert f.name in raw[section], f"[{section}] {f.name} is not documented in default.toml"
        if section not in ("server", "upstream"):  # those two show example values
            assert getattr(loaded, section) == cls(), section
