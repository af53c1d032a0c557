"""Import SOPs an office already has (signed PDFs, Word files) as YAML drafts.

Readers (`pdf.py`, `docx.py`) turn a file into a `Grid`; one mapper (`mapper.py`) turns any grid
into an SOP; `draft.py` writes it as YAML with a `# PERIKSA:` comment beside every unsure field.
"""

from __future__ import annotations

from . import texts  # noqa: F401 - registers the messages
from .draft import ImportResult, import_file

__all__ = ["ImportResult", "import_file"]
