/* The window background.js opens when deadlint stops a send (or could not check). */
"use strict";

const tabId = Number(new URLSearchParams(location.search).get("tab"));

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text || ""; // textContent: the draft's words are never parsed as HTML
  if (className) {
    td.className = className;
  }
}

async function show() {
  const background = await browser.runtime.getBackgroundPage();
  const state = background.deadlintBlocked(tabId) || { error: "nothing to show for this draft" };
  const close = async () => browser.windows.remove((await browser.windows.getCurrent()).id);
  document.getElementById("edit").addEventListener("click", close);
  if (state.error) {
    document.getElementById("title").textContent = "deadlint could not check this message";
    document.getElementById("intro").textContent =
      `${state.error}${state.sent ? " (the message was sent unchecked)" : ""}`;
    document.getElementById("findings").hidden = true;
    document.getElementById("send-anyway").hidden = true;
    document.getElementById("edit").textContent = "Close";
    return;
  }
  const body = document.querySelector("#findings tbody");
  for (const finding of state.findings) {
    const row = body.insertRow();
    cell(row, String(finding.line));
    cell(row, `“${finding.match}”`, "match");
    cell(row, `${finding.message} [${finding.rule}]`);
    cell(row, finding.suggestion, "suggestion");
  }
  document.getElementById("truncated").hidden = !state.truncated;
  document.getElementById("send-anyway").addEventListener("click", async () => {
    // Lets the next Send of this draft through unchecked; the user presses Send again.
    background.deadlintAllowOnce(tabId);
    document.getElementById("intro").textContent = "Press Send again in the draft to send it as it is.";
    document.getElementById("send-anyway").disabled = true;
  });
}

show();
