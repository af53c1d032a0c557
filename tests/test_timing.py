from fractions import Fraction

import pytest

from sopbook.timing import Duration, WaktuError, parse_waktu, total


@pytest.mark.parametrize(
    ("text", "days", "minutes"),
    [
        ("5 menit", 0, 5),
        ("180 menit", 0, 180),
        ("2 hari", 2, 0),
        ("2 minggu", 10, 0),
        ("5 Jam", 0, 300),
        ("5Jam", 0, 300),
        ("1 hari kerja", 1, 0),
        ("1,5 jam", 0, 90),
        ("1.5 jam", 0, 90),
        ("15 Menit", 0, 15),
        ("1 jam 30 menit", 0, 90),
        ("2 hari + 3 jam", 2, 180),
        ("  3   HARI  KERJA ", 3, 0),
        ("0,5 hari", Fraction(1, 2), 0),
    ],
)
def test_parses_the_units_the_documents_use(text, days, minutes):
    assert parse_waktu(text) == Duration(Fraction(days), Fraction(minutes))


@pytest.mark.parametrize("text", ["", "   ", "-", None])
def test_empty_waktu_means_no_time(text):
    assert parse_waktu(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("3 tahun", "satuan waktu 'tahun' tidak dikenal"),
        ("5 detik", "satuan waktu 'detik' tidak dikenal"),
        ("sebentar", "tidak terbaca"),
        ("10", "tidak terbaca"),
        ("5 menit +", "bagian kosong"),
        ("menit 5", "tidak terbaca"),
    ],
)
def test_unknown_or_unreadable_waktu_is_an_error(text, fragment):
    with pytest.raises(WaktuError, match=fragment.replace("(", r"\(")):
        parse_waktu(text)


def test_sop_004_total_is_exactly_as_the_document_states():
    steps = ["1 hari", "20 menit", "10 menit", "15 hari", "7 hari", "1 hari", "1 hari", "30 menit"]
    assert total([parse_waktu(s) for s in steps]).format() == "25 hari kerja + 1 jam"


def test_minutes_roll_into_hours_but_hours_never_into_days():
    result = total([parse_waktu("20 jam"), parse_waktu("5 jam"), parse_waktu("70 menit")])
    assert result.format() == "26 jam 10 menit"
    assert result.days == 0


def test_a_minggu_is_five_working_days():
    assert total([parse_waktu("2 minggu"), parse_waktu("1 hari")]).format() == "11 hari kerja"


def test_fractions_are_written_with_a_decimal_comma():
    assert parse_waktu("1,5 hari").format() == "1,5 hari kerja"
    assert parse_waktu("1,5 jam").format() == "1 jam 30 menit"


def test_total_ignores_steps_without_time_and_is_none_when_no_step_has_one():
    assert total([None, parse_waktu("5 menit"), None]).format() == "5 menit"
    assert total([None, None]) is None
