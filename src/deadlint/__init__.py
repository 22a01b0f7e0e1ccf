"""deadlint: flags vague promises in fi/sv/en drafts and suggests exact deadlines.

The flow is one direction, one package per stage:

    sources -> extract -> language -> nlp -> rules -> findings -> report

``deadlint.engine`` wires the stages together; ``deadlint.cli`` is the Click front end.

The Python API (docs/python-api.md) is imported from here:

    check_text(text, *, language=None, now=None, config=None) -> list[Located]
    Checker(config=None, *, min_severity=None, strict=False)   build once, check many
    Located      a finding placed on its line: .rule .severity .message .suggestion .line .column
    ConfigError  a broken policy file
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Checker", "ConfigError", "Located", "check_text"]

if TYPE_CHECKING:
    from deadlint.api import check_text
    from deadlint.config import ConfigError
    from deadlint.report import Located
    from deadlint.service import Checker

# Imported on first use: the command line imports this package for __version__
# alone and must not pay for the engine before it knows it needs it.
_LAZY = {"check_text": "deadlint.api", "Checker": "deadlint.service",
         "Located": "deadlint.report", "ConfigError": "deadlint.config"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'deadlint' has no attribute {name!r}")
