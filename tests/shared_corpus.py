"""The shared deterministic corpus (../shared/bench/make_corpus.py) as an mbox, for tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# ../shared next to the checkout (/work/main), or where the helpers' worktrees find it.
_CANDIDATES = (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared"))


def generated_mbox(root: Path, count: int) -> Path:
    """``root/corpus.mbox`` of ``count`` support replies (fi, sv, en), or skip without the script."""
    script = next((base / "bench" / "make_corpus.py" for base in _CANDIDATES
                   if (base / "bench" / "make_corpus.py").exists()), None)
    if script is None:
        pytest.skip("the shared corpus script ../shared/bench/make_corpus.py is not here")
    subprocess.run([sys.executable, str(script), str(root), "--count", str(count), "--format", "mbox"], check=True)
    return root / "corpus.mbox"
