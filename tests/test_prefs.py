from __future__ import annotations

from pathlib import Path

import pytest

from a11y_proxy.prefs import Prefs, from_cookie, load_themes, split_query

THEMES = load_themes(Path(__file__).resolve().parent.parent / "themes")


def test_the_shipped_schemes_are_found_with_their_names() -> None:
    assert set(THEMES) == {
        "default",
        "white-black",
        "black-white",
        "black-yellow",
        "yellow-black",
        "blue-yellow",
    }
    assert (
        THEMES["black-yellow"].name_zh == "黑底黄字" and THEMES["black-yellow"].name_en == "Yellow on black"
    )


def test_cookie_round_trip_and_bad_parts_ignored() -> None:
    prefs = Prefs(theme="black-yellow", size=150, spacing=20)
    assert from_cookie(prefs.key(), THEMES) == prefs
    assert from_cookie("nonexistent~999~7~junk", THEMES) == Prefs()
    assert from_cookie(None, THEMES) == Prefs()


def test_reserved_query_parameters_are_taken_out_and_the_rest_kept_byte_for_byte() -> None:
    query = "keyword=%C4%EA%B1%A8&__a11y_theme=yellow-black&page=2&__a11y_size=175"
    rest, prefs, found = split_query(query, Prefs(), THEMES)
    assert found and rest == "keyword=%C4%EA%B1%A8&page=2"
    assert prefs == Prefs(theme="yellow-black", size=175)
    assert split_query("a=1", Prefs(), THEMES) == ("a=1", Prefs(), False)


@pytest.mark.parametrize(
    ("prefs", "classes"),
    [
        (Prefs(), ["a11y-mode-elder", "a11y-theme-default"]),
        (
            Prefs("blue-yellow", 200, 15),
            ["a11y-mode-elder", "a11y-theme-blue-yellow", "a11y-size-200", "a11y-spacing-15"],
        ),
    ],
)
def test_html_classes_select_the_steps(prefs: Prefs, classes: list[str]) -> None:
    assert prefs.html_classes("elder") == classes
