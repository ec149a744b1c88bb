#!/usr/bin/env python3
"""Write the segmenter's ready-made user dictionary, ``models/lexicon/user_dict.npz``, from the
packaged gazetteer (``bulletin_nlp/data``): run it after editing the files it is built from
(``bulletin_nlp.entities.lexicon.SOURCE_FILES`` and the county lists ``agencies_local.csv``
names). Without it the pipeline still loads, building the dictionary at start-up (slower), and
``tests/entities/test_lexicon.py`` fails until the file is rebuilt.

Usage::

    python scripts/build_user_dict.py [--out models/lexicon/user_dict.npz]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bulletin_nlp.entities.lexicon import USER_DICT_FILE, write_user_dictionary

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "models" / "lexicon" / USER_DICT_FILE


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    print(write_user_dictionary(args.out))


if __name__ == "__main__":
    main()
