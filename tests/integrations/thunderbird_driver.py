"""A real Thunderbird, headless, with the deadlint add-on, driven over Marionette.

A fresh profile sends through one SMTP server on 127.0.0.1 (the test's sink);
the add-on is installed by copying the .xpi into profile/extensions, which a
profile allows without signing when extensions.autoDisableScopes is 0. The
compose window and the add-on's popup are reached from the chrome context:
with extensions.webextensions.remote false the popup page lives in the parent
process, so its document can be read and its buttons clicked.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import time
from pathlib import Path

from deadlint.integrations.thunderbird_install import EXTENSION_ID

EXTENSION = Path(__file__).resolve().parents[2] / "integrations" / "thunderbird"
IDENTITY = "id1"
FROM = "agent@example.com"

PREFS = {
    # No first-run UI: default-client check, start page, account provisioner, data policy.
    "mail.shell.checkDefaultClient": False,
    "mailnews.start_page.enabled": False,
    "mail.provider.enabled": False,
    "datareporting.policy.dataSubmissionPolicyBypassNotification": True,
    "mail.rights.version": 1,
    "mail.spotlight.firstRunDone": True,
    "app.update.disabledForTesting": True,
    # The add-on from profile/extensions, unsigned, its pages in the parent process.
    "extensions.autoDisableScopes": 0,
    "extensions.enabledScopes": 15,
    "xpinstall.signatures.required": False,
    "extensions.webextensions.remote": False,
    "marionette.port": 0,  # any free port; Thunderbird writes it to MarionetteActivePort
    # One account: a Local Folders store, an identity, and the sink as its SMTP server.
    "mail.accountmanager.accounts": "account1",
    "mail.accountmanager.defaultaccount": "account1",
    "mail.accountmanager.localfoldersserver": "server1",
    "mail.account.account1.server": "server1",
    "mail.account.account1.identities": IDENTITY,
    "mail.server.server1.type": "none",
    "mail.server.server1.hostname": "Local Folders",
    "mail.server.server1.userName": "nobody",
    "mail.server.server1.name": "Local Folders",
    f"mail.identity.{IDENTITY}.fullName": "Support Agent",
    f"mail.identity.{IDENTITY}.useremail": FROM,
    f"mail.identity.{IDENTITY}.smtpServer": "smtp1",
    f"mail.identity.{IDENTITY}.fcc": False,  # no copy to Sent: nothing but the sink sees a send
    f"mail.identity.{IDENTITY}.attach_signature": False,
    "mail.smtpservers": "smtp1",
    "mail.smtp.defaultserver": "smtp1",
    "mail.smtpserver.smtp1.hostname": "127.0.0.1",
    "mail.smtpserver.smtp1.authMethod": 1,  # no authentication
    "mail.smtpserver.smtp1.try_ssl": 0,
    "mail.smtpserver.smtp1.username": "",
    # Plain text as typed (no format=flowed re-wrapping); HTML drafts go out as HTML too.
    "mailnews.send_plaintext_flowed": False,
    "mail.default_send_format": 3,  # HTML and plain text, as composed
    "mail.warn_on_send_accel_key": False,
}


def load_packager():
    """integrations/thunderbird/package.py, which builds the .xpi."""
    spec = importlib.util.spec_from_file_location("deadlint_thunderbird_package", EXTENSION / "package.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_profile(profile: Path, xpi: Path, smtp_port: int, inbox: bytes = b"") -> None:
    """A profile that starts straight into the main window with the add-on enabled;
    ``inbox`` (an mbox) is its Local Folders/Inbox."""
    local = profile / "Mail" / "Local Folders"
    local.mkdir(parents=True)
    (local / "Inbox").write_bytes(inbox)
    prefs = {**PREFS, "mail.smtpserver.smtp1.port": smtp_port, "mail.server.server1.directory": str(local)}
    (profile / "user.js").write_text(
        "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items()),
        encoding="utf-8")
    (profile / "extensions").mkdir()
    (profile / "extensions" / f"{EXTENSION_ID}.xpi").write_bytes(xpi.read_bytes())


# Appended to compose scripts: waits for the compose window that was not in `before`.
_NEW_COMPOSE_WINDOW = """
async function newComposeWindow(before) {
  for (let i = 0; i < 1200; i++) {
    const win = [...Services.wm.getEnumerator("msgcompose")].find((w) => !before.has(w));
    if (win && win.composeEditorReady) return win.docShell.outerWindowID;
    await sleep(25);
  }
  throw new Error("no compose window opened");
}
"""


class Thunderbird:
    """``thunderbird --headless --marionette`` on a profile, and a Marionette session to it."""

    def __init__(self, binary: str, profile: Path, env: dict[str, str], log: Path):
        # Here, not at the top: the packaging tests use this module without marionette_driver.
        from marionette_driver.marionette import Marionette

        self.profile, self.log = profile, log
        self.process = subprocess.Popen(
            [binary, "-profile", str(profile), "-no-remote", "--headless", "--marionette",
             "-remote-allow-system-access"],
            env=env, stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        try:
            self.client = Marionette(port=self._marionette_port(), startup_timeout=60)
            self.client.start_session()
            self.client.set_context("chrome")
        except BaseException:
            self.process.kill()
            self.process.wait()
            raise

    def _marionette_port(self, timeout: float = 90) -> int:
        active = self.profile / "MarionetteActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"thunderbird exited with {self.process.returncode}:\n{self.log_text()}")
            if active.exists() and active.read_text().strip():
                return int(active.read_text())
            time.sleep(0.1)
        raise RuntimeError(f"thunderbird did not start Marionette in {timeout} s:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def run(self, script: str, *args, timeout: float = 30):
        """An async chrome-context script: it calls ``resolve(value)`` (last argument)."""
        result = self.client.execute_async_script(
            "const resolve = arguments[arguments.length - 1];\n"
            "(async () => {" + script + "})().then(resolve, (e) => resolve({scriptError: `${e}\\n${e.stack}`}));",
            script_args=args, script_timeout=int(timeout * 1000), new_sandbox=False)
        if isinstance(result, dict) and "scriptError" in result:
            raise RuntimeError(result["scriptError"])
        return result

    # Compose windows are named by their outer window id, which Marionette can pass around.
    _FIND = ("const {MailServices} = ChromeUtils.importESModule('resource:///modules/MailServices.sys.mjs');\n"
             "const composeWindow = (id) => [...Services.wm.getEnumerator('msgcompose')]"
             ".find((w) => w.docShell.outerWindowID === id);\n"
             "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n")

    def compose(self, subject: str, body: str, *, html: bool, to: str = "customer@example.com") -> int:
        """A new message, filled in, its editor ready for input."""
        return self.run(self._FIND + """
const [to, subject, body, html] = arguments;
const params = Cc["@mozilla.org/messengercompose/composeparams;1"].createInstance(Ci.nsIMsgComposeParams);
const fields = Cc["@mozilla.org/messengercompose/composefields;1"].createInstance(Ci.nsIMsgCompFields);
Object.assign(fields, {to, subject, body});
params.type = Ci.nsIMsgCompType.New;
params.format = html ? Ci.nsIMsgCompFormat.HTML : Ci.nsIMsgCompFormat.PlainText;
params.identity = MailServices.accounts.getIdentity("%s");
params.composeFields = fields;
const before = new Set(Services.wm.getEnumerator("msgcompose"));
MailServices.compose.OpenComposeWindowWithParams(null, params);
return await newComposeWindow(before);
""" % IDENTITY + _NEW_COMPOSE_WINDOW, to, subject, body, html)

    def reply_to_inbox(self, typed: str, *, html: bool) -> int:
        """A reply to the first message in Local Folders/Inbox, ``typed`` where Thunderbird
        puts the caret (below the quote, by default)."""
        return self.run(self._FIND + """
const [typed, html] = arguments;
const inbox = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed("Inbox");
for (let i = 0; inbox.getTotalMessages(false) === 0; i++) {
  if (i === 0) inbox.updateFolder(null);  // parses the mbox the profile was written with
  if (i > 300) throw new Error("the Inbox stays empty");
  await sleep(50);
}
const header = [...inbox.messages][0];
const before = new Set(Services.wm.getEnumerator("msgcompose"));
MailServices.compose.OpenComposeWindow(null, header, inbox.getUriForMsg(header), Ci.nsIMsgCompType.ReplyToSender,
  html ? Ci.nsIMsgCompFormat.HTML : Ci.nsIMsgCompFormat.PlainText, MailServices.accounts.getIdentity("%s"), null, null);
const id = await newComposeWindow(before);
composeWindow(id).GetCurrentEditor().insertText(typed);
return id;
""" % IDENTITY + _NEW_COMPOSE_WINDOW, typed, html)

    def send(self, window: int) -> float:
        """Press Send; seconds until the add-on answered (the window is unlocked, or closed once sent)."""
        return self.run(self._FIND + """
const win = composeWindow(arguments[0]);
const started = performance.now();
win.goDoCommand("cmd_sendNow");
for (let locked = false; ; await sleep(5)) {
  if (win.closed) return (performance.now() - started) / 1000;
  locked ||= win.gWindowLocked;
  if (locked && !win.gWindowLocked) return (performance.now() - started) / 1000;
  if (performance.now() - started > 25000) throw new Error("the add-on did not answer the send");
}
""", window)

    def draft(self, window: int) -> dict:
        """What the compose window holds: subject, body as text, and whether it can be edited."""
        return self.run(self._FIND + """
const win = composeWindow(arguments[0]);
if (!win) return null;
const editor = win.GetCurrentEditor();
return {
  subject: win.document.getElementById("msgSubject").value,
  text: editor.outputToString("text/plain", Ci.nsIDocumentEncoder.OutputLFLineBreak),
  html: win.IsHTMLEditor() ? editor.outputToString("text/html", 0) : null,
  locked: win.gWindowLocked,
  readOnly: Boolean(editor.flags & Ci.nsIEditor.eEditorReadonlyMask),
  sendEnabled: win.isCommandEnabled ? win.isCommandEnabled("cmd_sendNow") : !win.document.getElementById("button-send").disabled,
};
""", window)

    def type_over(self, window: int, text: str) -> None:
        """Select the whole body and type ``text``, as a user would."""
        self.run(self._FIND + """
const editor = composeWindow(arguments[0]).GetCurrentEditor();
editor.selectAll();
editor.insertText(arguments[1]);
""", window, text)

    def popup(self, timeout: float = 20) -> dict:
        """The add-on's window, once its page has filled in: title, intro, rows, visible buttons."""
        return self.run("""
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const started = Date.now(); Date.now() - started < arguments[0] * 1000; await sleep(20)) {
  for (const win of Services.wm.getEnumerator("mail:extensionPopup")) {
    const doc = win.document.getElementById("requestFrame")?.contentDocument;
    const title = doc?.getElementById("title");
    if (!title) continue;
    const rows = [...doc.querySelectorAll("#findings tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent));
    // Filled in: either findings are listed or the title says why not.
    if (rows.length || title.textContent !== "Message not sent: vague promises") {
      return {title: title.textContent, intro: doc.getElementById("intro").textContent, rows,
              buttons: [...doc.querySelectorAll("button")].filter((b) => !b.hidden).map((b) => b.id)};
    }
  }
}
return null;
""", timeout, timeout=timeout + 5)

    def click(self, button: str) -> None:
        """Click a button in the add-on's window and wait until the window closes or the page answers."""
        self.run("""
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const win = [...Services.wm.getEnumerator("mail:extensionPopup")][0];
const doc = win.document.getElementById("requestFrame").contentDocument;
const intro = doc.getElementById("intro").textContent;
doc.getElementById(arguments[0]).click();
for (const started = Date.now(); Date.now() - started < 20000; await sleep(20)) {
  if (win.closed || doc.getElementById("intro").textContent !== intro) return;
}
throw new Error("the add-on's window did not react to " + arguments[0]);
""", button)

    def popups_closed(self, timeout: float = 10) -> bool:
        """True once no deadlint window is open (False after ``timeout``)."""
        return self.run("""
for (const started = Date.now(); Date.now() - started < arguments[0] * 1000; await new Promise((r) => setTimeout(r, 20))) {
  if (![...Services.wm.getEnumerator("mail:extensionPopup")].length) return true;
}
return false;
""", timeout, timeout=timeout + 5)

    def close_popups(self) -> None:
        self.client.execute_script(
            "for (const win of Services.wm.getEnumerator('mail:extensionPopup')) win.close();")

    def close_compose_windows(self) -> None:
        self.client.execute_script(
            "for (const win of Services.wm.getEnumerator('msgcompose')) { win.gContentChanged = false;"
            " win.gMsgCompose.bodyModified = false; win.close(); }")

    def console(self) -> list[str]:
        """Messages in the Error Console, where Thunderbird puts a native host's stderr."""
        return self.client.execute_script(
            "return Services.console.getMessageArray().map((m) => m.message || String(m));")

    def close(self) -> None:
        try:
            self.client.execute_script("Services.startup.quit(Ci.nsIAppStartup.eForceQuit);")
        except Exception:  # noqa: BLE001 -- the connection drops as it quits
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
