"""``python -m bulletin_nlp.segment.write_manifest DIR``: write the ``manifest.json`` of a pkuseg
model directory (:func:`~bulletin_nlp.segment.model_files.write_manifest`) for the model files
it holds — ``features.msgpack``, ``weights.npz`` and, where present, ``tables.npz``.

A module of its own, run and never imported by the package: ``python -m`` on a module that
importing the package has already loaded (as it loads ``model_files``) warns that the module
runs twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bulletin_nlp.segment.model_files import MODEL_FILES, TABLES, write_manifest


def main(argv: list[str]) -> int:
    """Write the manifest of the directory ``argv[0]``; 2 with a usage line when none is given."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m bulletin_nlp.segment.write_manifest MODEL_DIR", file=sys.stderr)
        return 2
    target = Path(argv[0])
    print(write_manifest(target, [name for name in (*MODEL_FILES, TABLES) if (target / name).exists()]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
