"""Stage 1: read sources (files, directories, stdin) into decoded ``Source`` objects.

Readers never raise for bad input: a file that cannot be used becomes a
``SourceError`` in the stream so every other file is still checked.
"""

from deadlint.sources.model import ExportFields, Source, SourceError
from deadlint.sources.walk import iter_sources

__all__ = ["ExportFields", "Source", "SourceError", "iter_sources"]
