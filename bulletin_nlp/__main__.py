"""``python -m bulletin_nlp`` is the ``bulletin-nlp`` command."""

from bulletin_nlp.cli import run

run()
