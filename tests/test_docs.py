"""The documentation's examples are real: they validate and compute what the text says."""

import re
from pathlib import Path

from sopbook.sop.loading import load_file

ROOT = Path(__file__).parent.parent


def test_format_page_example_is_a_valid_sop(tmp_path):
    text = (ROOT / "docs_build" / "format.md").read_text()
    example = re.search(r"## Contoh lengkap\s+```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "contoh.yml"
    path.write_text(example)
    result = load_file(path)
    assert result.problems == []
    sop = result.sops[0].sop
    stated = re.search(r"Total waktu contoh ini: \*(.+?)\*", text).group(1)
    assert sop.total_time.format() == stated
    assert [s.symbol for s in sop.steps if s.symbol] and sop.steps[2].yes == 4


def test_format_page_documents_every_field():
    from sopbook.sop.model import Signature, Sop, Step

    text = (ROOT / "docs_build" / "format.md").read_text()
    for model in (Sop, Step, Signature):
        for name, field in model.model_fields.items():
            assert f"`{field.alias}`" in text, f"{field.alias} is not documented"
