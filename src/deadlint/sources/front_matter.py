"""The written time of a Markdown draft, from its front matter.

Static-site tools (Jekyll, Hugo, Pandoc) and helpdesk macro repositories keep a
``date:`` key in a leading ``---`` block. A draft that says when it was written
gives the same findings on any later day, as a mail draft's ``Date:`` header does.
The block is read line by line, not as YAML: only one scalar key is wanted, and
a draft's front matter must not be able to cost more than its size.
"""

from __future__ import annotations

import re
from datetime import datetime

# The block opens on the first line and closes with a line of three dashes.
_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t\r]*$", re.DOTALL | re.MULTILINE)
_DATE_KEY = re.compile(r"^date[ \t]*:[ \t]*(.*?)[ \t\r]*$", re.MULTILINE)
# Jekyll writes "2026-11-20 10:00:00 +0200": ISO 8601 wants no blank before the offset.
_BLANK_BEFORE_OFFSET = re.compile(r"\s+(?=[+-]\d{2}:?\d{2}$|Z$)")
_MAX_BLOCK = 4096  # front matter is a few keys; a longer "block" is prose between rules


def front_matter_date(text: str) -> datetime | None:
    """The ``date:`` of the draft's front matter; None when it has none or it is not a time.

    A date without a time is the start of that day; a time without a zone is
    office time, as with ``--now``."""
    block = _BLOCK.match(text[:_MAX_BLOCK])
    if not block:
        return None
    key = _DATE_KEY.search(block.group(1))
    if not key:
        return None
    value = _BLANK_BEFORE_OFFSET.sub("", key.group(1).strip("'\""))
    try:
        return datetime.fromisoformat(value)  # a bare date is midnight
    except ValueError:
        return None
