import pytest

from sopbook.sop.dates import DateError, parse_date


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
    [("Janury 2025", "nama bulan 'Janury' tidak dikenal"), ("32 Mei 2020", "di luar jangkauan"), ("2025-01-05", "tidak terbaca"), ("kemarin", "tidak terbaca")],
)
def test_bad_dates(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "last"),
    [("31 Februari 2026", 28), ("30 Februari 2026", 28), ("29 Februari 2025", 28), ("31 April 2026", 30),
     ("31 Juni 2024", 30), ("29 Pebruari 2100", 28), ("31 Nop 2020", 30)],
)
def test_days_that_are_not_in_the_calendar_are_refused(text, last):
    with pytest.raises(DateError, match=f"hanya sampai tanggal {last}"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [("29 Februari 2024", (2024, 2, 29)), ("29 Pebruari 2000", (2000, 2, 29)), ("31 Desember 2025", (2025, 12, 31)),
     ("17 Agt 2025", (2025, 8, 17)), ("17 Agt. 2025", (2025, 8, 17)), ("1 Sept 2019", (2019, 9, 1)),
     ("Peb 2020", (2020, 2, 0)), ("12 OKT 2021", (2021, 10, 12)), ("5 nop 2018", (2018, 11, 5))],
)
def test_leap_days_and_the_month_names_documents_use(text, key):
    assert parse_date(text).sort_key == key
