"""The Dask engine on a real LocalCluster with two worker processes: same tables as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import CORPUS

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from bulletin_nlp.dask import parse_files, write_parquet  # noqa: E402
from bulletin_nlp.tables import to_tables  # noqa: E402


def _sorted_rows(table, keys):
    return sorted(table.to_pylist(), key=lambda row: tuple(row[key] for key in keys))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulletins")
    for path in [*sorted((CORPUS / "samples").glob("*.txt")), *sorted((CORPUS / "dev_texts").glob("*.txt"))[:4]]:
        shutil.copy(path, folder / path.name)
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 10)
    return sorted(str(path) for path in folder.iterdir())


@pytest.mark.slow
def test_dask_write_parquet_matches_one_process(client, files, tmp_path, nlp):
    from bulletin_nlp import parse

    counts = write_parquet(files, tmp_path, files_per_partition=3)
    readable = [path for path in files if not path.endswith("broken.txt")]
    expected = to_tables([(path, parse(Path(path).read_text("utf-8"), nlp=nlp)) for path in readable])
    keys = {"bulletins": ["bulletin"], "items": ["bulletin", "section_index", "item_index"],
            "entities": ["bulletin", "entity_index"], "facts": ["bulletin", "entity_index"]}
    for name, table in expected.items():
        written = pq.read_table(tmp_path / name)
        assert written.schema == table.schema
        assert _sorted_rows(written, keys[name]) == _sorted_rows(table, keys[name]), name
        assert counts[name] == table.num_rows
    assert len(list((tmp_path / "items").glob("part-*.parquet"))) == 3  # 7 files, 3 per partition
    assert pq.read_table(tmp_path / "errors")["path"].to_pylist() == [path for path in files if path not in readable]


@pytest.mark.slow
def test_dask_parse_files_is_lazy_and_computes_on_the_cluster(client, files):
    frames = parse_files(files, files_per_partition=4)
    assert frames["items"].npartitions == 2
    topics = frames["items"].groupby("topic").size().compute()
    assert topics.sum() == len(frames["items"])


@pytest.mark.slow
def test_dask_run_passes_model_and_max_bytes_to_the_workers(client, nlp, tmp_path):
    """``--engine dask --model DIR --max-bytes N``: the workers parse with that pipeline (its edited
    agency rules no longer take an unlisted 局 name) and refuse files over N bytes."""
    from bulletin_nlp.dask import run_dask
    from bulletin_nlp.runner import RunOptions

    model = tmp_path / "pipeline"
    nlp.to_disk(model)
    rules = model / "bulletin_agency_ruler" / "agency_rules.txt"
    edited = rules.read_text("utf-8").replace("\n局 委 办", "\n委 办", 1)
    assert edited != rules.read_text("utf-8")
    rules.write_text(edited, "utf-8")
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("县园林绿化中心、县农机管理局开展检查。", encoding="utf-8")
    large.write_text("县农机管理局开展检查。" * 20, encoding="utf-8")
    options = RunOptions(paths=[str(small), str(large)], fmt="parquet", output=tmp_path / "tables",
                         model=model, max_bytes=small.stat().st_size)
    summary = run_dask(options, scheduler=client.scheduler.address)
    agencies = set(pq.read_table(tmp_path / "tables" / "entities").to_pandas().query("label == 'AGENCY'")["text"])
    assert "县园林绿化中心" in agencies and "县农机管理局" not in agencies
    assert [path for path, _ in summary.failures] == [str(large)]
    assert summary.parsed == 1
