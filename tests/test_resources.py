"""bulletin_nlp.resources: rule files, data paths, optional dependencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_nlp.resources import DATA_DIR, data_file, read_sections, require, section_words


def test_resources_read_sections_keeps_regex_lines_that_look_like_brackets(tmp_path: Path) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text("[body_block]\n[的了]\n有(?!线)  # comment\n\n[heads]\n局 委\n办\n", "utf-8")
    sections = read_sections(rules)
    assert sections["body_block"] == ["[的了]", "有(?!线)"]
    assert section_words(sections, "heads") == ["局", "委", "办"]
    assert section_words(sections, "absent") == []


def test_resources_data_file_prefers_the_folder_and_falls_back_to_the_package(tmp_path: Path) -> None:
    (tmp_path / "units.txt").write_text("[units]\n个\n", "utf-8")
    assert data_file(tmp_path, "units.txt") == tmp_path / "units.txt"
    assert data_file(tmp_path, "towns.csv") == DATA_DIR / "towns.csv"
    assert data_file(None, "units.txt") == DATA_DIR / "units.txt"


def test_resources_every_rule_file_parses_into_its_sections() -> None:
    expected = {
        "agency_rules.txt": {"heads", "head_follow_block", "body_block", "generic", "short_bodies"},
        "township_rules.txt": {"generic_townships", "generic_short_names", "next_block", "short_next_ok"},
        "ethnic_groups.txt": {"peoples"},
        "county_rules.txt": {"full_name_ends", "full_name_next_block", "short_name_next_block"},
        "masthead.txt": {"title_suffixes", "publisher_heads", "footer_keys", "footer_fields"},
    }
    for name, sections in expected.items():
        found = read_sections(DATA_DIR / name)
        assert sections <= set(found), name
        assert all(found[section] for section in sections), name
    assert len(section_words(read_sections(DATA_DIR / "ethnic_groups.txt"), "peoples")) == 56


def test_resources_missing_extra_names_its_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn now raises ImportError
    with pytest.raises(ImportError, match=r'pip install "bulletin-nlp\[train\]"'):
        require("sklearn", "training")


def test_resources_parse_imports_no_optional_dependency() -> None:
    code = (
        "import sys, bulletin_nlp; bulletin_nlp.parse('延津政务快报\\n县民政局发放棉被 6500 条。'); "
        "print(sorted(m for m in ('sklearn', 'datasets', 'jsonschema', 'spacy_pkuseg', 'scipy', "
        "'pypdfium2', 'docx', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
