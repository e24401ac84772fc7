from a11y_proxy.reader import SPEEDS, key_code, shown


def test_every_speed_the_controls_offer_has_a_rate() -> None:
    from a11y_proxy.speech.service import SPEEDS as RATES

    assert [i for i, _ in SPEEDS] == list(RATES)


def test_shortcuts_become_physical_key_codes_and_readable_names() -> None:
    assert key_code("Alt+`") == {
        "code": "Backquote",
        "alt": True,
        "ctrl": False,
        "shift": False,
        "meta": False,
    }
    assert key_code("Alt+Shift+/")["code"] == "Slash"
    assert key_code("Ctrl+Alt+5")["code"] == "Digit5"
    assert key_code("") == {}
    assert shown("Alt+ArrowUp") == "Alt+↑" and shown("Alt+Shift+/") == "Alt+?" and shown("") == "(无)"
