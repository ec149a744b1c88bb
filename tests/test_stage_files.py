"""The masthead words and the facts' word lists follow the pipeline's data folder, as the rules do:
``load(data_dir=...)`` and a saved pipeline's own copies (``bulletin_county/``) change the output."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import bulletin_nlp
from bulletin_nlp.resources import DATA_DIR

# written for this test; figures invented
TEXT = "河源县政务快报\n第3期\n河源县人民政府办公室　2024年3月8日\n\n县民政局采购棉被6500条。\n"


def _edit(path: Path, section: str, word: str) -> None:
    """Remove ``word`` from the entries of ``[section]`` in ``path``."""
    lines = path.read_text("utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"[{section}]")))
    at = next(index for index in range(start + 1, len(lines)) if word in lines[index].split("#")[0].split())
    lines[at] = " ".join(entry for entry in lines[at].split() if entry != word)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _edit_both(folder: Path) -> None:
    """Without 快报 a title suffix and 采购 a counting verb."""
    _edit(folder / "masthead.txt", "title_suffixes", "快报")
    _edit(folder / "facts_words.txt", "verbs", "采购")


def _title_and_indicator(bulletin: bulletin_nlp.Bulletin) -> tuple[str | None, str | None]:
    [fact] = bulletin.facts
    return bulletin.title, fact.indicator.text if fact.indicator else None


def test_stage_files_packaged_reading(parse):
    assert _title_and_indicator(parse(TEXT)) == ("河源县政务快报", "棉被")


def test_stage_files_follow_data_dir(tmp_path, parse):
    for name in ("masthead.txt", "facts_words.txt"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text("utf-8"), "utf-8")
    _edit_both(tmp_path)
    custom = bulletin_nlp.load(data_dir=tmp_path)
    assert _title_and_indicator(bulletin_nlp.parse(TEXT, nlp=custom)) == (None, "采购棉被")
    assert _title_and_indicator(parse(TEXT)) == ("河源县政务快报", "棉被")  # the packaged words again


@pytest.mark.slow
def test_stage_files_edit_in_a_saved_folder_changes_the_output(nlp, tmp_path):
    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)
    _edit_both(folder / "bulletin_county")
    assert _title_and_indicator(bulletin_nlp.parse(TEXT, nlp=spacy.load(folder))) == (None, "采购棉被")
