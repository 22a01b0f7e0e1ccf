"""Fixtures for the pre-send hook tests (sendmail, git send-email): a stand-in
for the real MTA and a private home, so no test touches the user's own."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class CaptureMTA:
    """A shell script standing in for /usr/sbin/sendmail: it keeps what it was given."""

    path: Path
    directory: Path

    @property
    def called(self) -> bool:
        return (self.directory / "argv").exists()

    def argv(self) -> list[str]:
        # NUL-terminated records, so arguments with spaces or newlines survive.
        return [arg.decode() for arg in (self.directory / "argv").read_bytes().split(b"\0")[:-1]]

    def stdin(self) -> bytes:
        return (self.directory / "stdin").read_bytes()


@pytest.fixture
def capture_mta(tmp_path: Path) -> CaptureMTA:
    directory = tmp_path / "mta"
    directory.mkdir()
    script = directory / "sendmail"
    script.write_text(
        "#!/bin/sh\n"
        f"cat > '{directory}/stdin'\n"
        f"printf '%s\\0' \"$@\" > '{directory}/argv'\n"
        "exit ${CAPTURE_EXIT:-0}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return CaptureMTA(script, directory)


@dataclass
class Home:
    path: Path
    env: dict[str, str]  # the whole environment, for child processes

    def blocked(self) -> list[Path]:
        return sorted((self.path / ".local" / "state" / "deadlint" / "blocked").glob("*.eml"))


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch) -> Home:
    """HOME and the XDG directories under tmp_path, here and in every child process."""
    home = tmp_path / "home"
    home.mkdir()
    values = {"HOME": home, "XDG_STATE_HOME": home / ".local" / "state",
              "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / ".local" / "share"}
    for name, value in values.items():
        monkeypatch.setenv(name, str(value))
    for name in ("DEADLINT_MTA", "DEADLINT_WARN_ONLY", "DEADLINT_MIN_SEVERITY", "DEADLINT_CONFIG",
                 "DEADLINT_BLOCKED_DIR", "GIT_DIR", "GIT_WORK_TREE", "GIT_CONFIG_GLOBAL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .deadlint.yaml from the checkout applies
    return Home(home, dict(os.environ))


def pytest_configure(config) -> None:
    # pre-commit try-repo installs deadlint into a fresh virtualenv: minutes on a cold cache.
    config.addinivalue_line("markers", "slow: installs packages; deselect with -m 'not slow'")
