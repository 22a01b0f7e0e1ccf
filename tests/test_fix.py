"""`deadlint check --fix` and `--diff`: only the vague phrase changes, atomically, in the file's encoding."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

from click.testing import CliRunner

from clirun import NOW, run
from deadlint.cli import main




def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_fix_txt_with_crlf_changes_only_the_phrase(tmp_path):
    original = "Hei Matti,\r\n\r\nKorjaamme vian mahdollisimman pian.\r\nKiitos kärsivällisyydestä!\r\n"
    path = tmp_path / "reply.txt"
    path.write_bytes(original.encode("utf-8"))
    code, out, err = run("--fix", path)
    assert code == 0, out + err
    expected = original.replace("mahdollisimman pian", "maanantaina 23.11. klo 12 mennessä")
    assert path.read_bytes() == expected.encode("utf-8")
    assert "0 finding(s) in 1 draft(s), 1 fixed" in out
    assert files_in(tmp_path) == ["reply.txt"]


def test_fix_markdown_keeps_code_and_markup(tmp_path):
    original = ("# Update\n\nWe will send the fix **ASAP**. See `ASAP` in code.\n\n"
                "```\nASAP\n```\n\n- keep [this link](https://example.com/asap)\n")
    path = tmp_path / "reply.md"
    path.write_text(original, encoding="utf-8")
    code, _, _ = run("--fix", path)
    assert code == 0
    assert path.read_text(encoding="utf-8") == original.replace(
        "**ASAP**", "**by Monday 23 November, 12:00**", 1)


def test_fix_cp1252_file_is_written_back_in_cp1252(tmp_path):
    original = "Hej,\r\n\r\nVi återkommer så snart som möjligt, tack för tålamodet – och 5 € rabatt.\r\n"
    path = tmp_path / "svar.txt"
    path.write_bytes(original.encode("cp1252"))
    code, out, _ = run("--fix", path)
    assert code == 0, out
    expected = original.replace("så snart som möjligt", "senast måndag 23/11 kl. 12")
    assert path.read_bytes() == expected.encode("cp1252")


def test_fix_finnish_cp1252_reply(tmp_path):
    original = "Hyvä asiakas,\n\nKorjaamme vian mahdollisimman pian.\n"
    path = tmp_path / "vastaus.txt"
    path.write_bytes(original.encode("cp1252"))
    assert run("--fix", path)[0] == 0
    assert path.read_bytes() == original.replace(
        "mahdollisimman pian", "maanantaina 23.11. klo 12 mennessä").encode("cp1252")


def test_fix_utf8_bom_is_kept(tmp_path):
    original = "We will fix it ASAP.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + original.encode("utf-8"))
    assert run("--fix", path)[0] == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + b"We will fix it by Monday 23 November, 12:00.\n"


def test_fix_utf16_big_endian_keeps_its_byte_order(tmp_path):
    original = "We will fix it ASAP.\r\n"
    path = tmp_path / "be.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + original.encode("utf-16-be"))
    assert run("--fix", path)[0] == 0
    expected = "We will fix it by Monday 23 November, 12:00.\r\n"
    assert path.read_bytes() == codecs.BOM_UTF16_BE + expected.encode("utf-16-be")


def test_fix_is_atomic_and_keeps_the_mode(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    inode_before = path.stat().st_ino
    assert run("--fix", path)[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert files_in(tmp_path) == ["reply.txt"]  # no temporary file left behind
    assert path.read_text(encoding="utf-8") == "We will fix it by Monday 23 November, 12:00.\n"
    # Replaced by a rename, not rewritten in place.
    assert path.stat().st_ino != inode_before


def test_fix_leaves_files_without_fixes_untouched(tmp_path):
    path = tmp_path / "promise.txt"
    path.write_text("This is 100% bug-free.\n", encoding="utf-8")
    before = path.stat()
    code, _, _ = run("--fix", path)
    assert code == 1  # overpromise has no automatic fix
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert files_in(tmp_path) == ["promise.txt"]


def test_exit_code_after_partial_fix_is_1_and_lists_what_is_left(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\nThis is guaranteed.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--now", NOW, "--fix", "--format", "json", str(path)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["rule"] for f in report["findings"]] == ["overpromise"]
    assert report["summary"]["fixed"] == 1
    assert path.read_text(encoding="utf-8") == "We will fix it by Monday 23 November, 12:00.\nThis is guaranteed.\n"
    # Running again: nothing more to fix, the overpromise stays.
    code, _, _ = run("--fix", path)
    assert code == 1


def test_fix_several_phrases_in_one_file(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("We'll keep you posted.\n\nThe part ships ASAP.\n", encoding="utf-8")
    code, out, _ = run("--fix", path)
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == (
        "We'll send you the next update by Monday 23 November, 12:00, even if there is no news yet.\n\n"
        "The part ships by Monday 23 November, 12:00.\n")


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = "Hei,\r\n\r\nKorjaamme vian mahdollisimman pian.\r\n"
    path = tmp_path / "reply.txt"
    path.write_bytes(original.encode("utf-8"))
    before = path.stat()
    result = CliRunner().invoke(main, ["check", "--now", NOW, "--diff", "reply.txt"])
    assert result.exit_code == 1  # something would change
    # stdout_bytes: click's Result.stdout turns CRLF into LF.
    assert result.stdout_bytes.decode("utf-8") == ("--- a/reply.txt\n+++ b/reply.txt\n@@ -1,3 +1,3 @@\n Hei,\r\n \r\n"
                   "-Korjaamme vian mahdollisimman pian.\r\n"
                   "+Korjaamme vian maanantaina 23.11. klo 12 mennessä.\r\n")
    assert path.read_bytes() == original.encode("utf-8")
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert files_in(tmp_path) == ["reply.txt"]


def test_diff_with_fix_still_writes_nothing(tmp_path):
    path = tmp_path / "reply.md"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    code, out, _ = run("--fix", "--diff", path)
    assert code == 1
    assert "-We will fix it ASAP.\n+We will fix it by Monday 23 November, 12:00.\n" in out
    assert path.read_text(encoding="utf-8") == "We will fix it ASAP.\n"


def test_diff_of_a_clean_file_is_empty_and_exits_0(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("The corrected invoice is attached.\n", encoding="utf-8")
    assert run("--diff", path)[:2] == (0, "")


def test_binary_file_with_a_phrase_is_never_touched(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("We will fix it ASAP.\n", encoding="utf-8")
    data = b"We will fix it ASAP.\x00\x00\x01\x02\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    before = bad.stat()
    code, _, err = run("--fix", good, bad)
    assert code == 2
    assert f"{bad}: binary file" in err
    assert bad.read_bytes() == data and bad.stat().st_mtime_ns == before.st_mtime_ns
    assert good.read_text(encoding="utf-8") == "We will fix it by Monday 23 November, 12:00.\n"


def test_undecodable_file_with_a_phrase_is_never_touched(tmp_path):
    # Not UTF-8, and 0x81 0x8d 0x8f 0x90 0x9d are undefined in cp1252: not text we can read.
    data = b"Hello \x81\x8d\x8f\x90\x9d we will fix it ASAP.\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    code, _, err = run("--fix", bad)
    assert code == 2
    assert str(bad) in err
    assert bad.read_bytes() == data


def test_stdin_is_never_fixed():
    result = CliRunner().invoke(main, ["check", "--now", NOW, "--fix", "-"], input="We will fix it ASAP.\n")
    assert result.exit_code == 1
    assert "vague-deadline" in result.stdout


# --- someone else's file: a concurrent writer, hard links, another owner ------------------------------

def test_fix_never_loses_lines_appended_while_it_runs(tmp_path):
    """A log-like draft appended to every 20 ms during a --fix run (the real
    binary, so the run takes as long as a user's): every line survives."""
    import subprocess
    import sys
    import threading
    import time

    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    stop = threading.Event()
    appended: list[str] = []

    def append() -> None:
        while not stop.is_set():
            line = f"appended line {len(appended)}\n"
            with path.open("a", encoding="utf-8") as stream:
                stream.write(line)
            appended.append(line)
            time.sleep(0.02)

    writer = threading.Thread(target=append)
    writer.start()
    try:
        result = subprocess.run([str(Path(sys.executable).with_name("deadlint")), "check", "--now", NOW, "--fix",
                                 str(path)], capture_output=True, text=True, timeout=120)
        time.sleep(0.1)
    finally:
        stop.set()
        writer.join()
    assert len(appended) > 20
    text = path.read_text(encoding="utf-8")
    assert [line for line in text.splitlines(keepends=True) if line.startswith("appended")] == appended
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == f"deadlint: error: {path}: not fixed: changed since it was read; run --fix again\n"
    assert text.startswith("We will fix it ASAP.\n")


def test_write_back_refuses_when_the_file_is_not_what_was_checked(tmp_path):
    from deadlint.fix import FixRefused, write_back
    from deadlint.sources.model import digest

    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    checked = digest(path.read_bytes())
    path.write_text("We will fix it ASAP.\nP.S. added in the editor\n", encoding="utf-8")
    try:
        write_back(path, "We will fix it by Monday.\n", "utf-8", checked)
    except FixRefused as exc:
        assert str(exc) == "changed since it was read; run --fix again"
    else:
        raise AssertionError("overwrote a file changed since it was read")
    assert path.read_text(encoding="utf-8") == "We will fix it ASAP.\nP.S. added in the editor\n"
    assert files_in(tmp_path) == ["reply.txt"]


def test_fix_refuses_a_hard_linked_file_with_one_line(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    other = tmp_path / "other-name.txt"
    os.link(path, other)
    code, out, err = run("--fix", path)
    assert code == 2, out + err
    assert err == f"deadlint: error: {path}: not fixed: it has 2 hard links, which a rewrite would split; fix it by hand\n"
    assert os.path.samefile(path, other)
    assert path.read_text(encoding="utf-8") == "We will fix it ASAP.\n"


def test_fix_keeps_the_owner_and_group(tmp_path):
    import pytest

    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    path = tmp_path / "reply.txt"
    path.write_text("We will fix it ASAP.\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    assert run("--fix", path)[0] == 0
    assert path.read_text(encoding="utf-8") == "We will fix it by Monday 23 November, 12:00.\n"
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
