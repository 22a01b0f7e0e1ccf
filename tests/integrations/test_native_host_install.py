"""The native-messaging host manifest and launcher that `deadlint hook install thunderbird` writes."""

from __future__ import annotations

import json
import os
import struct
import subprocess

import pytest

from deadlint.integrations import thunderbird_install
from deadlint.integrations.hooks import HookError


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return tmp_path


def test_install_writes_the_manifest_thunderbird_reads(home):
    path = thunderbird_install.install()
    assert path == home / ".mozilla" / "native-messaging-hosts" / "deadlint.json"
    manifest = json.loads(path.read_text())
    assert manifest["name"] == "deadlint" and manifest["type"] == "stdio"
    assert manifest["allowed_extensions"] == [thunderbird_install.EXTENSION_ID]
    launcher = manifest["path"]
    assert os.path.isabs(launcher) and os.access(launcher, os.X_OK)


def test_the_launcher_starts_a_working_host(home):
    launcher = json.loads(thunderbird_install.install().read_text())["path"]
    payload = json.dumps({"id": 1, "text": "We will fix this ASAP.", "now": "2026-11-20T10:00"}).encode()
    result = subprocess.run([launcher, "/x/deadlint.json", thunderbird_install.EXTENSION_ID],
                            input=struct.pack("=I", len(payload)) + payload, capture_output=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    (size,) = struct.unpack_from("=I", result.stdout)
    assert json.loads(result.stdout[4:4 + size])["summary"]["findings"] == 1


def test_install_is_idempotent_but_keeps_a_foreign_manifest_unless_forced(home):
    path = thunderbird_install.install()
    assert thunderbird_install.install() == path
    path.write_text('{"name": "deadlint", "path": "/elsewhere"}')
    with pytest.raises(HookError, match="--force"):
        thunderbird_install.install()
    assert "/elsewhere" in path.read_text()
    thunderbird_install.install(force=True)
    assert json.loads(path.read_text())["path"] != "/elsewhere"


def test_launcher_honours_xdg_data_home(home, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    manifest = json.loads(thunderbird_install.install().read_text())
    assert manifest["path"] == str(home / "data" / "deadlint" / "native-host")
