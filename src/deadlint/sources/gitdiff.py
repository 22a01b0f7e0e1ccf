"""`check --diff-base REV`: only the drafts that changed since REV.

Changed means changed in git between REV and the working tree, plus new files
git does not ignore, so a CI job on a pull request lints just what it adds.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path


class GitError(ValueError):
    """git is missing, the path is not in a repository, or REV is unknown."""


def changed_files(base: str, paths: list[str], include: tuple[str, ...]) -> list[str]:
    """Files under ``paths`` that differ from ``base`` or are new and that the
    ``include`` globs name (a changed script under a directory is not a draft)."""
    roots = [Path(p).resolve() for p in paths]
    top = _git(["rev-parse", "--show-toplevel"], Path(paths[0]) if Path(paths[0]).is_dir() else Path.cwd())
    repo = Path(top.strip())
    names = _git(["diff", "--name-only", "--diff-filter=ACMR", "-z", base, "--"], repo).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], repo).split("\0")
    files = sorted({(repo / name).resolve() for name in names if name})
    return [str(f) for f in files if f.is_file()
            and any(f == root or (root in f.parents and _included(f, include)) for root in roots)]


def _included(file: Path, include: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(file.name, glob) for glob in include)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]} failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
    return done.stdout
