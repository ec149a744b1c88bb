"""Pages per second for reading PDF and Word files (text extraction only, no parsing).

    python benchmarks/readers.py --pages 10 50 --repeats 3

Documents are made by ``scripts/make_documents.py`` from the corpus bulletins' paragraphs,
repeated until the PDF has the wanted number of pages; the Word file holds the same
paragraphs, so its pages are counted as the PDF's. Prints one JSON line per size and format.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _factory():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_documents", ROOT / "scripts" / "make_documents.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_documents"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from bulletin_nlp.readers import read_document

    make = _factory()
    records = [json.loads(line) for name in ("seeds", "dev", "test", "holdout")
               for line in (ROOT / "corpus" / f"{name}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    pool = [p for record in records for p in make.bulletin_paragraphs(record)]
    with tempfile.TemporaryDirectory() as folder:
        for wanted in args.pages:
            paragraphs: list = []
            pdf, docx = Path(folder) / f"{wanted}.pdf", Path(folder) / f"{wanted}.docx"
            while (pages := make.write_pdf(paragraphs, pdf, "政务信息")) < wanted:
                paragraphs.extend(pool[len(paragraphs) % len(pool):][:20])
            make.write_docx(paragraphs, docx, "政务信息")
            for path in (pdf, docx):
                times = []
                for _ in range(args.repeats):
                    start = time.perf_counter()
                    document = read_document(path)
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                print(json.dumps({"format": path.suffix[1:], "pages": pages, "chars": len(document.text),
                                  "seconds": round(median, 4), "pages_per_s": round(pages / median, 1)}))


if __name__ == "__main__":
    main()
