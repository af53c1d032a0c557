"""`sopbook init`: a ready portal that builds with --strict, with valid pull-request CI files."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT, soup
from sopbook.cli import main
from sopbook.scaffold import init_portal
from sopbook.sop.model import Revision, Signature, Sop, Step
from test_history import Repo


def test_init_gives_a_portal_that_builds_strictly(tmp_path, capsys, mkdocs):
    portal = tmp_path / "portal"
    assert main(["init", str(portal), "--nama", "Portal SOP *Kabupaten* Uji & Sekitarnya",
                 "--organisasi", "Pemerintah Kabupaten Uji"]) == 0
    for name in ("mkdocs.yml", "Makefile", "requirements.txt", "sop.schema.json", ".gitignore",
                 "docs_build/index.md", "docs_build/format.md", "docs_build/usulan-perubahan.md",
                 "overrides/sopbook/README.md", ".github/workflows/tinjauan-sop.yml", ".gitlab-ci.yml"):
        assert (portal / name).is_file(), name
    [example] = [p for p in (portal / "content").rglob("*.yml") if p.name != "_organisasi.yml"]
    assert example.parent == portal / "content/pemerintah-kabupaten-uji"
    # the modeline reaches the schema
    modeline = example.read_text().splitlines()[0].split("$schema=")[1]
    assert (example.parent / modeline).resolve() == (portal / "sop.schema.json").resolve()
    assert main(["check", str(portal / "content")]) == 0
    Repo(portal).commit("awal")  # as an office would: a git repository
    done = mkdocs(portal)
    assert done.returncode == 0, done.stderr
    home = soup(portal / "site/index.html")
    assert home.select_one("h1").get_text().rstrip("¶") == "Portal SOP *Kabupaten* Uji & Sekitarnya"
    page = soup(portal / "site/sop/pemerintah-kabupaten-uji/1.1/index.html")
    assert page.select_one(".sop-history-table") is not None
    assert page.select_one(".sop-last-changed") is not None
    # the placeholder logo of the organisation folder, in the header box
    logo = page.select_one(".sop-heading img.sop-logo")
    assert logo is not None and logo["alt"] == "Logo Pemerintah Kabupaten Uji"
    assert (portal / "site/sop/pemerintah-kabupaten-uji/1.1" / logo["src"]).resolve().is_file()


def test_makefile_has_the_two_commands_of_this_project(tmp_path):
    main(["init", str(tmp_path)])
    makefile = (tmp_path / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    assert {"serve", "test", "build", "check"} <= targets
    assert "mkdocs build --strict" in makefile and "sopbook check content" in makefile


def _commands(steps) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps)


def test_github_workflow_is_safe_yaml_with_the_three_steps(tmp_path):
    main(["init", str(tmp_path)])
    text = (tmp_path / ".github/workflows/tinjauan-sop.yml").read_text()
    flow = yaml.safe_load(text)
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads `on` as True
    assert list(triggers) == ["pull_request"]  # never pull_request_target
    assert flow["permissions"] == {"contents": "read"}
    check = flow["jobs"]["periksa"]
    assert "permissions" not in check  # read only, from the top
    runs = _commands(check["steps"])
    assert "sopbook check content" in runs
    assert "sopbook diff" in runs and "--format markdown" in runs
    assert "mkdocs build --strict" in runs
    uploads = [s["with"]["path"] for s in check["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert "site/" in uploads
    # the comment comes from a separate job that never checks out the pull request's code
    comment = flow["jobs"]["komentar"]
    assert comment["needs"] == "periksa"
    assert not any("checkout" in str(s.get("uses", "")) for s in comment["steps"])
    assert comment["permissions"] == {"pull-requests": "write"}
    assert "${{" not in _commands(check["steps"])  # PR data reaches scripts only through env


def test_gitlab_ci_is_yaml_with_the_three_steps_and_a_preview_artifact(tmp_path):
    main(["init", str(tmp_path)])
    ci = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())
    job = ci["tinjauan-sop"]
    script = "\n".join(job["script"])
    assert "sopbook check content" in script
    assert "sopbook diff" in script and "--format markdown" in script
    assert "mkdocs build --strict" in script
    assert "site/" in job["artifacts"]["paths"] and job["artifacts"]["expose_as"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


def test_init_never_overwrites_files(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: Punya Saya\n")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: Punya Saya\n"
    assert "mkdocs.yml sudah ada" in capsys.readouterr().err


def test_the_format_page_has_one_source_and_documents_every_field(tmp_path):
    source = ROOT / "sopbook/docs/format.md"
    # the repository's docs and a new portal's docs are that one page, not copies that drift
    assert (ROOT / "docs_build/format.md").resolve() == source.resolve()
    assert not (ROOT / "sopbook/scaffold/docs_build/format.md").exists()
    init_portal(tmp_path / "baru")
    assert (tmp_path / "baru/docs_build/format.md").read_text() == source.read_text()
    for picture in re.findall(r"\]\((gambar/[^)]+)\)", source.read_text()):
        assert (tmp_path / "baru/docs_build" / picture).read_bytes() == (ROOT / "sopbook/docs" / picture).read_bytes()
    text = source.read_text()
    for model in (Sop, Step, Signature, Revision):
        for field in model.model_fields.values():
            assert f"`{field.alias}`" in text, f"{source}: {field.alias}"
