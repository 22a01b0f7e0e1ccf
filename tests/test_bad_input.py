"""Bad input: one clear line on stderr naming the path, exit 2, no traceback, every other file still checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clirun import NOW, run
from deadlint.cli import main
from deadlint.rules import hookimpl

GOOD_EN = "Thanks for the logs. We'll get back to you ASAP.\n"
GOOD_SV = "Hej,\n\nVi återkommer snarast.\n"



def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture
def good(tmp_path) -> tuple[Path, Path]:
    first, last = tmp_path / "a_good.txt", tmp_path / "z_good.txt"
    first.write_text(GOOD_EN, encoding="utf-8")
    last.write_text(GOOD_SV, encoding="utf-8")
    return first, last


def assert_bad(tmp_path, good, bad: Path, reason: str) -> None:
    """The bad path sits between two good drafts: one error line, both good drafts reported, exit 2."""
    first, last = good
    code, out, err = run(first, bad, last)
    assert code == 2, out + err
    assert "Traceback" not in out + err
    lines = error_lines(err)
    assert len(lines) == 1, err
    (line,) = lines
    assert line.startswith(f"deadlint: error: {bad}: "), line
    assert reason in line, line
    assert f"{first}:1:44: warning vague-deadline" in out
    assert f"{last}:3:15: warning vague-deadline" in out
    assert "2 finding(s) in 2 draft(s), 1 input error(s)" in out
    # And the same error travels in the JSON summary.
    result = CliRunner().invoke(main, ["check", "--now", NOW, "--format", "json", str(first), str(bad), str(last)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["findings"]] == [str(first), str(last)]
    (error,) = report["summary"]["errors"]
    assert error["path"] == str(bad) and reason in error["problem"]


def test_missing_path(tmp_path, good):
    assert_bad(tmp_path, good, tmp_path / "nope.txt", "no such file or directory")


def test_directory_without_drafts(tmp_path, good):
    empty = tmp_path / "empty_dir"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.log").write_text("We'll fix it ASAP.\n", encoding="utf-8")
    (empty / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert_bad(tmp_path, good, empty, "no drafts found")


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("m_image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file"),
    # Not UTF-8; 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in Windows-1252.
    ("m_garbled.txt", b"Hello,\n\nwe will \x81\x8d\x8f\x90\x9d fix it soon.\n", "not valid UTF-8"),
    ("m_empty.txt", b"", "empty"),
    ("m_blank.md", b" \n\n\t\r\n", "empty"),
], ids=["binary", "invalid-utf8-not-cp1252", "empty", "whitespace-only"])
def test_unreadable_draft(tmp_path, good, name, data, problem):
    bad = tmp_path / name
    bad.write_bytes(data)
    assert_bad(tmp_path, good, bad, problem)


def test_cp1252_file_decodes_and_is_checked(tmp_path, good):
    legacy = tmp_path / "m_legacy.txt"
    legacy.write_bytes("Hej,\n\nVi återkommer så snart som möjligt – tack för tålamodet.\n".encode("cp1252"))
    latin1 = tmp_path / "m_latin1.txt"
    latin1.write_bytes("Hyvä asiakas, korjaamme vian mahdollisimman pian.\n".encode("latin-1"))
    first, last = good
    result = CliRunner().invoke(main, ["check", "--now", NOW, "--format", "json", str(first), str(legacy),
                                       str(latin1), str(last)])
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    found = [(Path(f["path"]).name, f["line"], f["column"], f["match"]) for f in json.loads(result.stdout)["findings"]]
    assert ("m_legacy.txt", 3, 15, "så snart som möjligt") in found
    assert ("m_latin1.txt", 1, 30, "mahdollisimman pian") in found


def test_fifty_megabyte_file(tmp_path, good):
    bad = tmp_path / "m_huge.txt"
    with bad.open("wb") as stream:
        stream.write(b"a" * (50 * 1024 * 1024))
    assert_bad(tmp_path, good, bad, "too large")


def test_file_that_grows_while_read_is_read_to_its_end_or_refused(tmp_path, monkeypatch):
    """The size is asked first (to read no more than that); a file longer by the time
    it is read is still read whole, or refused when it outgrew the limit."""
    import os

    from deadlint.sources import model
    from deadlint.sources.model import FileProblem, read_regular

    draft = tmp_path / "growing.txt"
    draft.write_bytes(b"x" * 100)
    real_fstat = os.fstat
    monkeypatch.setattr(model.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    assert read_regular(draft, max_bytes=1000) == b"x" * 100
    with pytest.raises(FileProblem, match="too large"):
        read_regular(draft, max_bytes=50)


def test_unreadable_file(tmp_path, good):
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    bad = tmp_path / "m_secret.txt"
    bad.write_text("We'll fix it ASAP.\n", encoding="utf-8")
    bad.chmod(0)
    try:
        assert_bad(tmp_path, good, bad, "cannot read")
    finally:
        bad.chmod(0o644)


def test_several_bad_inputs_each_get_their_line(tmp_path, good):
    first, last = good
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    code, out, err = run(first, tmp_path / "missing.md", binary, empty, last)
    assert code == 2
    assert error_lines(err) == [
        f"deadlint: error: {tmp_path / 'missing.md'}: no such file or directory",
        f"deadlint: error: {binary}: binary file, not a text draft",
        f"deadlint: error: {empty}: empty file, nothing to check",
    ]
    assert "2 finding(s) in 2 draft(s), 3 input error(s)" in out


# --- broken .deadlint.yaml: the run still checks with the default policy and exits 2 -----------------

BROKEN_CONFIGS = {
    "invalid-yaml": ("min_severity: warning\nrules:\n  overpromise: {severity: error\n  other: 1\n", "invalid YAML"),
    "unknown-key": ("min_severity: warning\ncolour: always\n", ":2: colour: unknown key"),
    "bad-severity": ("rules:\n  overpromise:\n    severity: loud\n", ":3: rules.overpromise.severity: must be one of"),
    "unknown-rule": ("rules:\n  no-such-rule: {enabled: false}\n", ":2: rules.no-such-rule: unknown rule id"),
    "unknown-rule-in-ignores": ('per_path_ignores:\n  "*.txt": [bogus-rule]\n',
                                ":2: per_path_ignores.*.txt: unknown rule id 'bogus-rule'"),
    "not-a-mapping": ("- vague-deadline\n- overpromise\n", ":1: the policy must be a mapping"),
}


@pytest.mark.parametrize("name", BROKEN_CONFIGS)
def test_broken_config_falls_back_to_defaults_and_exits_2(tmp_path, monkeypatch, name):
    content, reason = BROKEN_CONFIGS[name]
    monkeypatch.chdir(tmp_path)
    config = tmp_path / ".deadlint.yaml"
    config.write_text(content, encoding="utf-8")
    Path("draft.txt").write_text(GOOD_EN + "It is 100% bug-free.\n", encoding="utf-8")
    code, out, err = run("draft.txt")
    assert code == 2
    assert "Traceback" not in out + err
    (line,) = error_lines(err)
    assert line.startswith(f"deadlint: error: {config}:"), line
    assert reason in line, line
    # Default policy: both default-severity warnings are reported.
    assert "draft.txt:1:44: warning vague-deadline" in out
    assert "draft.txt:2:7: warning overpromise" in out


def test_invalid_yaml_names_the_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".deadlint.yaml").write_text("min_severity: warning\nrules:\n  overpromise: {severity: error}\n"
                                      "   bad indentation: 1\n", encoding="utf-8")
    Path("draft.txt").write_text(GOOD_EN, encoding="utf-8")
    code, _, err = run("draft.txt")
    assert code == 2
    (line,) = error_lines(err)
    assert f"{tmp_path / '.deadlint.yaml'}:4: invalid YAML" in line


def test_broken_config_given_with_config_option(tmp_path):
    config = tmp_path / "policy.yaml"
    config.write_text("max_file_mb: -3\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD_EN, encoding="utf-8")
    code, out, err = run("--config", config, draft)
    assert code == 2
    assert error_lines(err) == [f"deadlint: error: {config}:1: max_file_mb: must be a positive number"]
    assert f"{draft}:1:44: warning vague-deadline" in out


def test_missing_config_file(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD_EN, encoding="utf-8")
    code, out, err = run("--config", tmp_path / "nope.yaml", draft)
    assert code == 2
    (line,) = error_lines(err)
    assert str(tmp_path / "nope.yaml") in line and "Traceback" not in err
    assert f"{draft}:1:44: warning vague-deadline" in out


def test_bad_input_through_the_real_binary(tmp_path, good):
    import subprocess
    import sys

    first, last = good
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00" * 64)
    result = subprocess.run([str(Path(sys.executable).with_name("deadlint")), "check", "--now", NOW,
                             str(first), str(bad), str(last)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"deadlint: error: {bad}: binary file, not a text draft"]
    assert "2 finding(s) in 2 draft(s), 1 input error(s)" in result.stdout


# --- hostile files and folders: never block, never recurse without bound ------------------------------

def run_binary(*args, timeout: float = 90, cwd: Path | None = None) -> tuple[int, str, str]:
    """The real `deadlint check --now NOW ARGS` in its own process, so that a hang
    fails the test, and with 3 GB of address space, so that a blow-up does not
    take the machine down with it."""
    import resource
    import subprocess
    import sys

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    result = subprocess.run([str(Path(sys.executable).with_name("deadlint")), "check", "--now", NOW,
                             *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                            preexec_fn=limit_memory)
    return result.returncode, result.stdout, result.stderr


def assert_refused_beside_good(good, bad: Path, reason: str, *paths: Path) -> None:
    """One error line for ``bad``, both good drafts still reported, exit 2."""
    first, last = good
    code, out, err = run_binary(first, *(paths or (bad,)), last)
    assert code == 2, out + err
    assert error_lines(err) == [f"deadlint: error: {bad}: {reason}"]
    assert f"{first}:1:44: warning vague-deadline" in out
    assert f"{last}:3:15: warning vague-deadline" in out


def test_fifo_given_as_a_path_is_refused_without_blocking(tmp_path, good):
    import os

    fifo = tmp_path / "m_pipe.txt"
    os.mkfifo(fifo)  # no writer ever opens it: reading would wait forever
    assert_refused_beside_good(good, fifo, "not a regular file (a FIFO); skipped")


def test_fifo_in_a_folder_is_refused_and_the_folder_still_checked(tmp_path, good):
    import os

    folder = tmp_path / "m_folder"
    folder.mkdir()
    (folder / "draft.txt").write_text(GOOD_EN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "Drafts")  # no suffix: sniffed for an mbox, which must not block either
    first, last = good
    code, out, err = run_binary(first, folder, last)
    assert code == 2, out + err
    assert error_lines(err) == [f"deadlint: error: {folder / 'pipe.txt'}: not a regular file (a FIFO); skipped"]
    assert f"{folder / 'draft.txt'}:1:44: warning vague-deadline" in out
    assert "3 finding(s) in 3 draft(s), 1 input error(s)" in out


def test_dev_zero_as_a_path_is_refused(good):
    assert_refused_beside_good(good, Path("/dev/zero"), "not a regular file (a character device); skipped")


def test_folder_nested_1200_deep(tmp_path):
    root = folder = tmp_path / "deep"
    root.mkdir()
    try:
        for _ in range(1200):  # os.makedirs itself recurses too deep for this
            folder = folder / "d"
            folder.mkdir()
        bottom = folder / "draft.txt"
        bottom.write_text(GOOD_EN, encoding="utf-8")
        code, out, err = run(root)
    finally:
        # pytest's clean-up (shutil.rmtree) would recurse too deep: empty it here.
        for leftover in folder.glob("*.txt"):
            leftover.unlink()
        while folder != root:
            folder.rmdir()
            folder = folder.parent
    assert code == 1, out + err
    assert f"{bottom}:1:44: warning vague-deadline" in out


def test_unreadable_subdirectory_is_an_input_error(tmp_path, good):
    """The folder that cannot be listed is reported (exit 2); the rest of the tree is
    still checked. Root reads every directory, so root runs deadlint without the
    capabilities that let it (setpriv)."""
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "tree"
    secret = root / "secret"
    secret.mkdir(parents=True)
    (root / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    (secret / "b.txt").write_text(GOOD_EN, encoding="utf-8")
    secret.chmod(0)
    command = [str(Path(sys.executable).with_name("deadlint")), "check", "--now", NOW, str(root)]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root without setpriv reads every directory")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    finally:
        secret.chmod(0o755)
    if result.stderr.startswith("setpriv:"):
        pytest.skip(f"cannot drop capabilities here: {result.stderr.strip()}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert error_lines(result.stderr) == [f"deadlint: error: {secret}: cannot read directory: Permission denied"]
    assert f"{root / 'a.txt'}:1:44: warning vague-deadline" in result.stdout


# --- hostile YAML and JSON: refused in a moment, one line ---------------------------------------------

def billion_laughs(key: str = "lol") -> str:
    """Nine levels of nine aliases: 9^9 (387 million) nodes once expanded."""
    lines = [f'{key}0: &{key}0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"{key}{level}: &{key}{level} [{', '.join([f'*{key}{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_config_is_refused_and_the_defaults_apply(tmp_path, good):
    (tmp_path / ".deadlint.yaml").write_text(billion_laughs(), encoding="utf-8")
    first, last = good
    code, out, err = run_binary(first, last, cwd=tmp_path, timeout=60)
    assert code == 2, out + err
    assert error_lines(err) == [f"deadlint: error: {tmp_path / '.deadlint.yaml'}:5: refused: aliases expand "
                                'to more than 10,000 nodes (a "billion laughs")']
    assert "2 finding(s) in 2 draft(s)" in out


def test_billion_laughs_given_with_config_option(tmp_path, good):
    config = tmp_path / "policy.yaml"
    config.write_text(billion_laughs(), encoding="utf-8")
    code, out, err = run_binary("--config", config, *good, timeout=60)
    assert code == 2, out + err
    assert error_lines(err) == [f"deadlint: error: {config}:5: refused: aliases expand to more than 10,000 "
                                'nodes (a "billion laughs")']


def test_dev_zero_as_config_is_refused(good):
    code, out, err = run_binary("--config", "/dev/zero", *good, timeout=60)
    assert code == 2, out + err
    assert error_lines(err) == ["deadlint: error: /dev/zero: not a regular file (a character device); skipped"]


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("m_laughs.yaml", billion_laughs() + "macros:\n  - {id: 1, title: t, content: We will fix it ASAP.}\n",
     'refused YAML: aliases expand to more than 10,000 nodes (a "billion laughs") at line 5'),
    ("m_deep.yaml", "[" * 50_000 + "]" * 50_000 + "\n", "refused YAML: nested deeper than 100 levels at line 1"),
    ("m_deep.json", "[" * 100_000 + "]" * 100_000 + "\n", "refused JSON: nested too deeply"),
], ids=["billion-laughs-yaml", "yaml-nested-50000", "json-nested-100000"])
def test_hostile_export_is_one_line(tmp_path, good, name, content, problem):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    assert_refused_beside_good(good, bad, problem)


def test_export_with_a_100000_digit_id_is_checked(tmp_path):
    export = tmp_path / "macros.json"
    export.write_text('[{"id": %s, "title": "Status", "content": "We will fix it ASAP."}]' % ("7" * 100_000),
                      encoding="utf-8")
    code, out, err = run_binary("--format", "json", export)
    assert code == 1, out + err
    (finding,) = json.loads(out)["findings"]
    assert finding["rule"] == "vague-deadline" and finding["macro_id"] == "7" * 100_000


# --- drafts that crashed the run: over spaCy's max_length, dated 9999 --------------------------------

def test_draft_over_a_million_characters_is_checked_in_pieces(tmp_path, good):
    """spaCy refuses texts over 1,000,000 characters; a 1.2 MB draft is checked
    whole (in pieces) and its neighbours keep their output."""
    paragraph = "Hello team,\nthe import ran twice on Monday and the totals were doubled.\nWe rolled it back.\n\n"
    repeats = 1_200_000 // len(paragraph)
    big = tmp_path / "m_big.txt"
    big.write_text("We will get back to you ASAP.\n\n" + paragraph * repeats + "Expect it ASAP.\n", encoding="utf-8")
    first, last = good
    code, out, err = run(first, big, last)
    assert (code, err) == (1, ""), out + err
    assert f"{big}:1:25: warning vague-deadline" in out
    assert f"{big}:{2 + 4 * repeats + 1}:11: warning vague-deadline" in out
    assert "4 finding(s) in 3 draft(s)" in out


def test_pieces_cover_the_text_and_cut_at_paragraphs():
    from deadlint.engine import pieces

    text = "".join(f"paragraph {n} " * 3 + "\n\n" for n in range(100))
    cuts = list(pieces(text, 5, len(text), limit=200))
    assert cuts[0][0] == 5 and cuts[-1][1] == len(text)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in zip(cuts, cuts[1:]))
    assert all(end - start <= 200 for start, end in cuts)
    assert all(text[end - 2:end] == "\n\n" for _, end in cuts[:-1])
    # No break at all in a window: cut at the limit.
    assert list(pieces("x" * 450, 0, 450, limit=200)) == [(0, 200), (200, 400), (400, 450)]


def test_now_at_the_end_of_the_calendar_is_a_usage_error(good):
    from clirun import invoke

    code, out, err = invoke("check", "--now", "9999-12-31T23:00", *good)
    assert code == 2, out + err
    assert "Invalid value for '--now': 9999-12-31T23:00:00 is too close to the end of the calendar" in err


def test_message_dated_9999_is_checked_from_the_current_time(tmp_path, good):
    """Its Date is no send time to count from; the draft is still checked (no --now here)."""
    from clirun import invoke

    message = tmp_path / "m_future.eml"
    message.write_text("From: a@example.com\nTo: b@example.com\nDate: Fri, 31 Dec 9999 23:00:00 +0000\n"
                       "Subject: Status\n\nWe will get back to you ASAP.\n", encoding="utf-8")
    code, out, err = invoke("check", good[0], message, good[1])
    assert (code, err) == (1, ""), out + err
    assert f"{message}:6:25: warning vague-deadline" in out
    assert "3 finding(s) in 3 draft(s)" in out


class _BrokenPack:
    """A third-party rule with a bug that one draft's text sets off."""

    @staticmethod
    def _check(chunk):
        if "invoice" in chunk.doc.text:
            raise KeyError("invoice")
        return []

    @hookimpl
    def deadlint_rules(self):
        from deadlint.rules.model import Rule

        return [Rule(id="broken-rule", pack="broken", summary="s", doc="d", check=self._check)]


def test_a_rule_failing_on_one_draft_costs_only_that_draft():
    from deadlint.config import load_policy
    from deadlint.engine import Linter
    from deadlint.rules.registry import RuleSet, plugin_manager
    from deadlint.sources import Source, SourceError

    manager = plugin_manager()
    manager.register(_BrokenPack(), name="broken")
    linter = Linter(RuleSet(manager, load_policy(None)), language="en")
    drafts = [Source(path=name, text=text) for name, text in (
        ("a.txt", GOOD_EN), ("b.txt", "The invoice follows ASAP.\n"), ("c.txt", GOOD_EN))]
    results = [linter.check_safely(draft) for draft in drafts]
    assert [len(result.findings) for result in (results[0], results[2])] == [1, 1]
    assert results[1] == SourceError("b.txt", "internal error, not checked: KeyError: 'invoice'")
