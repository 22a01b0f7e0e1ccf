"""The Python API: ``deadlint.check_text`` for one text, ``deadlint.Checker``
for many.

    >>> import deadlint
    >>> [f.rule for f in deadlint.check_text("We will fix it ASAP.", language="en",
    ...                                      now="2026-11-20T10:00")]
    ['vague-deadline']

Both run the engine the command line runs, with the same policy lookup, so a
text gets the findings ``deadlint check`` would give it.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from deadlint.config import find_user_config
from deadlint.report import Located
from deadlint.service import Checker


def check_text(text: str, *, language: str | None = None, now: datetime | str | None = None,
               config: str | Path | None = None) -> list[Located]:
    """The findings of one draft, in text order.

    ``language``: "fi", "sv" or "en" for the whole text; None detects it per
    paragraph. ``now``: the reference time deadlines are computed from, a
    datetime or an ISO 8601 string (without an offset it is office time); None
    is the clock. ``config``: a policy file merged over the packaged one; None
    uses ``.deadlint.yaml`` in the current directory or a parent, if any.
    Raises ``deadlint.ConfigError`` for a broken policy and ValueError for an
    unknown language or a malformed ``now``.

    The policy and rules are loaded once per config file and kept; for many
    texts with other options, build a ``Checker``.
    """
    config_file = Path(config) if config else find_user_config(Path.cwd())
    return _shared_checker(config_file).check_text(text, language=language, now=now).findings


@lru_cache(maxsize=8)
def _shared_checker(config_file: Path | None) -> Checker:
    return Checker(config_file, strict=True)
