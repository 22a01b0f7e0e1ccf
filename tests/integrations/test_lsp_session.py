"""`deadlint lsp` in a real session: a subprocess spoken to in JSON-RPC over stdio.

The client below frames messages itself (Content-Length headers), as an editor
does, so the test covers the wire format and not only pygls' own handlers.
Every wait is bounded; a hung server fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("pygls")

TIMEOUT = 60  # seconds; the first lint loads the language models

DRAFT = "Hei,\n\nKiitos 👋 korjaamme vian mahdollisimman pian.\n\nTerveisin\nTuki\n"
CLEAN = "Hei,\n\nKorjaamme vian maanantaina klo 12 mennessä.\n"
MESSAGE = (
    "From: tuki@example.fi\r\nTo: asiakas@example.com\r\nSubject: Vika\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hei,\r\n\r\nKorjaamme vian mahdollisimman pian.\r\n\r\n> Voitteko korjata ASAP?\r\n"
)


class Client:
    """A minimal LSP client: framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, args: list[str]):
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not line:
                return
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None):
        self.next_id += 1
        request_id = self.next_id
        self.send({"id": request_id, "method": method, "params": params})
        message = self.wait(lambda m: m.get("id") == request_id and "method" not in m)
        assert "error" not in message, message["error"]
        return message["result"]

    def wait(self, wanted, timeout: float = TIMEOUT) -> dict:
        """The next message ``wanted`` accepts; requests from the server are answered on the way."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no matching message within {timeout}s") from None
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri: str) -> list[dict]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri)
        return message["params"]["diagnostics"]


def open_document(client: Client, uri: str, language_id: str, text: str) -> None:
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}})


def apply(text: str, edit: dict) -> str:
    """Apply one TextEdit whose range lies on one line (UTF-16 columns)."""
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start["line"] == end["line"]
    units = lines[start["line"]].encode("utf-16-le")
    lines[start["line"]] = (units[: 2 * start["character"]].decode("utf-16-le") + edit["newText"]
                            + units[2 * end["character"]:].decode("utf-16-le"))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def client():
    client = Client([sys.executable, "-m", "deadlint", "lsp"])
    result = client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    capabilities = result["capabilities"]
    assert capabilities["textDocumentSync"]["change"] == 1  # full
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    client.notify("initialized", {})
    yield client
    if client.process.poll() is None:
        client.process.kill()
        client.process.wait(timeout=10)


def test_finnish_draft_gets_a_diagnostic_and_a_quick_fix(client):
    uri = "file:///drafts/vastaus.txt"
    open_document(client, uri, "plaintext", DRAFT)
    [diagnostic] = client.diagnostics(uri)

    # "Kiitos " (7) + 👋 (2 UTF-16 units) + " korjaamme vian " (16)
    assert diagnostic["range"] == {"start": {"line": 2, "character": 25}, "end": {"line": 2, "character": 44}}
    assert diagnostic["code"] == "vague-deadline"
    assert diagnostic["severity"] == 2  # Warning
    assert diagnostic["source"] == "deadlint"
    assert "mahdollisimman pian" in diagnostic["message"]
    assert "\nsuggestion: " in diagnostic["message"]

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]},
    })
    [action] = actions
    assert action["kind"] == "quickfix"
    [edit] = action["edit"]["changes"][uri]
    assert edit["range"] == diagnostic["range"]
    suggestion = diagnostic["message"].split("\nsuggestion: ", 1)[1]
    assert edit["newText"] == suggestion

    # The editor applies the fix and sends the whole text back: nothing left to flag.
    fixed = apply(DRAFT, edit)
    assert "mahdollisimman pian" not in fixed and suggestion in fixed
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": fixed}]})
    assert client.diagnostics(uri) == []


def test_change_to_a_clean_text_clears_diagnostics_and_actions(client):
    uri = "file:///drafts/clean.md"
    open_document(client, uri, "markdown", "Korjaamme vian **ASAP**.\n")
    [diagnostic] = client.diagnostics(uri)
    assert diagnostic["range"]["start"] == {"line": 0, "character": 17}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": CLEAN}]})
    assert client.diagnostics(uri) == []
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": []},
    })
    assert not actions


def test_save_relints_and_close_clears(client):
    uri = "file:///drafts/saved.txt"
    open_document(client, uri, "plaintext", "Vastaamme så snart som möjligt.\n")
    assert len(client.diagnostics(uri)) == 1
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert len(client.diagnostics(uri)) == 1
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


def test_email_buffer_is_read_as_a_message(client):
    uri = "file:///outbox/reply.eml"
    open_document(client, uri, "plaintext", MESSAGE)
    # The body's phrase on its buffer line; the quoted "ASAP" is the customer's, not flagged.
    [diagnostic] = client.diagnostics(uri)
    assert diagnostic["range"] == {"start": {"line": 7, "character": 15}, "end": {"line": 7, "character": 34}}
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]},
    })
    assert len(actions) == 1


def test_other_languages_are_left_alone(client):
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": "file:///src/app.py", "languageId": "python", "version": 1, "text": "# fix ASAP\n"}})
    open_document(client, "file:///drafts/after.txt", "plaintext", "ASAP\n")
    # Notifications arrive in order: the first published is the text draft's.
    message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert message["params"]["uri"] == "file:///drafts/after.txt"


def test_shutdown_and_exit(client):
    assert client.request("shutdown") is None
    client.notify("exit")
    assert client.process.wait(timeout=TIMEOUT) == 0
