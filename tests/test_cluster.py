"""`foiletters log --cluster`: the letters built on a Dask cluster give the same site, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from foiletters.cli import main

distributed = pytest.importorskip("distributed")

SEEDS = ["FOI413132846", "FOI641692083", "FOI795053096", "REQ07585"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster() -> str:
    # Two worker processes of one thread, as small as a CI machine allows.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="1GiB") as local:
        yield local.scheduler_address


def test_a_cluster_builds_the_same_site_as_the_process_pool_and_keeps_the_manifest_here(
        tmp_path: Path, cluster: str, capsys):
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in SEEDS:
        shutil.copy(ROOT / "answers" / f"{name}.yaml", answers)
    for csv in (ROOT / "answers").glob("*.csv"):
        shutil.copy(csv, answers)
    (answers / "FOI1000001.yaml").write_text("reference: FOI1000001\ndate: 2026-03-04\nsubject: x\nquestions: nope\n",
                                             encoding="utf-8")
    templates = ["--templates", str(ROOT / "templates")]
    assert main(["log", str(answers), "--out", str(tmp_path / "pool"), "--jobs", "2", *templates]) == 1
    pool_out = capsys.readouterr().out
    assert main(["log", str(answers), "--out", str(tmp_path / "dask"), "--cluster", cluster, *templates]) == 1
    dask_out = capsys.readouterr().out
    assert "4 published (4 built, 0 unchanged, 2 workers), 0 held back, 1 failed" in dask_out
    # A mistake is reported with this machine's path and line, as the process pool reports it.
    assert [line for line in dask_out.splitlines() if "FOI1000001.yaml:" in line] == \
        [line for line in pool_out.splitlines() if "FOI1000001.yaml:" in line] != []
    site = _files(tmp_path / "dask")
    assert site == _files(tmp_path / "pool") and f"requests/{SEEDS[0]}/{SEEDS[0]}.pdf" in site
    assert (tmp_path / ".dask.foiletters-cache" / "manifest.json").is_file()

    # Incremental, as on one machine: nothing changed, nothing built; one answer file changed, that one built.
    assert main(["log", str(answers), "--out", str(tmp_path / "dask"), "--cluster", cluster, *templates]) == 1
    assert "4 published (0 built, 4 unchanged" in capsys.readouterr().out
    changed = answers / "REQ07585.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("subject: ", "subject: revised ", 1),
                       encoding="utf-8")
    assert main(["log", str(answers), "--out", str(tmp_path / "dask"), "--cluster", cluster, *templates]) == 1
    assert "4 published (1 built, 3 unchanged" in capsys.readouterr().out
    assert main(["log", str(answers), "--out", str(tmp_path / "pool"), "--jobs", "2", *templates]) == 1
    capsys.readouterr()
    assert _files(tmp_path / "dask") == _files(tmp_path / "pool")
