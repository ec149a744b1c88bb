"""Tools run from the repository root (``python scripts/<name>.py``); the tests and benchmarks
import them as ``scripts.<name>`` (for example ``scripts.make_documents``)."""
