"""Archive audits on a real Dask cluster (two worker processes) give exactly what
one `deadlint check` of the same messages gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'deadlint[dask]')")

from clirun import NOW, check_json, invoke  # noqa: E402
from shared_corpus import generated_mbox  # noqa: E402

from deadlint.archive import partitions  # noqa: E402
from deadlint.archive.dask_audit import AuditOptions, run_audit  # noqa: E402
from deadlint.archive.results import read_results  # noqa: E402
from deadlint.cli import parse_now  # noqa: E402

MESSAGES = 150
PER_PART = 40  # four parts, cut mid-file: names and lines must survive the cuts
INCLUDE = ("--include", "*.mbox", "--include", "*.json")
ZENDESK_EXPORT = {"macros": [
    {"id": 1, "title": "Outage", "actions": [{"field": "comment_value", "value": "We will fix it ASAP."}]},
    {"id": 2, "title": "Status", "actions": [{"field": "status", "value": "solved"}]},
    {"id": 3, "title": "Kiitos", "actions": [{"field": "comment_value", "value": "Kiitos viestistä!"}]},
]}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A generated mbox of support replies and a Zendesk macro export."""
    root = tmp_path_factory.mktemp("archive")
    generated_mbox(root, MESSAGES)
    (root / "macros.json").write_text(json.dumps(ZENDESK_EXPORT), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def test_the_mbox_is_cut_between_messages(archive):
    parts, errors = partitions.plan([str(archive / "corpus.mbox")], messages_per_part=PER_PART)
    assert not errors
    assert [part.messages_before for part in parts] == [0, 40, 80, 120]
    assert [part.end for part in parts[:-1]] == [part.start for part in parts[1:]] and parts[-1].end is None


def test_audit_on_two_worker_processes_equals_one_plain_check(archive, cluster, tmp_path):
    _code, plain, _err = check_json(archive, *INCLUDE, "--jobs", "1")
    options = AuditOptions(now=parse_now(None, None, NOW))
    with distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        summary = run_audit([str(archive)], tmp_path, options, include=("*.mbox", "*.json"),
                            messages_per_part=PER_PART)
    findings, written = read_results(tmp_path)
    assert summary == written == plain["summary"]
    assert summary["drafts"] == MESSAGES + 2 and summary["findings"] > MESSAGES // 2
    assert findings == plain["findings"]
    code, _out, err = invoke("report", tmp_path, "--out", tmp_path / "report.html")
    assert code == 0 and "vague-deadline" in (tmp_path / "report.html").read_text(encoding="utf-8"), err
    numbers = {int(f["item"].split()[1]) for f in findings if f["item"].startswith("message ")}
    assert min(numbers) <= PER_PART and max(numbers) > MESSAGES - PER_PART and "macro 1" in {f["item"] for f in findings}


def test_audit_command_on_a_scheduler_address_writes_parquet(archive, cluster, tmp_path):
    """The real-cluster path (--scheduler), Parquet output, and a missing path:
    one error, exit 2, every other message still checked."""
    missing = archive / "2019.mbox"
    _code, plain, _err = check_json(archive / "corpus.mbox", missing, "--jobs", "1")
    code, out, err = invoke("audit", archive / "corpus.mbox", missing, "--out", tmp_path / "audit",
                            "--scheduler", cluster.scheduler_address, "--format", "parquet",
                            "--now", NOW, "--messages-per-part", PER_PART)
    assert code == 2, err
    assert err.strip().splitlines() == [f"deadlint: error: {missing}: no such file or directory"]
    findings, summary = read_results(tmp_path / "audit")
    assert summary == plain["summary"] and findings == plain["findings"]
    assert sorted(p.name for p in (tmp_path / "audit" / "findings").iterdir()) == [
        f"part-0000{n}.parquet" for n in range(4)]
    assert f"{len(findings)} finding(s) in {MESSAGES} draft(s), 1 input error(s)" in out
