"""Real mutt and neomutt, in batch mode, with `deadlint sendmail` as $sendmail.

A pass-through "tee" in front of deadlint records exactly what the client
sent, so the test can compare it with what reached the (captured) MTA.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

CLIENTS = [pytest.param(name, marks=pytest.mark.skipif(
    shutil.which(name) is None, reason=f"{name} is not installed (Debian package: {name})"))
    for name in ("mutt", "neomutt")]
# mutt stamps Date: at send time, so the clean promise is relative to it, true on any day.
CLEAN = "Hello Bob,\n\nThe fix ships within two business days.\n\nAlice\n"
VAGUE = "Hello Bob,\n\nWe'll fix it ASAP.\n\nAlice\n"


@pytest.fixture
def send(tmp_path, capture_mta, private_home):
    """send(client, body) -> the client's CompletedProcess; also fills tmp_path/client-*."""
    tee = tmp_path / "tee-deadlint"
    tee.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\0' \"$@\" > '{tmp_path}/client-argv'\n"
        f"tee '{tmp_path}/client-stdin' | exec '{sys.executable}' -m deadlint sendmail "
        f"--mta '{capture_mta.path}' \"$@\"\n", encoding="utf-8")
    tee.chmod(0o755)
    # The set-up the docs give, with the tee standing in for `deadlint sendmail --mta ...`.
    rc = tmp_path / "muttrc"
    rc.write_text(f'set sendmail="{tee} -oem -oi"\n'
                  'set from="Alice <alice@example.com>"\nset use_envelope_from=yes\n'
                  'set copy=no\nset record=""\nset charset="utf-8"\n', encoding="utf-8")

    def run(client: str, body: str) -> subprocess.CompletedProcess:
        return subprocess.run([client, "-n", "-F", str(rc), "-s", "Status", "bob@example.com"],
                              input=body.encode(), capture_output=True, timeout=120, check=False,
                              env={**private_home.env, "LC_ALL": "C.UTF-8"})

    return run


@pytest.mark.parametrize("client", CLIENTS)
def test_clean_message_arrives_byte_for_byte(client, send, capture_mta, private_home, tmp_path):
    result = send(client, CLEAN)
    assert result.returncode == 0, result.stderr.decode()
    client_argv = (tmp_path / "client-argv").read_bytes().decode().split("\0")[:-1]
    assert capture_mta.argv() == client_argv
    assert client_argv[:2] == ["-oem", "-oi"] and client_argv[-2:] == ["--", "bob@example.com"]
    assert capture_mta.stdin() == (tmp_path / "client-stdin").read_bytes()
    assert CLEAN.encode() in capture_mta.stdin().replace(b"\r\n", b"\n")
    assert private_home.blocked() == []


@pytest.mark.parametrize("client", CLIENTS)
def test_vague_message_is_refused_and_kept(client, send, capture_mta, private_home, tmp_path):
    result = send(client, VAGUE)
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert "child exited 65" in stderr  # the client's own words for the failure
    assert "ASAP" in stderr and "message NOT sent" in stderr  # deadlint's report, shown by the client
    assert not capture_mta.called
    [saved] = private_home.blocked()
    assert saved.read_bytes() == (tmp_path / "client-stdin").read_bytes()
    assert str(saved) in stderr
