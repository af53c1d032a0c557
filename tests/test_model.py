"""The typed model: one definition validates files and documents the format."""

import pytest
from pydantic import ValidationError
from sops import sop_dict, step

from sopbook.sop.model import Sop, Symbol, sop_json_schema

BASE = sop_dict(
    "Contoh",
    None,
    organisasi=None,
    tanggal_pengesahan=None,
    langkah=[step("a", "Lurah", "5 menit"), step("b", "JFU"), step("c", "JFU", "1 hari")],
)

def test_schema_uses_the_indonesian_field_names_and_documents_them():
    schema = sop_json_schema()
    assert schema["required"] == ["nama", "pelaksana", "langkah"]
    props = schema["properties"]
    for key in ("nomor", "tanggal_pembuatan", "dasar_hukum", "keterkaitan", "penandatangan"):
        assert props[key]["description"]
    step = schema["$defs"]["Step"]["properties"]
    assert {"uraian", "pelaksana", "simbol", "ya", "tidak", "kelengkapan", "waktu", "output", "keterangan"} <= set(step)
    assert schema["$defs"]["Symbol"]["enum"] == ["mulai", "proses", "keputusan", "selesai"]
    assert schema["additionalProperties"] is False


def test_default_symbols_follow_position():
    sop = Sop.model_validate(BASE)
    assert [sop.symbol_of(i) for i in range(3)] == [Symbol.START, Symbol.PROCESS, Symbol.END]


def test_total_time_and_single_text_lists():
    sop = Sop.model_validate({**BASE, "dasar_hukum": "UU 1/2020"})
    assert sop.legal_basis == ["UU 1/2020"]
    assert sop.total_time.format() == "1 hari kerja + 5 menit"


def test_unparsable_waktu_is_a_validation_error():
    bad = {**BASE, "langkah": [{"uraian": "a", "pelaksana": "Lurah", "waktu": "2 abad"}]}
    with pytest.raises(ValidationError, match="satuan waktu 'abad' tidak dikenal"):
        Sop.model_validate(bad)


def test_dash_date_means_not_given():
    sop = Sop.model_validate({**BASE, "tanggal_revisi": "-"})
    assert sop.revised is None
