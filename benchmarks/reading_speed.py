"""CPU time of ``read_document`` per file, by format: what reading costs before the parse.

    python benchmarks/reading_speed.py --files 40 --rounds 5
    python benchmarks/reading_speed.py --checkout BEFORE_DIR --files 40 --rounds 5

The first ``--files`` corpus bulletins (seeds, dev, test, holdout) are written as plain text in
UTF-8 and in GB18030, as web pages, PDF and Word files (``scripts/make_documents.py``, through
``tests/readers/documents.py``), then read with the ``read_document`` of ``--checkout`` (this
checkout by default; the documents are always made by this one, so that two checkouts read the
same files; the reading runs in a process of its own that imports the checkout's package). Best
CPU time of ``--rounds`` passes over each format's files, in microseconds per file and per
character of the text read.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "gb18030", "html", "pdf", "docx")


def write_files(folder: Path, count: int) -> None:
    """The corpus bulletins in every format, a folder per format."""
    sys.path.insert(0, str(ROOT))
    from tests.readers.documents import RECORDS, write_document

    for fmt in FORMATS:
        (folder / fmt).mkdir()
        for number, record in enumerate(RECORDS[:count]):
            if fmt in ("txt", "gb18030"):
                path = folder / fmt / f"{number:03d}.txt"
                path.write_bytes(record["text"].encode("utf-8" if fmt == "txt" else "gb18030"))
            else:
                write_document(record, fmt, folder / fmt)


def read_all(folder: Path, checkout: Path, rounds: int) -> None:
    """Time ``read_document`` of ``checkout`` over each format's files (run in its own process)."""
    sys.path.insert(0, str(checkout))
    from bulletin_nlp.readers import read_document

    print(f"read_document of {Path(read_document.__code__.co_filename).parents[2]}")
    for fmt in FORMATS:
        paths = sorted((folder / fmt).iterdir())
        chars = sum(len(read_document(path).text) for path in paths)  # also the warm-up
        best = min(_cpu_pass(read_document, paths) for _ in range(rounds))
        print(f"{fmt:8} {len(paths)} files, {chars / len(paths):,.0f} chars each: "
              f"{best / len(paths) * 1e6:8.1f} us a file, {best / chars * 1e6:.3f} us a character")


def _cpu_pass(read: object, paths: list[Path]) -> float:
    started = time.process_time()
    for path in paths:
        read(path)  # type: ignore[operator]
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose reader is timed")
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)  # the timing process's folder
    args = parser.parse_args()
    if args.read:
        read_all(args.read, args.checkout.resolve(), args.rounds)
        return
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), args.files)
        subprocess.run([sys.executable, __file__, "--read", folder, "--checkout", str(args.checkout.resolve()),
                        "--rounds", str(args.rounds)], check=True)


if __name__ == "__main__":
    main()
