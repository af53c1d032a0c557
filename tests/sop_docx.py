"""Build an SOP AP .docx (as offices write them in Word) from an SOP's YAML data, for import tests.

The layout follows the Permenpan RB 35/2012 form: an identity table whose left column (the
heading with the organisation) is merged down over all rows; the six sections two by two; the
procedure table with merged header cells (Pelaksana and Mutu Baku over their columns, No,
Kegiatan and Keterangan merged down), one flowchart symbol per actor cell (DrawingML
`flowChart*` preset shapes, as Word draws them), and optionally continued in a second table
without a header, as after a page break.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml

GEOMETRY = {"mulai": "flowChartTerminator", "selesai": "flowChartTerminator", "proses": "flowChartProcess",
            "keputusan": "flowChartDecision"}
SECTIONS = (("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
            ("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan_perlengkapan"),
            ("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan_pendataan"))
_SHAPE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:inline><wp:extent cx="457200" cy="228600"/><wp:docPr id="{id}" name="Simbol {id}"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="228600"/></a:xfrm>'
    '<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
)


def _lines(value: Any, numbered: bool = True) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [f"{i}. {item}" if numbered else str(item) for i, item in enumerate(value, 1)]
    return [str(value)]


def _fill(cell, lines: list[str]) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def symbols(data: dict[str, Any]) -> list[str]:
    """The symbol each step draws (the format's defaults filled in)."""
    steps = data["langkah"]
    out = []
    for index, step in enumerate(steps):
        default = "mulai" if index == 0 else "selesai" if index == len(steps) - 1 else "proses"
        out.append(str(step.get("simbol") or default).lower())
    return out


def actors_of(step: dict[str, Any]) -> list[str]:
    actors = step["pelaksana"]
    return list(actors) if isinstance(actors, (list, dict)) else [actors]


def build(data: dict[str, Any], path: Path, *, continue_after: int | None = None) -> Path:
    document = docx.Document()
    _identity(document, data)
    document.add_paragraph()
    sections = document.add_table(rows=3, cols=2)
    for index, (title, key) in enumerate(SECTIONS):
        _fill(sections.cell(index // 2, index % 2), [f"{title}:"] + _lines(data.get(key)))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    steps = data["langkah"]
    cut = continue_after if continue_after is not None else len(steps)
    _procedure(document, data, steps[:cut], 0, header=True)
    if cut < len(steps):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _procedure(document, data, steps[cut:], cut, header=False)
    document.save(str(path))
    return path


def _identity(document, data: dict[str, Any]) -> None:
    rows = [("Nomor SOP", data.get("nomor")), ("Tanggal Pembuatan", data.get("tanggal_pembuatan")),
            ("Tanggal Revisi", data.get("tanggal_revisi"))]
    if "tanggal_efektif" in data:
        rows.append(("Tanggal Efektif", data["tanggal_efektif"]))
    rows.append(("Tanggal Pengesahan", data.get("tanggal_pengesahan")))
    signature = data.get("penandatangan") or {}
    signed = [data.get("disahkan_oleh") or signature.get("jabatan") or ""]
    signed += [signature[k] for k in ("nama", "pangkat") if signature.get(k)]
    if signature.get("nip"):
        signed.append(f"NIP. {signature['nip']}")
    rows += [("Disahkan Oleh", signed), ("Nama SOP", data["nama"])]
    table = document.add_table(rows=len(rows), cols=3)
    heading = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    _fill(heading, [str(level).upper() for level in data.get("organisasi", [])])
    for r, (label, value) in enumerate(rows):
        _fill(table.cell(r, 1), [label])
        _fill(table.cell(r, 2), [str(v) for v in value if v] if isinstance(value, list) else _lines(value))


def _procedure(document, data: dict[str, Any], steps, offset: int, *, header: bool) -> None:
    actors = list(data["pelaksana"])
    mutu = ["Kelengkapan", "Waktu", "Output"]
    width = 2 + len(actors) + len(mutu) + 1
    table = document.add_table(rows=(2 if header else 0) + len(steps), cols=width)
    if header:
        top, sub = table.rows[0].cells, table.rows[1].cells
        for j, label in ((0, "No"), (1, "Kegiatan"), (width - 1, "Keterangan")):
            top[j].merge(sub[j]).text = label
        top[2].merge(top[1 + len(actors)]).text = "Pelaksana"
        top[2 + len(actors)].merge(top[width - 2]).text = "Mutu Baku"
        for j, name in enumerate(actors + mutu):
            sub[2 + j].text = name
    all_symbols = symbols(data)
    for i, step in enumerate(steps):
        row = table.rows[(2 if header else 0) + i].cells
        number = offset + i
        row[0].text = str(step.get("no", number + 1))
        _fill(row[1], [step["uraian"]])
        who = step["pelaksana"]
        for actor in actors_of(step):
            symbol = who[actor] if isinstance(who, dict) else all_symbols[number]
            paragraph = row[2 + actors.index(actor)].paragraphs[0]
            paragraph._p.append(parse_xml(_SHAPE.format(id=100 * number + actors.index(actor) + 1,
                                                        geometry=GEOMETRY[symbol])))
        base = 2 + len(actors)
        _fill(row[base], _lines(step.get("kelengkapan")))
        _fill(row[base + 1], _lines(step.get("waktu")))
        _fill(row[base + 2], _lines(step.get("output")))
        _fill(row[width - 1], _lines(step.get("keterangan")))
