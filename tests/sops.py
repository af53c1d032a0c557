"""The one SOP factory of the tests: valid SOP files with sensible defaults.

    sop_dict(nama="Rapat", nomor="1.1")                 # the data, as a dict
    sop_yaml(langkah=[step("Bekerja", "Lurah")])        # the YAML text of a valid SOP file
    write_sop(folder, "a.yml", nomor="2.1")              # written to folder/a.yml

Every field of the format can be given by its YAML name; a field given as None is left out
(`nomor=None`: an SOP without a number). `pelaksana` defaults to the actors of the steps, in
the order they first act. The defaults are one small SOP of an archive office: two actors,
three steps, one decision (Ya → 3, Tidak → 1), a total of 1 day 1 hour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

ORGANISASI = ("Pemerintah Kota Uji", "Dinas Arsip", "Bidang Layanan")
NAMA = "Pengelolaan Arsip"
NOMOR = "1.2.3"
TANGGAL = "Januari 2025"


def step(
    uraian: str, pelaksana: str | Sequence[str] | dict[str, str], waktu: str | None = None, **fields: Any
) -> dict[str, Any]:
    """One step (`langkah`): its description, actor(s), time and any other field. `pelaksana`
    may be one actor, a list, or a mapping actor -> symbol (a row of different symbols)."""
    if isinstance(pelaksana, dict):
        acting: str | list[str] | dict[str, str] = dict(pelaksana)
    else:
        acting = pelaksana if isinstance(pelaksana, str) else list(pelaksana)
    data: dict[str, Any] = {"uraian": uraian, "pelaksana": acting}
    if waktu is not None:
        data["waktu"] = waktu
    data.update({key: value for key, value in fields.items() if value is not None})
    return data


def decision(uraian: str, pelaksana: str | Sequence[str], ya: int, tidak: int, waktu: str | None = None, **fields: Any) -> dict[str, Any]:
    """A decision step: Ya goes to step `ya`, Tidak to step `tidak`."""
    return step(uraian, pelaksana, simbol="keputusan", ya=ya, tidak=tidak, waktu=waktu, **fields)


STEPS = (
    step("Menerima surat", "Kepala", "5 menit"),
    decision("Memeriksa berkas", "Staf", ya=3, tidak=1, waktu="1 hari"),
    step("Mengarsipkan", "Staf", "55 menit"),
)
"""The default steps: Kepala, then Staf; 5 minutes + 1 day + 55 minutes."""


def actors_of(steps: Iterable[dict[str, Any]]) -> list[str]:
    """The actors of `steps`, in the order they first act."""
    actors: list[str] = []
    for one in steps:
        acting = one.get("pelaksana", [])
        for actor in [acting] if isinstance(acting, str) else acting:
            if actor not in actors:
                actors.append(actor)
    return actors


LAST = ("penandatangan", "riwayat")
"""Fields written after the steps, where the form has them (the signature closes it)."""


def sop_dict(
    nama: str | None = NAMA,
    nomor: str | None = NOMOR,
    *,
    organisasi: Sequence[str] | None = ORGANISASI,
    tanggal_pengesahan: str | None = TANGGAL,
    langkah: Iterable[dict[str, Any]] | None = STEPS,
    pelaksana: Sequence[str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """The data of one valid SOP (keys in the order an office writes them: the identity, the
    other fields, pelaksana and langkah, then the signature and the revision history)."""
    steps = [dict(one) for one in langkah] if langkah is not None else None
    data: dict[str, Any] = {
        "organisasi": list(organisasi) if organisasi is not None else None,
        "nomor": nomor,
        "nama": nama,
        "tanggal_pengesahan": tanggal_pengesahan,
        **{key: value for key, value in fields.items() if key not in LAST},
        "pelaksana": list(pelaksana) if pelaksana is not None else (actors_of(steps) if steps is not None else None),
        "langkah": steps,
        **{key: value for key, value in fields.items() if key in LAST},
    }
    return {key: value for key, value in data.items() if value is not None}


FLOW_KEYS = frozenset({"organisasi", "pelaksana"})
"""Lists written on one line, as offices write them: `organisasi: [Pemerintah Kota Uji, Dinas]`."""


class _Flow(list):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "langkah:\n  - uraian: ...", as offices indent


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def _styled(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _styled(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if key in FLOW_KEYS and all(isinstance(item, str) for item in value):
            return _Flow(value)
        return [_styled(item) for item in value]
    return value


def to_yaml(data: dict[str, Any]) -> str:
    """YAML text of `data` in the given key order, laid out as offices write it: organisasi and
    pelaksana on one line, other lists one item a line, indented under their key."""
    return yaml.dump(_styled(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def sop_yaml(*args: Any, **overrides: Any) -> str:
    """The YAML text of `sop_dict(*args, **overrides)`."""
    return to_yaml(sop_dict(*args, **overrides))


def write_sop(folder: Path, name: str = "sop.yml", *args: Any, **overrides: Any) -> Path:
    """`sop_yaml(*args, **overrides)` written to `folder/name` (folders made as needed)."""
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sop_yaml(*args, **overrides), encoding="utf-8")
    return path


def line_of(text: str, start: str) -> int:
    """The number (1-based) of the first line of `text` that starts with `start`: tests state a
    problem's file:line:column from the text they wrote, not from the factory's layout."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


__all__ = [
    "ORGANISASI", "NAMA", "NOMOR", "TANGGAL", "STEPS",
    "step", "decision", "actors_of", "sop_dict", "sop_yaml", "to_yaml", "write_sop", "line_of",
]
