"""mbox and Maildir folders, directory walks that mix drafts and folders, stdin."""

from __future__ import annotations

import io
import mailbox
from pathlib import Path

from deadlint.sources import Source, SourceError, iter_sources
from deadlint.sources.containers import read_mbox
from mail_builders import OWN, alternative_message, line_of, plain_message, reply_text


def split(results) -> tuple[list[Source], list[SourceError]]:
    results = list(results)
    return ([r for r in results if isinstance(r, Source)], [r for r in results if isinstance(r, SourceError)])


def make_mbox(path: Path, messages) -> Path:
    box = mailbox.mbox(path, create=True)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return path


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*"))}


def test_mbox_names_each_message_and_counts_lines_in_the_mbox_file(tmp_path):
    path = make_mbox(tmp_path / "Sent.mbox", [plain_message(reply_text(lang)) for lang in ("en", "fi", "sv")])
    sources, problems = split(iter_sources([str(path)]))
    assert problems == []
    assert [s.item for s in sources] == ["message 1", "message 2", "message 3"]
    data = path.read_bytes()
    fi = sources[1]
    assert fi.position(fi.text.index(OWN["fi"]))[0] == line_of(data, OWN["fi"])


def test_mbox_with_a_broken_message_in_the_middle_checks_the_others(tmp_path):
    broken = bytes(alternative_message(reply_text("en"), "<p>x</p>")).replace(b'boundary="', b'lost="', 1)
    path = make_mbox(tmp_path / "Drafts", [plain_message(reply_text("fi")), broken, plain_message(reply_text("sv"))])
    sources, problems = split(iter_sources([str(path)]))
    assert [s.item for s in sources] == ["message 1", "message 3"]
    assert [str(p) for p in problems] == [f"{path}[message 2]: multipart message without a boundary parameter"]


def test_mbox_message_over_the_size_limit_is_reported_not_kept():
    big = b"From x Fri Nov 20 09:00:00 2026\nSubject: a\nFrom: b\n\n" + b"x" * 5000 + b"\n"
    small = b"\nFrom y Fri Nov 20 09:00:00 2026\nSubject: b\nFrom: c\n\nHello.\n"
    sources, problems = split(read_mbox("box", io.BytesIO(big + small), max_bytes=1000))
    assert [s.item for s in sources] == ["message 2"]
    assert problems[0].path == "box[message 1]" and "larger than the limit" in problems[0].problem


def test_body_line_starting_with_from_does_not_split_a_message():
    data = (b"From x Fri Nov 20 09:00:00 2026\nSubject: a\nFrom: b\n\nHello,\n"
            b"From now on we answer within a day.\n")
    assert len(split(read_mbox("box", io.BytesIO(data), max_bytes=10**6))[0]) == 1


def make_maildir(root: Path) -> tuple[mailbox.Maildir, str, str]:
    box = mailbox.Maildir(root, create=True)
    inbox_key = box.add(plain_message(reply_text("en")))
    drafts = box.add_folder("Drafts")
    draft_key = drafts.add(mailbox.MaildirMessage(plain_message(reply_text("fi"))))
    # One message in cur/ with flags, as a client leaves a draft it has seen.
    drafts_message = drafts.get_message(draft_key)
    drafts_message.set_subdir("cur")
    drafts_message.add_flag("D")
    drafts[draft_key] = drafts_message
    return box, inbox_key, draft_key


def test_maildir_with_drafts_subfolder_is_read_by_key_and_left_untouched(tmp_path):
    _box, inbox_key, draft_key = make_maildir(tmp_path / "Mail")
    before = snapshot(tmp_path)
    sources, problems = split(iter_sources([str(tmp_path / "Mail")]))
    assert problems == []
    assert sorted(s.item for s in sources) == sorted([inbox_key, draft_key])
    draft = next(s for s in sources if s.item == draft_key)
    assert Path(draft.path).parent.as_posix().endswith(".Drafts/cur") and ":2," in draft.path
    data = Path(draft.path).read_bytes()
    assert draft.position(draft.text.index(OWN["fi"]))[0] == line_of(data, OWN["fi"])
    assert snapshot(tmp_path) == before


def test_walk_mixes_drafts_eml_maildir_and_extensionless_thunderbird_mbox(tmp_path):
    (tmp_path / "notes.txt").write_text(reply_text("en"))
    (tmp_path / "reply.eml").write_bytes(bytes(plain_message(reply_text("sv"))))
    (tmp_path / "macros.json").write_text("{}")  # exports are not walked by default
    profile = tmp_path / "Thunderbird" / "Local Folders"
    profile.mkdir(parents=True)
    make_mbox(profile / "Drafts", [plain_message(reply_text("fi"))])
    (profile / "Drafts.msf").write_text("// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    _box, inbox_key, draft_key = make_maildir(tmp_path / "Maildir")
    sources, problems = split(iter_sources([str(tmp_path)]))
    assert problems == []
    found = sorted((Path(s.path).relative_to(tmp_path).parts[0], s.item or "") for s in sources)
    assert found == sorted([("Maildir", inbox_key), ("Maildir", draft_key), ("Thunderbird", "message 1"),
                            ("notes.txt", ""), ("reply.eml", "")])


def test_explicit_include_globs_skip_content_sniffing(tmp_path):
    make_mbox(tmp_path / "Drafts", [plain_message(reply_text("fi"))])
    (tmp_path / "a.md").write_text("Hello.\n")
    assert [s.path for s in iter_sources([str(tmp_path)], include=("*.md",))] == [str(tmp_path / "a.md")]


def test_stdin_raw_message_and_plain_draft(monkeypatch):
    raw = bytes(plain_message(reply_text("en")))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (source,) = iter_sources(["-"])
    assert source.path == "<stdin>" and source.meta["subject"] == "Re: Ticket 4711"
    assert source.position(source.text.index(OWN["en"]))[0] == line_of(raw, OWN["en"])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Hi,\n\nWe will fix it ASAP.\n")))
    (plain,) = iter_sources(["-"])
    assert plain.meta == {} and plain.text.startswith("Hi,")
