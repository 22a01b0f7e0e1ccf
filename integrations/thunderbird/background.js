/* deadlint for Thunderbird: check every outgoing message before it is sent.
 *
 * compose.onBeforeSend hands us the draft; we ask `deadlint native-host`
 * (installed by `deadlint hook install thunderbird`) for findings over native
 * messaging. Findings cancel the send and open blocked.html, which lists them
 * and offers to apply the suggested deadlines to the draft, to send it anyway,
 * or to go back to it.
 */
"use strict";

const HOST = "deadlint"; // the native host manifest's "name"
// The host loads its language models when it starts (a second or two, while
// Thunderbird starts); later checks take milliseconds.
const TIMEOUT_MS = 20000;
const INSTALL_HINT = "If deadlint is not installed for this user, run `deadlint hook install thunderbird`; " +
  "the next message starts the host again.";

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

function check(text) {
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
    port.postMessage({ id, text });
  });
}

// What each blocked.html window is to show, until it takes it; and drafts
// (compose tab ids) to let through once.
const popupStates = new Map();
let nextPopup = 1;
const allowOnce = new Set();

/* Open the popup and return at once. Never await it: windows.create resolves
 * only when the new window has focus, and the compose window stays locked
 * (Send greyed out, the draft read-only) until onBeforeSend returns. Headless,
 * or on a desktop that does not focus new windows, that would be never. */
function showBlocked(tabId, state) {
  // Keyed by window, not by draft: a draft sent unchecked is gone before its window asks.
  const key = nextPopup++;
  popupStates.set(key, { tabId, ...state });
  browser.windows.create({ url: `blocked.html?state=${key}`, type: "popup", width: 680, height: 440 })
    .catch((error) => console.error("deadlint: could not open its window", error));
}

// The findings window of each draft (compose tab id -> window id, as blocked.js
// reports it): closed when the draft is checked again, sent or closed, so no
// window lists findings of a draft that is gone or has changed.
const findingsWindows = new Map();

function closeFindingsWindow(tabId) {
  const windowId = findingsWindows.get(tabId);
  findingsWindows.delete(tabId);
  if (windowId !== undefined) {
    browser.windows.remove(windowId).catch(() => {}); // the user closed it already
  }
}

// Called from blocked.js through runtime.getBackgroundPage().
window.deadlintFindingsWindow = (tabId, windowId) => findingsWindows.set(tabId, windowId);
window.deadlintTakeState = (key) => {
  const state = popupStates.get(key);
  popupStates.delete(key);
  return state;
};

window.deadlintSendAnyway = (tabId) => {
  allowOnce.add(tabId);
  messenger.compose.sendMessage(tabId).catch((error) => {
    allowOnce.delete(tabId); // not sent (no connection, a bad address): the next Send is checked again
    console.error("deadlint: sending anyway failed", error);
  });
};

/* Write the suggested deadlines into the draft as it is now (the user may have
 * edited it since the send was stopped): read it again, check it again, apply.
 * Returns {applied, left}: replacements written and findings still open. */
window.deadlintApply = async (tabId) => {
  const draft = readDraft(await messenger.compose.getComposeDetails(tabId));
  const reply = await check(draft.text);
  if (reply.error) {
    throw new Error(reply.error);
  }
  const { applied, changes } = applyReplacements(draft, reply.findings);
  if (applied > 0) {
    await messenger.compose.setComposeDetails(tabId, changes);
  }
  return { applied, left: reply.summary.findings - applied };
};

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  closeFindingsWindow(tab.id);
  if (allowOnce.delete(tab.id)) {
    return {}; // the user chose "Send anyway"
  }
  const draft = readDraft(details);
  let reply;
  try {
    reply = await check(draft.text);
  } catch (error) {
    // A broken installation must not stop all mail: send, and say why it was not checked.
    showBlocked(tab.id, { error: error.message, hint: INSTALL_HINT, sent: true });
    return {};
  }
  if (reply.error) {
    showBlocked(tab.id, { error: reply.error, sent: true });
    return {};
  }
  // The summary counts every finding, even when a huge reply had to be cut.
  if (reply.summary.findings > 0) {
    const findings = reply.findings.map((finding) => ({ ...finding, place: placeOf(draft, finding) }));
    showBlocked(tab.id, { findings, summary: reply.summary, truncated: !!reply.truncated });
    return { cancel: true };
  }
  return {};
});

messenger.tabs.onRemoved.addListener((tabId) => {
  allowOnce.delete(tabId);
  closeFindingsWindow(tabId);
});

// Start the host now, so its models load while the user writes and the first
// Send is answered as fast as the rest. A missing host is reported at Send.
connect();
