"""Import spaCy without its command-line package.

``import spacy`` imports ``spacy.cli`` for a single name, ``spacy.info``, and
with it requests, httpx, typer, weasel and jinja2: about 0.15 s of a
pre-send check's budget on a 2-core machine, for code deadlint never calls
(upstream: explosion/spaCy#12962, merged and reverted; #13721 open). While
spaCy initialises, stand-ins take the place of ``spacy.cli`` and
``spacy.cli.info``; touching anything in them imports the real package, so
``spacy.info()`` and ``spacy.cli.download(...)`` still work. Should a spaCy
release import more from ``spacy.cli`` at start-up, the stand-ins step aside
and spaCy is imported the ordinary way.
"""

from __future__ import annotations

import importlib
import sys
import types

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


class _StandIn(types.ModuleType):
    """A module that becomes the real one on first attribute access."""

    def __getattr__(self, name: str):
        if name.startswith("__"):  # the import system probing, e.g. for __path__
            raise AttributeError(name)
        _remove_stand_ins()
        return getattr(importlib.import_module(self.__name__), name)


def _info(*args, **kwargs):
    return importlib.import_module(_INFO).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported without its CLI if it is not loaded yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = _StandIn(_CLI), _StandIn(_INFO)
    cli.__path__ = []  # a package, so that "spacy.cli.info" resolves to the stand-in
    info.info = _info
    sys.modules.update({_CLI: cli, _INFO: info})
    try:
        import spacy
    except ImportError:
        _remove_stand_ins()
        import spacy
    else:
        _remove_stand_ins()  # a later "import spacy.cli" loads the real package
        spacy.cli = cli  # what "import spacy" normally leaves there; loads on first use
    return spacy


def _remove_stand_ins() -> None:
    for name in (_CLI, _INFO):
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
