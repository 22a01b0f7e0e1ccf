/* deadlint for Thunderbird: check every outgoing message before it is sent.
 *
 * compose.onBeforeSend hands us the draft; we ask `deadlint native-host`
 * (installed by `deadlint hook install thunderbird`) for findings over native
 * messaging. Findings cancel the send and open blocked.html, which lists them
 * and offers "Send anyway" for that one draft.
 */
"use strict";

const HOST = "deadlint"; // the native host manifest's "name"
// The host loads its language models on first use (a second or two); later
// checks take milliseconds.
const TIMEOUT_MS = 20000;

// One long-lived port rather than runtime.sendNativeMessage: that would start
// a new host process, and pay the model loading again, for every send.
let port = null;
let nextId = 1;
const pending = new Map(); // request id -> {resolve, reject, timer}

function connect() {
  port = browser.runtime.connectNative(HOST);
  port.onMessage.addListener((reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) {
      console.warn("deadlint: reply to no request", reply);
      return;
    }
    pending.delete(reply.id);
    clearTimeout(waiter.timer);
    waiter.resolve(reply);
  });
  port.onDisconnect.addListener((gone) => {
    const reason = (gone.error && gone.error.message) || "the deadlint native host stopped";
    port = null; // the next check starts a new host
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    pending.clear();
  });
}

function check(request) {
  if (!port) {
    connect();
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error("deadlint did not answer in time"));
    }, TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    port.postMessage({ id, ...request });
  });
}

// The text the sender wrote: the plain-text body, or the HTML body without
// quoted history and signature (deadlint strips "> " quotes itself).
function draftText(details) {
  let body = details.plainTextBody || "";
  if (!details.isPlainText && details.body) {
    const doc = new DOMParser().parseFromString(details.body, "text/html");
    doc.querySelectorAll("blockquote[type=cite], .moz-signature, .moz-cite-prefix")
      .forEach((node) => node.remove());
    doc.querySelectorAll("br").forEach((node) => node.replaceWith("\n"));
    doc.querySelectorAll("p, div, li, tr, h1, h2, h3, h4").forEach((node) => node.append("\n"));
    body = doc.body ? doc.body.textContent : body;
  }
  // A vague subject ("Fix coming ASAP") is a promise too.
  return details.subject ? `${details.subject}\n\n${body}` : body;
}

// What blocked.html shows, by compose tab id; and drafts to let through once.
const blocked = new Map();
const allowOnce = new Set();

// Called from blocked.js through runtime.getBackgroundPage().
window.deadlintBlocked = (tabId) => blocked.get(tabId);
window.deadlintAllowOnce = (tabId) => {
  allowOnce.add(tabId);
  blocked.delete(tabId);
};

async function showBlocked(tab, state) {
  blocked.set(tab.id, state);
  await browser.windows.create({
    url: `blocked.html?tab=${tab.id}`,
    type: "popup",
    width: 640,
    height: 420,
  });
}

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  if (allowOnce.delete(tab.id)) {
    return {}; // the user chose "Send anyway"
  }
  let reply;
  try {
    reply = await check({ text: draftText(details) });
  } catch (error) {
    // A broken installation must not stop all mail: send, and say why it was not checked.
    await showBlocked(tab, { error: error.message, sent: true });
    return {};
  }
  if (reply.error) {
    await showBlocked(tab, { error: reply.error, sent: true });
    return {};
  }
  // The summary counts every finding, even when a huge reply had to be cut.
  if (reply.summary.findings > 0) {
    await showBlocked(tab, { findings: reply.findings, summary: reply.summary, truncated: !!reply.truncated });
    return { cancel: true };
  }
  return {};
});

messenger.tabs.onRemoved.addListener((tabId) => {
  blocked.delete(tabId);
  allowOnce.delete(tabId);
});
