"""Each actor column of the connected flowchart is only as wide as its own cells need
(`Chart.col_min_width`): the page layout fits eight actors at 1366 px."""

from __future__ import annotations

from pathlib import Path

from sops import decision, sop_yaml, step

from sopbook.drawing.flowchart import build_chart
from sopbook.sop.loading import load_paths

SOP = sop_yaml(
    "Delapan Pelaksana",
    None,
    organisasi=None,
    tanggal_pengesahan=None,
    pelaksana=list("ABCDEFGH"),
    langkah=[
        step("Mulai", "A", simbol="mulai"),
        decision("Menimbang", "B", ya=3, tidak=1),
        step("Mengerjakan", "C"),
        step("Memeriksa", "D"),
        step("Selesai", "H", simbol="selesai"),
    ],
)


def test_only_the_column_with_a_side_label_takes_the_tables_width(tmp_path: Path):
    (tmp_path / "a.yml").write_text(SOP)
    result = load_paths([tmp_path])
    assert not result.problems
    chart = build_chart(result.sops[0].sop)
    widths = [chart.col_min_width(col) for col in range(8)]
    # the decision's "Tidak" sits beside the diamond in B's column: that column needs the room
    assert widths[1] == chart.min_width
    others = widths[:1] + widths[2:]
    assert max(others) < chart.min_width
    assert len(set(others)) == 1 and others[0] >= 48  # room for a symbol and its lanes
