import pytest

from sopbook.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("28 November 2018", (2018, 11, 28)),
        ("17 Desember 2018", (2018, 12, 17)),
        ("Januari 2025", (2025, 1, 0)),
        ("NOVEMBER 2017", (2017, 11, 0)),
        ("2017", (2017, 0, 0)),
        ("1 Nopember 2020", (2020, 11, 1)),
    ],
)
def test_partial_dates_are_read_and_kept_as_written(text, key):
    date = parse_date(text)
    assert date.sort_key == key
    assert date.text == text


@pytest.mark.parametrize("text", [None, "", "-", " - "])
def test_no_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("Janury 2025", "unknown month"), ("32 Mei 2020", "out of range"), ("2025-01-05", "cannot read date"), ("kemarin", "cannot read date")],
)
def test_bad_dates(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)
