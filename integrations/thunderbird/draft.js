/* The text of a compose window that deadlint checks, and the way back from a
 * finding in that text to the subject, the plain-text body or the HTML text
 * node it came from, so that suggestions can be written into the draft.
 *
 * Loaded before background.js (manifest.json), which uses readDraft, placeOf
 * and applyReplacements.
 */
"use strict";

// Quoted history and the signature are not the sender's words this time.
const NOT_AUTHORED = "blockquote[type=cite], .moz-signature, .moz-cite-prefix, script, style";
// Elements that end a line of text (what a reader sees as a new line).
const LINE_ENDING = new Set(["P", "DIV", "LI", "TR", "H1", "H2", "H3", "H4", "H5", "H6", "PRE", "BLOCKQUOTE"]);

/* {text, pieces, doc, fields, subjectLines}: `text` is what deadlint checks
 * (the subject and a blank line, its first `subjectLines` lines, then the
 * body); each piece maps [start, end) of it to a place that can be read and
 * written (get/set). */
function readDraft(details) {
  const fields = { subject: details.subject || "", plainTextBody: details.plainTextBody || "" };
  const pieces = [];
  let text = "";
  const add = (value, place) => {
    if (place) {
      pieces.push({ start: text.length, end: text.length + value.length, ...place });
    }
    text += value;
  };
  const field = (name) => ({ get: () => fields[name], set: (value) => { fields[name] = value; }, field: name });
  if (fields.subject) {
    add(fields.subject, field("subject")); // a vague subject ("Fix coming ASAP") is a promise too
    add("\n\n");
  }
  let doc = null;
  if (details.isPlainText || !details.body) {
    add(fields.plainTextBody, field("plainTextBody")); // deadlint skips "> " quotes itself
  } else {
    doc = new DOMParser().parseFromString(details.body, "text/html");
    const walk = (parent) => {
      for (const node of parent.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          add(node.nodeValue, { get: () => node.nodeValue, set: (value) => { node.nodeValue = value; }, field: "body" });
        } else if (node.nodeType === Node.ELEMENT_NODE && !node.matches(NOT_AUTHORED)) {
          if (node.tagName === "BR") {
            add("\n");
            continue;
          }
          walk(node);
          if (LINE_ENDING.has(node.tagName)) {
            add("\n");
          }
        }
      }
    };
    if (doc.body) {
      walk(doc.body);
    }
  }
  return { text, pieces, doc, fields, subjectLines: fields.subject ? 2 : 0 };
}

/* Where a finding is, as the user sees the draft: "subject" or "line N" of the body. */
function placeOf(draft, finding) {
  return finding.line <= draft.subjectLines ? "subject" : `line ${finding.line - draft.subjectLines}`;
}

/* Offset in a JS string of a 1-based line and column; deadlint counts columns
 * in code points, JS strings in UTF-16 units (an emoji is one and two). */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    offset = text.indexOf("\n", offset) + 1;
    if (offset === 0) {
      return -1;
    }
  }
  let points = 1;
  for (const char of text.slice(offset)) {
    if (points === column) {
      break;
    }
    offset += char.length;
    points++;
  }
  return offset;
}

/* Write each finding's replacement over its phrase in the draft. A phrase that
 * no longer reads the same (the draft changed), that spans two places (half of
 * it in bold), or that overlaps another is left for the user. Returns
 * {applied, changes}: the number written and the setComposeDetails argument. */
function applyReplacements(draft, findings) {
  const edits = [];
  for (const finding of findings) {
    if (finding.replacement == null) {
      continue;
    }
    const start = offsetOf(draft.text, finding.line, finding.column);
    const end = start + finding.match.length;
    const piece = draft.pieces.find((p) => p.start <= start && end <= p.end);
    if (start < 0 || !piece || draft.text.slice(start, end) !== finding.match) {
      continue;
    }
    edits.push({ start, end, piece, replacement: finding.replacement });
  }
  // Right to left, so that each edit leaves the offsets of the ones before it valid.
  edits.sort((a, b) => b.start - a.start);
  const changed = new Set();
  let applied = 0;
  let limit = Infinity;
  for (const { start, end, piece, replacement } of edits) {
    if (end > limit) {
      continue; // overlaps an edit already made
    }
    limit = start;
    const value = piece.get();
    piece.set(value.slice(0, start - piece.start) + replacement + value.slice(end - piece.start));
    changed.add(piece.field);
    applied++;
  }
  const changes = {};
  if (changed.has("subject")) {
    changes.subject = draft.fields.subject;
  }
  if (changed.has("plainTextBody")) {
    changes.plainTextBody = draft.fields.plainTextBody;
  }
  if (changed.has("body")) {
    changes.body = `<!DOCTYPE html>\n${draft.doc.documentElement.outerHTML}`;
  }
  return { applied, changes };
}
