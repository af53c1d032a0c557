"""`sopbook diff` and "Terakhir diubah" on small git repositories made in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from sops import sop_yaml, step

from sopbook.cli import main
from sopbook.portal.diff import diff_sops
from sopbook.portal.git import last_changed

LAW = "Peraturan Daerah Nomor 1 Tahun 2020"


def sop_steps(actor2="Staf", waktu2="30 menit") -> list[dict]:
    return [
        step("Menerima berkas permohonan", "Staf", "10 menit"),
        step("Memeriksa kelengkapan berkas", actor2, waktu2),
        step("Menandatangani surat jawaban", "Kepala Dinas", "1 jam"),
    ]


def sop_text(nomor="1.1", nama="Pelayanan Surat", ref="SOP Arsip", actor2="Staf", waktu2="30 menit", extra="",
             laws=(LAW,), langkah=None):
    return sop_yaml(
        nama,
        nomor,
        organisasi=["Pemerintah Kota Uji", "Dinas Uji"],
        tanggal_pengesahan=None,
        dasar_hukum=list(laws),
        keterkaitan=[ref],
        pelaksana=["Staf", "Kepala Seksi", "Kepala Dinas"],
        langkah=langkah if langkah is not None else sop_steps(actor2, waktu2),
    ) + extra


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.org",
            "GIT_COMMITTER_NAME": "Uji", "GIT_COMMITTER_EMAIL": "uji@example.org",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2025-03-03T10:00:00+07:00") -> str:
        env = {**self.env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path

    def commit(self, message: str, date: str = "2025-03-03T10:00:00+07:00") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "portal")
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text())
    repo.write("content/dinas/2.1-arsip.yml", sop_text(nomor="2.1", nama="Arsip", ref="SOP Pelayanan Surat"))
    repo.commit("awal", date="2025-01-15T09:00:00+07:00")
    return repo


def texts(changes, path):
    [change] = [c for c in changes if c.path == path]
    return change, [i.text for i in change.changes]


def test_an_edited_waktu_reports_exactly_that_step_with_old_new_and_the_new_total(repo):
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(waktu2="2 jam"))
    changes = diff_sops("HEAD", None, repo.root / "content")
    change, items = texts(changes, "content/dinas/1.1-pelayanan.yml")
    assert change.status == "diubah"
    assert items == [
        "Waktu langkah 2 (“Memeriksa kelengkapan berkas”): 30 menit → 2 jam",
        "Total waktu penyelesaian: 1 jam 40 menit → 3 jam 10 menit",
    ]


def test_a_step_given_to_another_actor_and_an_added_legal_basis(repo):
    text = sop_text(actor2="Kepala Seksi", laws=[LAW, "Peraturan Wali Kota Nomor 7 Tahun 2024"])
    repo.write("content/dinas/1.1-pelayanan.yml", text)
    repo.commit("ubah")
    change, items = texts(diff_sops("HEAD~1", "HEAD", repo.root / "content"), "content/dinas/1.1-pelayanan.yml")
    assert "Dasar Hukum ditambah: “Peraturan Wali Kota Nomor 7 Tahun 2024”" in items
    assert (
        "Langkah 2 (“Memeriksa kelengkapan berkas”) dialihkan dari pelaksana Staf ke Kepala Seksi" in items
    )
    assert len(items) == 2


def test_steps_added_removed_and_moved(repo):
    s1, s2, s3 = sop_steps()
    # swap steps 2 and 3, drop nothing, add a new step at the end
    new = sop_text(langkah=[s1, s3, s2, step("Mengirim surat", "Staf")])
    repo.write("content/dinas/1.1-pelayanan.yml", new)
    changes = diff_sops("HEAD", None, repo.root / "content")
    _, items = texts(changes, "content/dinas/1.1-pelayanan.yml")
    assert "Langkah 4 ditambah: “Mengirim surat” (pelaksana: Staf)" in items
    assert any("dipindah dari urutan" in i for i in items)
    assert not any("dihapus" in i for i in items)


def test_a_renamed_file_is_followed(repo):
    repo.git("mv", "content/dinas/1.1-pelayanan.yml", "content/dinas/1.1-pelayanan-surat.yml")
    repo.commit("ganti nama")
    changes = diff_sops("HEAD~1", "HEAD", repo.root / "content")
    assert len(changes) == 1
    change, items = texts(changes, "content/dinas/1.1-pelayanan-surat.yml")
    assert change.status == "dipindah" and change.old_path == "content/dinas/1.1-pelayanan.yml"
    assert items == ["Berkas dipindah: content/dinas/1.1-pelayanan.yml → content/dinas/1.1-pelayanan-surat.yml"]


def test_a_new_and_a_deleted_sop_and_a_reference_that_breaks(repo):
    repo.write("content/dinas/3.1-baru.yml", sop_text(nomor="3.1", nama="Layanan Baru"))
    (repo.root / "content/dinas/2.1-arsip.yml").unlink()
    repo.commit("baru dan hapus")
    changes = diff_sops("HEAD~1", "HEAD", repo.root / "content")
    new, items = texts(changes, "content/dinas/3.1-baru.yml")
    assert new.status == "baru"
    assert items[0] == "SOP baru: 3 langkah; pelaksana: Staf, Kepala Seksi, Kepala Dinas; total waktu 1 jam 40 menit; status berlaku"
    gone, items = texts(changes, "content/dinas/2.1-arsip.yml")
    assert gone.status == "dihapus" and gone.title == "Arsip" and items == ["SOP dihapus dari portal"]
    broken, items = texts(changes, "content/dinas/1.1-pelayanan.yml")
    assert broken.status == "rujukan"
    assert items == ["Rujukan “SOP Arsip” kini menunjuk SOP yang tidak ada di portal"]


def test_an_invalid_file_is_reported_with_its_problem_not_a_traceback(repo):
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(waktu2="5 mnit"))
    change, items = texts(diff_sops("HEAD", None, repo.root / "content"), "content/dinas/1.1-pelayanan.yml")
    assert change.status == "tidak_valid"
    assert "langkah[2].waktu" in items[0] and "mnit" in items[0]


def test_the_cli_prints_text_markdown_and_json(repo, capsys, monkeypatch):
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(nama="Pelayanan Surat *Masuk* <b>"))
    monkeypatch.chdir(repo.root)
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "Nama SOP diubah: “Pelayanan Surat” → “Pelayanan Surat *Masuk* <b>”" in out
    assert main(["diff", "HEAD", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Ringkasan perubahan SOP")
    assert "\\*Masuk\\* \\<b\\>" in out and "<b>" not in out
    assert main(["diff", "HEAD", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["status"] == "diubah" and data[0]["perubahan"][0]["baru"] == "Pelayanan Surat *Masuk* <b>"


def test_the_default_base_is_the_merge_base_with_main(repo, capsys, monkeypatch):
    repo.git("checkout", "-q", "-b", "usulan")
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(waktu2="1 jam"))
    repo.commit("usulan")
    monkeypatch.chdir(repo.root)
    assert main(["diff"]) == 0
    assert "30 menit → 1 jam" in capsys.readouterr().out


def test_diff_outside_git_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["diff"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sopbook diff: folder ") and "tidak berada di dalam repositori git" in err


def test_last_changed_gives_each_file_its_own_commit_date(repo):
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(waktu2="1 jam"))
    repo.commit("ubah", date="2025-03-03T10:00:00+07:00")
    dates = last_changed(repo.root / "content")
    pelayanan = dates[(repo.root / "content/dinas/1.1-pelayanan.yml").resolve()]
    arsip = dates[(repo.root / "content/dinas/2.1-arsip.yml").resolve()]
    assert pelayanan.date().isoformat() == "2025-03-03"
    assert arsip.date().isoformat() == "2025-01-15"


def test_last_changed_outside_git_is_empty(tmp_path):
    (tmp_path / "content").mkdir()
    assert last_changed(tmp_path / "content") == {}


def test_hostile_files_from_git_are_screened_like_files_on_disk(repo):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    repo.write("content/dinas/1.1-pelayanan.yml", bomb)
    repo.commit("bom")
    change, items = texts(diff_sops("HEAD~1", "HEAD", repo.root / "content"), "content/dinas/1.1-pelayanan.yml")
    assert change.status == "tidak_valid"
    assert "content/dinas/1.1-pelayanan.yml (" in items[0] and "alias" in items[0].lower()
    # and back: the old version read from git is invalid, the fixed one is reported as such
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text())
    change, items = texts(diff_sops("HEAD", None, repo.root / "content"), "content/dinas/1.1-pelayanan.yml")
    assert change.status == "diubah" and items[0] == "Versi lama berkas ini tidak valid; kini valid"


def test_the_summary_opens_with_counts_by_kind(repo, capsys, monkeypatch):
    repo.write("content/dinas/3.1-baru.yml", sop_text(nomor="3.1", nama="Layanan Baru Sekali", ref="SOP Pelayanan Surat"))
    repo.write("content/dinas/1.1-pelayanan.yml", sop_text(waktu2="1 jam"))
    monkeypatch.chdir(repo.root)
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2 berkas SOP berubah: 1 SOP baru, 1 diubah."


def test_an_unknown_revision_is_named(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.root)
    assert main(["diff", "tidak-ada", "HEAD"]) == 2
    assert capsys.readouterr().err == "sopbook diff: revisi 'tidak-ada' tidak ditemukan\n"
