"""``python -m bulletin_nlp`` is the ``bulletin-nlp`` command."""

import sys

from bulletin_nlp.cli import main

sys.exit(main())
