"""Integrity of the shipped gazetteer data: a fresh build from ../shared/data must match it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.support import ROOT, SHARED

SHARED_DATA = SHARED / "data"
DATA = ROOT / "bulletin_nlp" / "data"
FILES = ["towns.csv", "counties.csv", "agencies.tsv", "towns_aliases.csv"]


def _load_builder():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer_data", ROOT / "scripts" / "build_gazetteer_data.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (a user's clone): nothing to compare with")
    out = tmp_path_factory.mktemp("gazetteer_data")
    _load_builder().build(SHARED_DATA, out)
    return out


@pytest.mark.parametrize("name", FILES)
def test_gazetteer_data_shipped_file_matches_rebuild(rebuilt: Path, name: str) -> None:
    assert (DATA / name).read_bytes() == (rebuilt / name).read_bytes(), (
        f"bulletin_nlp/data/{name} differs from a rebuild: run scripts/build_gazetteer_data.py"
    )


def test_gazetteer_data_build_is_deterministic(rebuilt: Path, tmp_path: Path) -> None:
    _load_builder().build(SHARED_DATA, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (rebuilt / name).read_bytes()


def test_gazetteer_data_all_townships_shipped(rebuilt: Path) -> None:
    n_src = sum(1 for _ in (SHARED_DATA / "towns_all.csv").open(encoding="utf-8")) - 1
    n_out = sum(1 for _ in (DATA / "towns.csv").open(encoding="utf-8")) - 1
    assert n_src == n_out


def test_gazetteer_data_every_township_county_resolves() -> None:
    counties = {ln.split(",", 1)[0] for ln in (DATA / "counties.csv").read_text("utf-8").splitlines()[1:]}
    towns = (DATA / "towns.csv").read_text("utf-8").splitlines()[1:]
    assert all(t[:6] in counties for t in towns)
