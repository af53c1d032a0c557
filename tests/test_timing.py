from fractions import Fraction

import pytest

from sopbook.sop.timing import Duration, WaktuError, parse_waktu, read_waktu, total, total_waktu


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
        ("3 abad", "satuan waktu 'abad' tidak dikenal"),
        ("5 detik", "satuan waktu 'detik' tidak dikenal"),
        ("10", "Waktu '10' tidak terbaca"),
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


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Paling lambat 17 hari kerja", "17 hari kerja"),
        ("Maksimal 2 jam", "2 jam"),
        ("maks. 30 menit", "30 menit"),
        ("1-2 hari", "1–2 hari kerja"),
        ("1 – 2 hari kerja", "1–2 hari kerja"),
        ("1 s.d. 2 hari", "1–2 hari kerja"),
        ("1 s/d 3 hari", "1–3 hari kerja"),
        ("2 sampai dengan 4 jam", "2–4 jam"),
        ("30-45 menit", "30–45 menit"),
        ("1 jam - 2 jam", "1–2 jam"),
        ("1 x 24 jam", "24 jam"),
        ("2x24 Jam", "48 jam"),
        ("3 (tiga) hari kerja", "3 hari kerja"),
        ("17 hari kerja sejak berkas diterima lengkap", "17 hari kerja"),
    ],
)
def test_written_forms_are_measured(text, shown):
    waktu = read_waktu(text)
    assert waktu.measured and waktu.text == text.strip()
    assert waktu.format() == shown


@pytest.mark.parametrize(
    "text",
    ["Setiap Saat", "Pada hari dan jam kerja", "Sesuai jadwal", "sebentar", "Pukul 08.00 - 16.00 WIB",
     "Jam kerja (08:00-15:30)"],
)
def test_a_text_without_a_number_is_valid_and_not_measured(text):
    waktu = read_waktu(text)
    assert not waktu.measured and waktu.format() == text
    assert parse_waktu(text) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [("5 mnit", "maksud Anda '5 menit'?"), ("2 hri", "maksud Anda '2 hari'?"), ("1-2 hri", "maksud Anda '1-2 hari'?")],
)
def test_a_misspelt_unit_is_an_error_with_a_hint(text, hint):
    with pytest.raises(WaktuError) as caught:
        read_waktu(text)
    assert str(caught.value).endswith(hint)
    assert repr(text) in str(caught.value)


def test_the_total_sums_ranges_as_ranges_and_counts_unmeasured_steps():
    texts = ["Setiap saat", "1-2 hari", "Paling lambat 2 hari kerja", "Pada hari dan jam kerja", None, "1 s.d. 1 hari"]
    result = total_waktu([read_waktu(t) for t in texts])
    assert result.format() == "4–5 hari kerja; 2 langkah tanpa waktu terukur"
    assert (result.measured, result.unmeasured) == (3, 2)


def test_the_total_of_exact_times_is_as_before():
    texts = ["1 hari", "20 menit", "10 menit", "15 hari", "7 hari", "1 hari", "1 hari", "30 menit"]
    assert total_waktu([read_waktu(t) for t in texts]).format() == "25 hari kerja + 1 jam"
    assert total_waktu([read_waktu("17 hari kerja")] + [read_waktu("Setiap saat")] * 7).format() == (
        "17 hari kerja; 7 langkah tanpa waktu terukur"
    )


def test_a_total_of_only_unmeasured_steps_says_so_and_none_when_no_step_has_waktu():
    assert total_waktu([read_waktu("Setiap saat"), None]).format() == "1 langkah tanpa waktu terukur"
    assert total_waktu([None, read_waktu("-")]) is None


def test_ranges_mixing_days_and_hours_keep_them_apart():
    result = total_waktu([read_waktu("1-2 hari"), read_waktu("30-90 menit"), read_waktu("1 jam")])
    assert result.format() == "1–2 hari kerja + 1 jam 30 menit – 2 jam 30 menit"


def test_the_misspelt_unit_is_quoted_as_written():
    with pytest.raises(WaktuError, match=r"satuan waktu 'Mnit' tidak dikenal pada '5 Mnit'; maksud Anda '5 menit'\?"):
        read_waktu("5 Mnit")


@pytest.mark.parametrize(("text", "minutes"), [("1.30 jam", 78), ("2.15 jam", 129), ("08.00 menit", 8)])
def test_a_decimal_before_a_unit_is_a_quantity_not_a_time_of_day(text, minutes):
    assert parse_waktu(text) == Duration(minutes=Fraction(minutes))


@pytest.mark.parametrize("text", ["3²", "Pukul 08.00, 2"])
def test_odd_digits_give_a_message_not_a_crash(text):
    with pytest.raises(WaktuError):
        read_waktu(text)


@pytest.mark.parametrize(("text", "unit"), [("Paling lambat 1 bulan", "bulan"), ("1 tahun", "tahun"),
                                            ("14 hari kalender", "hari kalender"), ("1-2 Bulan", "bulan")])
def test_units_that_are_not_working_days_are_shown_not_summed(text, unit):
    waktu = read_waktu(text)
    assert not waktu.measured and waktu.unit == unit and waktu.format() == text
    assert total_waktu([waktu, read_waktu("2 hari")]).format() == "2 hari kerja; 1 langkah tanpa waktu terukur"


def test_a_misspelt_month_unit_gets_a_hint():
    with pytest.raises(WaktuError, match=r"maksud Anda '1 bulan'\?"):
        read_waktu("1 bln")
