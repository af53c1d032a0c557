"""The sidebar of SOP pages (sopbook/plugin/sidebar.py): made from the unit's kept sidebar, it
is byte for byte what Material renders for each page."""

from __future__ import annotations

import subprocess

from conftest import ENV, MKDOCS, SMALL_SITE_CONFIG, SmallSite
from sops import sop_yaml, step
from test_ahead import same_sites

STEPS = [step("Menerima surat", "Kepala"), step("Mengarsipkan", "Staf")]

NAMES = ["Layanan <b>Arsip</b>", "Surat & Disposisi", 'Kutip "Dokumen"', "Layanan 4", "Ijin"]


def site(root, *, override: str | None = None) -> SmallSite:
    # no page cache: the second build must render every page again
    options = "  - sopbook:\n      processes: 1\n      cache: false\n"
    built = SmallSite(root, SMALL_SITE_CONFIG.replace("  - sopbook\n", options))
    for i in range(15):
        unit = ["Bidang A", "Bidang B", "Bidang A"][i % 3] if i < 12 else "Sub Bidang"
        dinas = "Dinas Satu" if i < 12 else "Dinas Satu / Bidang A"
        nomor = f"2.{i}" if i % 4 else None  # SOPs without a number too
        built.add(f"{i}.yml", sop_yaml(f"{NAMES[i % 5]} {i}", nomor, organisasi=["Pemerintah Kota Uji", dinas, unit],
                                       tanggal_pengesahan=None, langkah=STEPS))
    (root / "docs" / "panduan.md").write_text("# Panduan\n")
    if override is not None:
        (root / "overrides" / "partials").mkdir(parents=True)
        (root / "overrides" / "partials" / "nav.html").write_text(override)
    return built


def build(project, site_dir, *, cache: bool) -> None:
    env = {**ENV, "SOPBOOK_SIDEBAR_CACHE": "1" if cache else "0"}
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )
    assert done.returncode == 0, done.stderr


def test_kept_sidebars_are_what_material_renders(tmp_path, mkdocs):
    project = site(tmp_path / "p")
    build(project.root, tmp_path / "kept", cache=True)
    build(project.root, tmp_path / "rendered", cache=False)
    same_sites(tmp_path / "kept", tmp_path / "rendered")
    page = (tmp_path / "kept" / "sop" / "pemerintah-kota-uji" / "dinas-satu" / "bidang-a" / "2.3" / "index.html").read_text()
    assert 'md-nav__link md-nav__link--active' in page and "Layanan 4 3" in page


def test_a_sites_own_nav_template_is_kept_too(tmp_path, mkdocs):
    override = '<nav class="eigen">{% for item in nav %}<a href="{{ item.url | url }}">{{ item.title }}</a>{% endfor %}</nav>\n'
    project = site(tmp_path / "p", override=override)
    build(project.root, tmp_path / "kept", cache=True)
    build(project.root, tmp_path / "rendered", cache=False)
    same_sites(tmp_path / "kept", tmp_path / "rendered")
    page = (tmp_path / "kept" / "sop" / "pemerintah-kota-uji" / "dinas-satu" / "bidang-b" / "2.1" / "index.html")
    assert 'class="eigen"' in page.read_text()
