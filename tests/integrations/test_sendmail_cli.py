"""`deadlint sendmail` in process: what reaches the MTA, what is refused, what is kept."""

from __future__ import annotations

import os

import pytest
from clirun import invoke

from deadlint.integrations.sendmail import _leading_options, command, save_blocked

# Written on Friday 20 November 2026: the Date: header is the reference time of its deadlines.
HEADERS = (b"From: alice@example.com\r\nTo: bob@example.com\r\nSubject: Status\r\n"
           b"Date: Fri, 20 Nov 2026 10:00:00 +0200\r\n\r\n")
CLEAN = HEADERS + b"Hello,\r\n\r\nThe fix ships on Friday 27 November at 14:00.\r\n"
VAGUE = HEADERS + b"Hello,\r\n\r\nWe will fix it ASAP.\r\n"
# What mutt passes after $sendmail: sendmail's short options, then its own "--" guard.
MTA_ARGS = ["-oem", "-oi", "-h", "3", "-f", "alice@example.com", "--", "-odd@example.com"]


def sendmail(mta, *args, input: bytes):
    return invoke("sendmail", "--mta", mta.path, *args, input=input)


def test_clean_message_reaches_the_mta_byte_for_byte_with_the_same_arguments(capture_mta, private_home):
    code, _out, err = sendmail(capture_mta, *MTA_ARGS, input=CLEAN)
    assert (code, err) == (0, "")
    assert capture_mta.stdin() == CLEAN
    assert capture_mta.argv() == MTA_ARGS
    assert private_home.blocked() == []


def test_the_mtas_exit_status_is_passed_on(capture_mta, private_home, monkeypatch):
    monkeypatch.setenv("CAPTURE_EXIT", "75")
    assert sendmail(capture_mta, "-oi", input=CLEAN)[0] == 75


def test_vague_message_is_refused_reported_and_saved(capture_mta, private_home):
    code, _out, err = sendmail(capture_mta, *MTA_ARGS, input=VAGUE)
    assert code == 65
    assert not capture_mta.called
    assert "line 8:" in err and "ASAP" in err and "[vague-deadline, warning]" in err
    assert "suggestion: by " in err and "message NOT sent" in err
    [saved] = private_home.blocked()
    assert saved.read_bytes() == VAGUE
    assert saved.stat().st_mode & 0o077 == 0  # someone's mail: private
    assert f"saved it to {saved}" in err
    assert str(capture_mta.path) in err.splitlines()[-1]  # how to send it unchanged


def test_blocked_messages_never_overwrite_each_other(capture_mta, private_home):
    for _ in range(3):
        assert sendmail(capture_mta, input=VAGUE)[0] == 65
    assert len(private_home.blocked()) == 3


def test_warn_only_reports_and_sends_anyway(capture_mta, private_home, monkeypatch):
    code, _out, err = sendmail(capture_mta, "--warn-only", "-oi", input=VAGUE)
    assert code == 0 and "ASAP" in err and "sending anyway" in err
    assert capture_mta.stdin() == VAGUE and capture_mta.argv() == ["-oi"]
    monkeypatch.setenv("DEADLINT_WARN_ONLY", "1")
    assert sendmail(capture_mta, input=VAGUE)[0] == 0


def test_min_severity_sets_the_threshold(capture_mta, private_home, monkeypatch):
    assert sendmail(capture_mta, "--min-severity", "error", input=VAGUE)[0] == 0
    assert capture_mta.stdin() == VAGUE
    monkeypatch.setenv("DEADLINT_MIN_SEVERITY", "error")
    assert sendmail(capture_mta, input=VAGUE)[0] == 0


def test_mta_and_blocked_dir_from_the_environment(capture_mta, private_home, monkeypatch, tmp_path):
    monkeypatch.setenv("DEADLINT_MTA", str(capture_mta.path))
    monkeypatch.setenv("DEADLINT_BLOCKED_DIR", str(tmp_path / "kept"))
    assert invoke("sendmail", "-oi", input=CLEAN)[0] == 0 and capture_mta.stdin() == CLEAN
    assert invoke("sendmail", "-oi", input=VAGUE)[0] == 65
    assert [p.read_bytes() for p in (tmp_path / "kept").iterdir()] == [VAGUE]


@pytest.mark.parametrize("config, expected", [
    ("rules: {vague-deadline: {severity: nonsense}}\n", 78),  # a broken policy
    ("rules: {no-such-rule: {enabled: false}}\n", 78),
])
def test_broken_config_fails_closed(capture_mta, private_home, tmp_path, config, expected):
    (tmp_path / "policy.yaml").write_text(config, encoding="utf-8")
    code, _out, err = sendmail(capture_mta, "--config", tmp_path / "policy.yaml", input=CLEAN)
    assert code == expected and not capture_mta.called
    assert "policy.yaml" in err and "message NOT sent" in err
    assert [p.read_bytes() for p in private_home.blocked()] == [CLEAN]


def test_unreadable_input_fails_closed(capture_mta, private_home):
    code, _out, err = sendmail(capture_mta, input=b"")
    assert code == 70 and not capture_mta.called and "could not check" in err


def test_usage_error_still_keeps_the_message(capture_mta, private_home):
    code, _out, _err = sendmail(capture_mta, "--min-severity", "loud", input=VAGUE)
    assert code == 78 and not capture_mta.called
    assert [p.read_bytes() for p in private_home.blocked()] == [VAGUE]


def test_missing_mta_keeps_the_message(private_home, tmp_path):
    code, _out, err = invoke("sendmail", "--mta", tmp_path / "no-such-sendmail", input=CLEAN)
    assert code == 69 and "cannot run the MTA" in err
    assert [p.read_bytes() for p in private_home.blocked()] == [CLEAN]


def test_save_reports_why_it_could_not(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert isinstance(save_blocked(b"x", blocker / "sub"), str)


@pytest.mark.parametrize("args, ours", [
    (["--mta", "/x", "-oi"], 2),
    (["--mta=/x", "--warn-only", "--", "rcpt"], 2),
    (["-oi", "--mta", "/x"], 0),  # after the MTA's first argument nothing is deadlint's
    (["--blocked-dir", "d", "--min-severity", "info", "rcpt"], 4),
    (["--mta"], 1),
    ([], 0),
])
def test_only_leading_long_options_are_deadlints(args, ours):
    assert _leading_options(command, args) == ours


def test_policy_sendmail_section_sets_the_mta_and_warn_only(tmp_path, capture_mta, private_home, monkeypatch):
    """Options and DEADLINT_* variables win; the policy's `sendmail:` keys fill in the rest."""
    from click.testing import CliRunner

    from deadlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".deadlint.yaml").write_text(
        f"sendmail:\n  mta: {capture_mta.path}\n  warn_only: true\n", encoding="utf-8")
    message = b"From: a@example.com\nTo: b@example.com\nSubject: x\n\nWe will fix it ASAP.\n"
    result = CliRunner().invoke(main, ["sendmail", "-oi", "b@example.com"], input=message)
    assert result.exit_code == 0, result.output
    assert capture_mta.stdin() == message and capture_mta.argv() == ["-oi", "b@example.com"]


def test_environment_wins_over_the_policy(tmp_path, capture_mta, private_home, monkeypatch):
    from click.testing import CliRunner

    from deadlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".deadlint.yaml").write_text(
        f"sendmail:\n  mta: {capture_mta.path}\n  warn_only: true\n  blocked_dir: {tmp_path / 'policy-dir'}\n",
        encoding="utf-8")
    monkeypatch.setenv("DEADLINT_WARN_ONLY", "0")
    monkeypatch.setenv("DEADLINT_BLOCKED_DIR", str(tmp_path / "env-dir"))
    message = b"From: a@example.com\nTo: b@example.com\nSubject: x\n\nWe will fix it ASAP.\n"
    result = CliRunner().invoke(main, ["sendmail", "b@example.com"], input=message)
    assert result.exit_code == 65
    assert not capture_mta.called
    assert list((tmp_path / "env-dir").glob("*.eml")) and not (tmp_path / "policy-dir").exists()


# --- never a partial message, never a refused attachment, never a traceback -------------------------

def message_with_attachment(size: int) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "alice@example.com", "bob@example.com", "Logs"
    message["Date"] = "Fri, 20 Nov 2026 10:00:00 +0200"  # the reference time of its promise
    message.set_content("Hello,\n\nThe fix ships on Friday 27 November at 14:00. The logs are attached.\n")
    message.add_attachment(bytes(range(256)) * (size // 256), maintype="application", subtype="octet-stream",
                           filename="logs.bin")
    return message.as_bytes()


def deadlint_binary() -> str:
    import sys
    from pathlib import Path

    return str(Path(sys.executable).with_name("deadlint"))


def test_a_large_attachment_is_sent_not_refused(capture_mta, private_home):
    """max_file_mb (5 MB by default) limits the text that is linted, not the message."""
    message = message_with_attachment(4 * 1024 * 1024)
    assert len(message) > 5 * 1024 * 1024
    code, _out, err = sendmail(capture_mta, "-oi", input=message)
    assert (code, err) == (0, "")
    assert capture_mta.stdin() == message


def test_a_large_text_part_is_still_refused(capture_mta, private_home):
    text = b"We will fix it on Friday 27 November at 14:00.\n" * 120_000  # 5.6 MB of text to lint
    code, _out, err = sendmail(capture_mta, input=HEADERS + text)
    assert code == 70 and not capture_mta.called
    assert "text part too large (5.6 MB > limit 5.2 MB)" in err


def test_killed_while_the_mta_reads_never_sends_part_of_the_message(tmp_path, private_home):
    """SIGTERM to deadlint while a slow MTA reads: the MTA gets all of the
    message or nothing, never the first part followed by end of input."""
    import signal
    import subprocess
    import time

    mta = tmp_path / "slow-sendmail"
    mta.write_text(f"#!/bin/sh\ntouch '{tmp_path}/started'\nsleep 1\ncat > '{tmp_path}/received'\n"
                   f"echo $? > '{tmp_path}/status'\n", encoding="utf-8")
    mta.chmod(0o755)
    message = message_with_attachment(2 * 1024 * 1024)  # far more than a pipe holds
    (tmp_path / "message.eml").write_bytes(message)
    with (tmp_path / "message.eml").open("rb") as stdin:
        process = subprocess.Popen([deadlint_binary(), "sendmail", "--mta", str(mta), "-oi"], stdin=stdin,
                                   stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while not (tmp_path / "started").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (tmp_path / "started").exists(), process.communicate()[1]
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    deadline = time.monotonic() + 30
    while not (tmp_path / "status").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / "received").read_bytes() == message


@pytest.mark.skipif("FAKETIME" in os.environ, reason="libfaketime opens its shared memory at start-up and takes the "
                    "closed standard input's descriptor, so stdin cannot be closed under it")
def test_stdin_closed_is_one_line_and_nothing_is_sent(capture_mta, private_home):
    import subprocess

    result = subprocess.run(["sh", "-c", 'exec "$0" sendmail --mta "$1" -oi <&-', deadlint_binary(),
                             str(capture_mta.path)], capture_output=True, text=True, timeout=90)
    assert result.returncode == 74
    assert result.stderr == "deadlint: no message: standard input is closed; nothing was sent\n"
    assert not capture_mta.called
