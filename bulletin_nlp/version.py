"""The package version (a base module: the pipeline's meta and saved models record it)."""

__version__ = "0.1.0"
