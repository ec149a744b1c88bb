"""Pages per second for reading PDF and Word files (text extraction only, no parsing).

    python benchmarks/readers.py --pages 10 50 --repeats 3

Documents are made by ``scripts/make_documents.py`` from the corpus bulletins' paragraphs,
repeated until the PDF has the wanted number of pages; the Word file holds the same
paragraphs, so its pages are counted as the PDF's. Prints one JSON line per size and format.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import make_documents as make  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from bulletin_nlp.readers import read_document

    records = make.read_corpus([ROOT / "corpus" / f"{name}.jsonl" for name in ("seeds", "dev", "test", "holdout")])
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
