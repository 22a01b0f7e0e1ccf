"""A small disk cache for work a one-draft check would otherwise redo every run.

Files live in $DEADLINT_CACHE_DIR, else $XDG_CACHE_HOME/deadlint, else
~/.cache/deadlint; DEADLINT_CACHE_DIR="" turns caching off. A file's name
carries everything its content depends on, so a stale file is never read; a
damaged or unwritable one only costs the time the cache would have saved.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_file(name: str) -> Path | None:
    root = os.environ.get("DEADLINT_CACHE_DIR")
    if root == "":
        return None
    base = Path(root) if root else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deadlint"
    return base / name


def read_json(path: Path | None) -> Any:
    """The cached data, or None when there is none (or it cannot be read)."""
    if path is None:
        return None
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path | None, data: Any) -> None:
    """Write atomically; give up silently where the cache folder is not writable."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
