import pytest

from programs.numbers import MAX_DIGITS, parse_whole_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("12", 12),
        (" 7 ", 7),
        ("007", 7),
        ("9" * MAX_DIGITS, int("9" * MAX_DIGITS)),
        ("9" * (MAX_DIGITS + 1), None),
        ("1" * 5000, None),
        ("²", None),
        ("1²", None),
        ("٣", None),
        ("-1", None),
        ("+1", None),
        ("1.0", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_only_short_ascii_digits_are_numbers(text, number):
    assert parse_whole_number(text) == number


def test_a_shorter_limit_refuses_longer_numbers():
    assert parse_whole_number("123", max_digits=2) is None
    assert parse_whole_number("12", max_digits=2) == 12
