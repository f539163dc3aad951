"""Dark mode keeps the contrast of light mode: every main text colour on the backgrounds
it is drawn on is at least 4.5:1 (WCAG AA), in both schemes, read from app.css's custom
properties (the light :root, then the prefers-color-scheme: dark one over it)."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()
AA = 4.5
DARK_QUERY = "@media (prefers-color-scheme: dark)"


def _properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", block))


def _first_root(css: str) -> str:
    return re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)


def schemes() -> dict[str, dict[str, str]]:
    light = _properties(_first_root(CSS))
    dark_part = CSS[CSS.index(DARK_QUERY) :]
    return {"light": light, "dark": {**light, **_properties(_first_root(dark_part))}}


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


WHITE = "#ffffff"
# (text, background): custom properties, or white for the text on the brand's bars.
BOTH = [
    ("ink", "paper"),
    ("ink", "card"),
    ("muted", "card"),
    ("muted", "paper"),
    ("accent", "card"),  # links
    ("accent", "paper"),
    ("good", "card"),
    ("warn", "card"),
    ("bad", "card"),
    ("strength", "card"),
    ("balance", "card"),
    (WHITE, "brand"),  # the header, today on the strip, the picked RIR chip
]
DARK_ONLY = [
    ("on-accent", "accent"),  # the primary button
    ("on-accent", "good"),  # "Rest over"
    ("good", "good-bg"),  # verdict chips, logged tags
    ("ink", "good-bg"),  # a logged row
    ("muted", "good-bg"),
    ("warn", "warn-bg"),
    ("bad", "bad-bg"),
]
LIGHT_ONLY = [(WHITE, "accent")]  # the primary button


def _colour(scheme: dict[str, str], name: str) -> str:
    return name if name.startswith("#") else scheme[name]


@pytest.mark.parametrize(
    ("scheme", "text", "background"),
    [("light", *pair) for pair in BOTH + LIGHT_ONLY]
    + [("dark", *pair) for pair in BOTH + DARK_ONLY],
)
def test_text_keeps_its_contrast(scheme, text, background):
    colours = schemes()[scheme]
    ratio = contrast(_colour(colours, text), _colour(colours, background))
    assert ratio >= AA, f"{scheme}: {text} on {background} is {ratio:.2f}:1"


def test_dark_mode_changes_the_page_and_the_card():
    light, dark = schemes()["light"], schemes()["dark"]
    assert luminance(dark["paper"]) < 0.05 < luminance(light["paper"])
    assert luminance(dark["ink"]) > luminance(dark["card"])


@pytest.mark.parametrize(
    ("one", "other", "ratio"), [("#ffffff", "#000000", 21.0), ("#777777", "#ffffff", 4.48)]
)
def test_contrast_is_computed_as_wcag_does(one, other, ratio):
    assert contrast(one, other) == pytest.approx(ratio, abs=0.01)
