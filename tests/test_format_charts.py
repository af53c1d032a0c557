"""The format of rows as offices draw them (issue 23) in the model, the JSON Schema and
`sopbook check`: `pelaksana` as a mapping actor -> symbol, `teks_simbol`, `label_ya` /
`label_tidak`, printed step numbers `no`; each rule reported in Indonesian with a hint, at the
file, line and column of the value."""

from __future__ import annotations

import json
from pathlib import Path

from sops import line_of, sop_dict, sop_yaml, step

from sopbook.cli import main
from sopbook.sop.loading import load_bytes
from sopbook.sop.model import Symbol, sop_json_schema

ROOT = Path(__file__).parent.parent

ACTORS = ["Kepala Bagian Umum", "Sekretaris", "Tim SDM"]


def steps(first: dict | None = None, second: dict | None = None, third: dict | None = None) -> list[dict]:
    """The worked example of the format page; `first`, `second`, `third` change those steps."""
    return [
        {**step("Menerima dan mendistribusikan berkas",
                {"Kepala Bagian Umum": "mulai", "Tim SDM": "Proses", "Sekretaris": "proses"}, "1 jam"), **(first or {})},
        {**step("Memeriksa", {"Tim SDM": "keputusan", "Sekretaris": "proses"}, "2 jam", teks_simbol="Lengkap?",
                label_ya="Y", label_tidak="T", ya=4, tidak=6), **(second or {})},
        {**step("Menyusun", "Tim SDM", "1 hari", no=4), **(third or {})},
        step("Menandatangani", "Kepala Bagian Umum", simbol="selesai"),
        step("Mengembalikan", "Sekretaris", simbol="selesai"),
    ]


def text_of(langkah: list[dict], nama: str = "Contoh") -> str:
    return sop_yaml(nama=nama, pelaksana=ACTORS, langkah=langkah)


GOOD = text_of(steps())


def problems(text: str) -> list[str]:
    return [str(p) for p in load_bytes(text.encode(), "x.yml").problems]


def test_a_mapping_row_text_labels_and_printed_numbers_are_read_as_written():
    result = load_bytes(GOOD.encode(), "x.yml")
    assert not result.problems
    sop = result.sops[0].sop
    assert sop.numbers == [1, 2, 4, 5, 6]
    assert sop.symbols_of(0) == [("Kepala Bagian Umum", Symbol.START), ("Tim SDM", Symbol.PROCESS),
                                 ("Sekretaris", Symbol.PROCESS)]
    assert sop.symbol_of(1) is Symbol.DECISION and sop.symbol_at(1, "Sekretaris") is Symbol.PROCESS
    step = sop.steps[1]
    assert (step.symbol_text, step.yes_text, step.no_text, step.yes, step.no) == ("Lengkap?", "Y", "T", 4, 6)
    assert sop.steps[2].no is None  # the printed number `no` is not the Tidak branch
    # Waktu is counted once per step, whatever its symbols
    assert sop.total_time.format() == "1 hari kerja + 3 jam"


def test_an_actor_of_a_mapping_not_in_pelaksana_is_reported_with_a_hint_at_its_line():
    text = GOOD.replace("      Tim SDM: Proses", "      Tim SMD: proses")
    found = problems(text)
    assert found == [
        f"x.yml:{line_of(text, '      Tim SMD')}:16: langkah[1].pelaksana.Tim SMD: pelaksana 'Tim SMD' tidak ada di daftar 'pelaksana' "
        "(Kepala Bagian Umum, Sekretaris, Tim SDM); maksudnya 'Tim SDM'?"
    ]


def test_two_decisions_in_one_row_are_one_problem():
    text = text_of(steps(second={"pelaksana": {"Tim SDM": "keputusan", "Sekretaris": "keputusan"}}))
    found = problems(text)
    line = line_of(text, "      Tim SDM: keputusan")  # the mapping, at its first entry
    assert len(found) == 1 and found[0].startswith(f"x.yml:{line}:7: langkah[2].pelaksana: satu langkah hanya boleh memuat satu 'keputusan'")
    assert "tulis sebagai dua langkah" in found[0]


def test_ya_to_a_number_that_is_not_printed_names_the_numbers_there_are():
    text = GOOD.replace("    ya: 4\n", "    ya: 3\n")
    found = problems(text)
    assert found == [
        f"x.yml:{line_of(text, '    ya: 3')}:9: langkah[2].ya: langkah tujuan 3 tidak ada (nomor langkah: 1, 2, 4, 5, 6); "
        "'ya' dan 'tidak' memakai nomor langkah seperti tercetak"
    ]


def test_a_duplicate_or_decreasing_number_is_reported_at_its_file_and_line(tmp_path, capsys):
    duplicate = tmp_path / "ganda.yml"
    duplicate.write_text(text_of(steps(third={"no": 2})))
    decreasing = tmp_path / "turun.yml"
    decreasing.write_text(text_of(steps(second={"no": 3}, third={"no": 2}), nama="Contoh 2"))
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    line = line_of(duplicate.read_text(), "    'no': 2")
    assert f"{duplicate}:{line}:11: langkah[3].no: nomor langkah 2 sudah dipakai langkah sebelumnya" in out
    line = line_of(decreasing.read_text(), "    'no': 2")
    assert f"{decreasing}:{line}:11: langkah[3].no: nomor langkah 2 lebih kecil daripada nomor langkah sebelumnya (3)" in out


def test_simbol_beside_a_mapping_and_labels_without_a_decision_are_reported():
    found = problems(text_of(steps(first={"simbol": "mulai", "label_ya": "Y"})))
    assert [f.split(": ", 2)[1] for f in found] == ["langkah[1].simbol", "langkah[1].label_ya"]
    assert "hapus 'simbol'" in found[0]


def test_an_unknown_symbol_in_a_mapping_names_the_choices():
    text = GOOD.replace("Tim SDM: Proses", "Tim SDM: prosess")
    (found,) = problems(text)
    assert found.startswith(f"x.yml:{line_of(text, '      Tim SDM: prosess')}:16: langkah[1].pelaksana.Tim SDM: 'prosess' bukan nilai yang dikenal")
    assert "mulai, proses, keputusan, selesai" in found


def test_the_json_schema_takes_the_new_fields():
    schema = sop_json_schema()
    assert json.loads((ROOT / "sop.schema.json").read_text()) == json.loads(json.dumps(schema))
    step = schema["$defs"]["Step"]["properties"]
    assert {"no", "teks_simbol", "label_ya", "label_tidak"} <= set(step)
    forms = step["pelaksana"]["anyOf"]
    mapping = next(f for f in forms if f["type"] == "object")
    assert mapping["additionalProperties"]["enum"] == ["mulai", "proses", "keputusan", "selesai"]
    assert step["no"]["anyOf"][0] == {"minimum": 1, "type": "integer"}


def test_diff_names_the_symbol_of_one_actor_that_changed():
    from sopbook.portal.compare import compare_sops
    from sopbook.sop.model import Sop

    def sop(second: dict) -> Sop:
        return Sop.model_validate(sop_dict(pelaksana=ACTORS, langkah=[
            step("a", "Kepala Bagian Umum"), step("b", "Sekretaris"), {"uraian": "c", **second}, step("d", "Tim SDM")]))

    old = sop({"pelaksana": {"Sekretaris": "proses", "Tim SDM": "proses"}})
    new = sop({"pelaksana": {"Sekretaris": "proses", "Tim SDM": "keputusan"}, "ya": 4, "tidak": 1,
               "teks_simbol": "Setuju?", "label_ya": "Y", "label_tidak": "T"})
    said = [change.text for change in compare_sops(old, new)]
    assert "langkah 3: simbol Tim SDM proses → keputusan" in said
    assert "langkah 3: cabang Y → 4, T → 1" in said
    assert "langkah 3: teks simbol (kosong) → “Setuju?”" in said
    assert "langkah 3: label cabang Ya/Tidak → Y/T" in said
