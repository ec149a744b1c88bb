"""Write or compare ``Bulletin.to_dict()`` of every corpus text: a refactoring must not change them.

    python scripts/snapshot_outputs.py write snapshot.jsonl      # before the change
    python scripts/snapshot_outputs.py compare snapshot.jsonl    # after it: lists every difference

A key added to the output since the snapshot is not a difference (the contract is extended,
never changed); a changed or missing value is.

Texts: every record of ``corpus/*.jsonl`` and every file in ``corpus/samples/``. Uses only
``bulletin_nlp.parse``, so the same script runs on any version of the package.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import bulletin_nlp

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> Iterator[tuple[str, str]]:
    """(key, text) for every corpus record and sample file, in a stable order."""
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "text" in record:
                yield f"{path.name}:{record['id']}", record["text"]
    for path in sorted((ROOT / "corpus" / "samples").glob("*.txt")):
        yield f"samples:{path.name}", path.read_text(encoding="utf-8")


def keeps_contract(saved: object, current: object) -> bool:
    """Whether ``current`` has every key of ``saved`` with the same value (new keys are allowed:
    the JSON contract is extended, never changed)."""
    if isinstance(saved, dict):
        return isinstance(current, dict) and all(
            key in current and keeps_contract(value, current[key]) for key, value in saved.items())
    if isinstance(saved, list):
        return isinstance(current, list) and len(saved) == len(current) and all(
            keeps_contract(old, new) for old, new in zip(saved, current, strict=True))
    return saved == current


def outputs() -> dict[str, object]:
    return {key: bulletin_nlp.parse(text).to_dict() for key, text in corpus_texts()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("snapshot", type=Path)
    args = parser.parse_args(argv)
    package = Path(bulletin_nlp.__file__).resolve().parent
    print(f"package: {package}", file=sys.stderr)  # the code that ran: a checkout's or an installed one
    if ROOT not in package.parents:
        print(f"note: not this checkout's package ({ROOT}); run with PYTHONPATH={ROOT} to test it",
              file=sys.stderr)
    current = outputs()
    if args.action == "write":
        lines = (json.dumps({"key": key, "output": value}, ensure_ascii=False) for key, value in current.items())
        args.snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(current)} outputs written to {args.snapshot}")
        return 0
    saved = {row["key"]: row["output"] for row in map(json.loads, args.snapshot.read_text("utf-8").splitlines())}
    changed = sorted(key for key in saved.keys() & current.keys() if not keeps_contract(saved[key], current[key]))
    missing, added = sorted(saved.keys() - current.keys()), sorted(current.keys() - saved.keys())
    for key in changed:
        print(f"changed: {key}")
    for key in missing:
        print(f"missing: {key}")
    print(f"{len(saved)} in snapshot, {len(current)} now: {len(changed)} changed, {len(missing)} missing, "
          f"{len(added)} new")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
