/* The window background.js opens when deadlint stops a send (or could not check). */
"use strict";

const stateKey = Number(new URLSearchParams(location.search).get("state"));
const byId = (id) => document.getElementById(id);

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text || ""; // textContent: the draft's words are never parsed as HTML
  if (className) {
    td.className = className;
  }
}

async function closeWindow() {
  await browser.windows.remove((await browser.windows.getCurrent()).id);
}

function showError(state) {
  byId("title").textContent = "deadlint could not check this message";
  const parts = [`${state.error.replace(/\.$/, "")}.`];
  if (state.sent) {
    parts.push("The message was sent unchecked.");
  }
  if (state.hint) {
    parts.push(state.hint);
  }
  byId("intro").textContent = parts.join(" ");
  byId("findings").hidden = true;
  byId("apply").hidden = true;
  byId("send-anyway").hidden = true;
  byId("edit").textContent = "Close";
}

function showFindings(state, background) {
  const body = document.querySelector("#findings tbody");
  for (const finding of state.findings) {
    const row = body.insertRow();
    cell(row, finding.place);
    cell(row, `“${finding.match}”`, "match");
    cell(row, `${finding.message} [${finding.rule}]`);
    cell(row, finding.suggestion, "suggestion");
  }
  byId("truncated").hidden = !state.truncated;
  const fixable = state.findings.filter((finding) => finding.replacement != null).length;
  byId("apply").hidden = fixable === 0;
  byId("apply").textContent = fixable === 1 ? "Apply the suggestion" : `Apply ${fixable} suggestions`;
  byId("apply").addEventListener("click", async () => {
    byId("apply").disabled = true;
    try {
      const { applied, left } = await background.deadlintApply(state.tabId);
      if (left === 0) {
        await closeWindow(); // back to the draft, to review it and press Send
        return;
      }
      byId("intro").textContent =
        `Applied ${applied} suggestion${applied === 1 ? "" : "s"}; ${left} need${left === 1 ? "s" : ""} ` +
        "your own words. Edit the draft, then press Send again.";
    } catch (error) {
      byId("intro").textContent = `Could not apply the suggestions: ${error.message}`;
      byId("apply").disabled = false;
    }
  });
  byId("send-anyway").addEventListener("click", async () => {
    background.deadlintSendAnyway(state.tabId);
    await closeWindow();
  });
}

async function show() {
  const background = await browser.runtime.getBackgroundPage();
  const state = background.deadlintTakeState(stateKey) || { error: "nothing to show for this draft" };
  byId("edit").addEventListener("click", closeWindow);
  if (state.error) {
    showError(state);
  } else {
    showFindings(state, background);
    // So that the window closes when its draft is sent, closed or checked again.
    background.deadlintFindingsWindow(state.tabId, (await browser.windows.getCurrent()).id);
  }
}

show();
