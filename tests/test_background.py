"""A job in a forked process (sopbook/background.py): a failure is reported, never swallowed."""

from __future__ import annotations

import logging

from sopbook.background import Background


def test_a_failing_job_is_logged_with_its_name_and_exit_status(caplog, capfd):
    def job() -> None:
        raise RuntimeError("disk full")

    background = Background("load cache")
    assert background.run(job)
    with caplog.at_level(logging.WARNING):
        assert background.wait() == 1
    assert "'load cache' gagal (status keluar 1)" in caplog.text
    assert "RuntimeError: disk full" in capfd.readouterr().err  # the job's own traceback


def test_a_good_job_is_quiet(caplog, tmp_path):
    target = tmp_path / "done"
    background = Background("old site")
    assert background.run(lambda: target.write_text("ok"))
    with caplog.at_level(logging.WARNING):
        assert background.wait() == 0
    assert target.read_text() == "ok"
    assert caplog.text == ""
