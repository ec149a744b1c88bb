"""The import graph of the package: stages import only downwards, and there are no cycles.

The contract (docs/architecture.md): each module has a rank; a module may import modules of its
own rank or lower. Every ``import`` statement counts, at any depth (function-level and
``TYPE_CHECKING`` imports too), except the lazy re-exports inside a package ``__init__``'s
``__getattr__``, which run only when that attribute is asked for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "bulletin_nlp"

#: (rank, module or package prefix), most specific prefix wins.
RANKS: dict[str, int] = {
    # base: result types, diagnostics, errors, paths and rule-file reader, version, batching
    "bulletin_nlp.bulletin": 0,
    "bulletin_nlp.diagnostics": 0,
    "bulletin_nlp.errors": 0,
    "bulletin_nlp.resources": 0,
    "bulletin_nlp.version": 0,
    "bulletin_nlp.batches": 0,
    "bulletin_nlp.startup": 0,
    "bulletin_nlp.extensions": 0,
    "bulletin_nlp.npz_files": 0,
    "bulletin_nlp.json_indent": 0,
    "bulletin_nlp.frozen_builders": 0,
    "bulletin_nlp.factories": 0,
    # the stages, in the order the data flows
    "bulletin_nlp.text": 1,
    "bulletin_nlp.io": 1,  # file decoding: judges decodings by text's Han range
    "bulletin_nlp.layout": 2,
    "bulletin_nlp.layout.minutes": 2,  # a 会议纪要's preamble and attendance block
    "bulletin_nlp.layout.blocks": 2,  # the paragraphs, items and sections the reader builds
    "bulletin_nlp.layout.entries": 2,  # dated entries of a weekly digest, briefs tagged by their unit
    "bulletin_nlp.layout.subtitles": 2,  # one report split by 【】 subtitles
    "bulletin_nlp.layout.masthead_block": 2,  # where the masthead ends (its lines read into fields)
    "bulletin_nlp.layout.epaper": 2,  # a newspaper e-edition's page line and navigation row
    "bulletin_nlp.layout.footer": 2,  # footer fields: distribution list, editor, reviewer, issuer
    "bulletin_nlp.layout.numbering": 2,  # what each numbered title line is (section, item title, part)
    "bulletin_nlp.readers": 2,  # files → text and layout hints; reads masthead words with layout's rules
    "bulletin_nlp.segment": 3,
    "bulletin_nlp.entities": 4,
    "bulletin_nlp.topics": 5,
    "bulletin_nlp.facts": 5,
    # running them
    "bulletin_nlp.pipeline": 6,
    "bulletin_nlp.parsing": 7,
    "bulletin_nlp.parallel": 8,
    "bulletin_nlp.api": 9,
    # outputs of Bulletins: HTML, tables, writers
    "bulletin_nlp.render": 9,
    "bulletin_nlp.tables": 9,
    "bulletin_nlp.arrow_columns": 9,  # rows → Arrow tables from buffers (the tables' and writers')
    "bulletin_nlp.outputs": 9,
    # tools over parse(): batch runs, the Dask engine, corpora, evaluation, training
    "bulletin_nlp.runner": 10,
    "bulletin_nlp.dask": 10,
    "bulletin_nlp.corpus": 10,
    "bulletin_nlp.topics.train": 10,
    # the command line and the package facade
    "bulletin_nlp.cli": 11,
    "bulletin_nlp": 12,
    "bulletin_nlp.__main__": 12,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int:
    prefix = module
    while prefix not in RANKS or (prefix == "bulletin_nlp" and module != "bulletin_nlp"):
        if "." not in prefix:  # a new module outside the ranked packages must be placed explicitly
            raise KeyError(f"{module} has no rank: add it to RANKS and to docs/architecture.md")
        prefix = prefix.rsplit(".", 1)[0]
    return RANKS[prefix]


def _lazy_reexports(tree: ast.Module) -> set[int]:
    """Line numbers of imports inside a module-level ``__getattr__``."""
    lines: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            lines.update(n.lineno for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return lines


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports (``from a.b import c`` counts as ``a.b.c`` when
    that is a module, else ``a.b``)."""
    tree = ast.parse(path.read_text("utf-8"))
    lazy = _lazy_reexports(tree) if path.name == "__init__.py" else set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in lazy:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return {name for name in found if name == "bulletin_nlp" or name.startswith("bulletin_nlp.")}


MODULES = {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}
GRAPH = {module: imports_of(path) - {module} for module, path in MODULES.items()}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_imports_go_downwards(module: str) -> None:
    upward = sorted(target for target in GRAPH[module] if rank(target) > rank(module))
    assert not upward, f"{module} (rank {rank(module)}) imports higher stages: {upward}"


def test_architecture_has_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                cycle = [*path[path.index(target):], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_architecture_nothing_below_the_tools_imports_corpus_or_cli() -> None:
    for module, targets in GRAPH.items():
        for target in targets:
            if target.startswith(("bulletin_nlp.corpus", "bulletin_nlp.cli")):
                assert rank(module) >= RANKS["bulletin_nlp.corpus"], f"{module} imports {target}"


def test_architecture_check_sees_function_level_imports(tmp_path: Path) -> None:
    """The graph reader is not blind to an import hidden in a function (as api ↔ parallel was)."""
    source = tmp_path / "sample.py"
    source.write_text("def f():\n    from bulletin_nlp.api import parse\n", "utf-8")
    assert imports_of(source) == {"bulletin_nlp.api"}
