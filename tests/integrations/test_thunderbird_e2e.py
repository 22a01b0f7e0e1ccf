"""The add-on in a real Thunderbird: headless, driven over Marionette, sending to a loopback SMTP sink.

One Thunderbird runs for the whole module (starting one takes seconds). The
native host is the one `deadlint hook install thunderbird` installs, in a
private HOME; DEADLINT_NOW pins its reference time to Thursday 3 December 2026
10:00 in Helsinki, so "ASAP" becomes "by Friday 4 December, 12:00" whatever
day the test runs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

if shutil.which("thunderbird") is None:
    pytest.skip("thunderbird is not installed (apt-get install thunderbird)", allow_module_level=True)
pytest.importorskip("marionette_driver", reason="marionette_driver is not installed (pip install -e '.[test]')")

from smtp_sink import SMTPSink  # noqa: E402
from thunderbird_driver import FROM, Thunderbird, load_packager, write_profile  # noqa: E402

NOW = "2026-12-03T10:00+02:00"
SUGGESTION = "by Friday 4 December, 12:00"
CUSTOMER = "customer@example.com"
# The first message of Local Folders/Inbox: what the reply tests answer.
INBOX = (b"From customer@example.com Thu Dec  3 09:00:00 2026\n"
         b"From: Customer <customer@example.com>\n"
         b"To: Support Agent <agent@example.com>\n"
         b"Subject: Router broken\n"
         b"Date: Thu, 03 Dec 2026 09:00:00 +0200\n"
         b"Message-ID: <router-broken@example.com>\n"
         b"Content-Type: text/plain; charset=utf-8\n"
         b"\n"
         b"Please send a new router ASAP, nobody here can work.\n\n")


class Session:
    def __init__(self, root: Path):
        home = root / "home"
        home.mkdir()
        self.env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
                    "XDG_CONFIG_HOME": str(home / ".config"), "XDG_STATE_HOME": str(home / ".local" / "state"),
                    "MOZ_HEADLESS": "1", "DEADLINT_NOW": NOW}
        for name in ("DEADLINT_CONFIG", "DEADLINT_MIN_SEVERITY"):
            self.env.pop(name, None)
        # Under `faketime -f +1000d pytest`, libfaketime hangs Thunderbird as it starts (even
        # `thunderbird --version`), so Thunderbird and its host keep the real clock. Nothing
        # here reads it: DEADLINT_NOW is the host's reference time.
        preload = [lib for lib in re.split(r"[:\s]+", self.env.pop("LD_PRELOAD", "")) if lib and "faketime" not in lib]
        if preload:
            self.env["LD_PRELOAD"] = " ".join(preload)
        self.host_manifest = home / ".mozilla" / "native-messaging-hosts" / "deadlint.json"
        self.install_host()
        self.sink = SMTPSink().start()
        self.tb = None
        try:
            write_profile(root / "profile", load_packager().build(root / "deadlint.xpi"), self.sink.port, inbox=INBOX)
            self.tb = Thunderbird(shutil.which("thunderbird"), root / "profile", self.env, root / "thunderbird.log")
            self.host_ready = self.wait_for_host()
        except BaseException:
            self.close()
            raise

    def install_host(self) -> None:
        # The command a user runs, with the private HOME; the launcher runs this Python.
        subprocess.run([sys.executable, "-m", "deadlint", "hook", "install", "thunderbird"], env=self.env,
                       check=True, capture_output=True, timeout=120)

    def wait_for_host(self, timeout: float = 90) -> str:
        """The host's "ready in N s" line: the add-on started it with Thunderbird."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = [line for line in self.tb.console() if "deadlint native-host: ready" in line]
            if ready:
                return ready[0].rpartition("ready in ")[2]
            time.sleep(0.2)
        raise AssertionError(f"the native host never said it was ready:\n{self.tb.log_text()}")

    def host_pids(self) -> list[int]:
        """The native host processes Thunderbird started (its children running `native-host`)."""
        pids = []
        for entry in Path("/proc").iterdir():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == self.tb.process.pid and b"native-host" in cmdline:
                pids.append(int(entry.name))
        return pids

    def delivered(self, count_before: int) -> str:
        """The text of the one message the sink received since ``count_before``."""
        message = self.sink.wait_for(count_before + 1)[-1]
        assert message.recipients == [CUSTOMER] and message.sender == FROM
        return message.text()

    def close(self) -> None:
        if self.tb is not None:
            self.tb.close()
        self.sink.stop()


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    session = Session(tmp_path_factory.mktemp("thunderbird"))
    yield session
    session.close()


@pytest.fixture(autouse=True)
def fresh_windows(session):
    """Each test starts with no compose window and no deadlint window open."""
    yield
    session.tb.close_popups()
    session.tb.close_compose_windows()


def blocked_send(session, window: int) -> tuple[float, dict]:
    """Send a draft deadlint stops: (seconds until answered, what its window shows)."""
    before = len(session.sink.messages)
    answered = session.tb.send(window)
    popup = session.tb.popup()
    assert popup is not None, "no deadlint window opened"
    assert len(session.sink.messages) == before, "a blocked draft reached the SMTP server"
    return answered, popup


def test_blocked_plain_draft_is_answered_fast_and_back_to_the_draft_unlocks_it(session, capsys):
    window = session.tb.compose("Your ticket", "Hello,\n\nWe will fix this ASAP.\n", html=False)
    answered, popup = blocked_send(session, window)
    with capsys.disabled():
        print(f"\n  first send answered in {answered * 1000:.0f} ms (host ready in {session.host_ready})")
    # The host was started with Thunderbird, so the first send does not wait for the models.
    assert answered < 0.5
    assert popup["title"] == "Message not sent: vague promises"
    assert popup["rows"] == [["line 3", "“ASAP”", "vague time “ASAP”: promise an exact time [vague-deadline]", SUGGESTION]]
    assert popup["buttons"] == ["apply", "send-anyway", "edit"]
    # Unlocked while deadlint's window is still open: no focus event is needed.
    draft = session.tb.draft(window)
    assert (draft["locked"], draft["readOnly"]) == (False, False)
    session.tb.click("edit")
    session.tb.type_over(window, "Hello,\n\nWe will fix this by Monday 7 December at 16:00.\n")
    before = len(session.sink.messages)
    session.tb.send(window)
    assert "We will fix this by Monday 7 December at 16:00." in session.delivered(before)


def test_send_anyway_delivers_an_html_draft_as_written(session):
    window = session.tb.compose("Your ticket", "<p>Hello,</p><p>We will fix this <b>ASAP</b>.</p>", html=True)
    _, popup = blocked_send(session, window)
    assert [row[1] for row in popup["rows"]] == ["“ASAP”"]
    before = len(session.sink.messages)
    session.tb.click("send-anyway")
    assert "We will fix this <b>ASAP</b>." in session.delivered(before)  # the HTML part, as written


def test_apply_writes_the_suggestions_into_a_plain_draft(session):
    window = session.tb.compose("Fix coming ASAP", "Hello,\n\nWe will fix this ASAP.\n\nRegards,\nAnna\n", html=False)
    _, popup = blocked_send(session, window)
    assert len(popup["rows"]) == 2
    session.tb.click("apply")
    draft = session.tb.draft(window)
    assert draft["subject"] == f"Fix coming {SUGGESTION}"
    assert draft["text"].strip() == f"Hello,\n\nWe will fix this {SUGGESTION}.\n\nRegards,\nAnna"
    before = len(session.sink.messages)
    assert session.tb.send(window) < 20  # the user reviews it and presses Send: now clean
    text = session.delivered(before)
    assert f"We will fix this {SUGGESTION}." in text and "ASAP" not in text
    assert session.sink.messages[-1].message["Subject"] == f"Fix coming {SUGGESTION}"


def test_apply_writes_the_suggestions_into_an_html_draft_and_keeps_its_markup(session):
    body = "<p>Hello,</p><p>We will fix this <b>ASAP</b> and <i>call you</i>.</p><p>Regards,<br>Anna</p>"
    window = session.tb.compose("Your ticket", body, html=True)
    blocked_send(session, window)
    session.tb.click("apply")
    html = session.tb.draft(window)["html"]
    assert f"We will fix this <b>{SUGGESTION}</b> and <i>call you</i>." in html
    before = len(session.sink.messages)
    session.tb.send(window)
    text = session.delivered(before)
    assert SUGGESTION in text and "ASAP" not in text


def test_apply_leaves_what_needs_the_users_own_words_and_says_so(session):
    # "guaranteed" has advice, not a drop-in replacement: only "ASAP" is rewritten.
    window = session.tb.compose("Your ticket", "We will fix this ASAP. The fix is guaranteed to work.\n", html=False)
    _, popup = blocked_send(session, window)
    assert [row[1] for row in popup["rows"]] == ["“ASAP”", "“guaranteed”"]
    session.tb.click("apply")
    assert session.tb.popup()["intro"].startswith("Applied 1 suggestion; 1 needs your own words.")
    assert session.tb.draft(window)["text"].strip() == f"We will fix this {SUGGESTION}. The fix is guaranteed to work."


def test_the_findings_window_closes_once_its_draft_is_fixed_by_hand_and_sent(session):
    window = session.tb.compose("Your ticket", "We will fix this ASAP.\n", html=False)
    blocked_send(session, window)
    session.tb.type_over(window, "We will fix this by Monday 7 December at 16:00.\n")  # the window stays open
    before = len(session.sink.messages)
    session.tb.send(window)
    session.delivered(before)
    assert session.tb.popups_closed(), "a window still lists the findings of a draft that was sent"


def test_clean_draft_is_delivered_unchanged(session):
    body = "Hello,\n\nThe new router will reach you by Friday 4 December at 12:00.\n\nRegards,\nAnna\n"
    window = session.tb.compose("Your ticket", body, html=False)
    before = len(session.sink.messages)
    session.tb.send(window)
    message = session.sink.wait_for(before + 1)[-1]
    assert message.message.get_content().replace("\r\n", "\n").strip() == body.strip()
    assert session.tb.popup(timeout=1) is None


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_quoted_text_in_a_reply_is_neither_flagged_nor_rewritten(session, html):
    window = session.tb.reply_to_inbox("We will send the new router ASAP.", html=html)
    _, popup = blocked_send(session, window)
    assert [row[1] for row in popup["rows"]] == ["“ASAP”"]  # the reply's own, not the customer's
    session.tb.click("apply")
    before = len(session.sink.messages)
    session.tb.send(window)  # the quoted "ASAP" alone does not stop it
    text = session.delivered(before)
    assert f"We will send the new router {SUGGESTION}." in text
    assert "Please send a new router ASAP, nobody here can work." in text  # quoted as the customer wrote it
    assert session.tb.popup(timeout=1) is None


def test_a_missing_host_says_so_and_sends(session):
    """Last in the module: the host is uninstalled and stopped, then put back."""
    session.host_manifest.unlink()
    for pid in session.host_pids():
        os.kill(pid, signal.SIGTERM)
    try:
        window = session.tb.compose("Your ticket", "We will fix this ASAP.\n", html=False)
        before = len(session.sink.messages)
        session.tb.send(window)
        assert "We will fix this ASAP." in session.delivered(before)  # unchecked, but not stopped
        popup = session.tb.popup()
        assert popup["title"] == "deadlint could not check this message"
        assert popup["intro"].startswith("No such native application deadlint. The message was sent unchecked.")
        assert "run `deadlint hook install thunderbird`" in popup["intro"]
        assert popup["buttons"] == ["edit"]
    finally:
        session.install_host()
