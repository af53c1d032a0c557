"""One SOP file: the typed model (the format), Waktu and dates, loading with file/line/column
diagnostics, the YAML screen, problems and notes, the modeline and the load cache.

Everything `sopbook check` needs; knows nothing about other SOPs, HTML or MkDocs.
"""

from .loading import LoadedSop, LoadResult, iter_sop_files, load_bytes, load_file, load_paths
from .model import Sop, Status, Step, Symbol, sop_json_schema
from .problems import Problem

__all__ = [
    "LoadResult",
    "LoadedSop",
    "Problem",
    "Sop",
    "Status",
    "Step",
    "Symbol",
    "iter_sop_files",
    "load_bytes",
    "load_file",
    "load_paths",
    "sop_json_schema",
]
