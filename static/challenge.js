// The challenge page: editor, autosave (browser at once, server debounced), Run / Submit with the
// queue position, hints, give up, line links into the editor, previous submissions.
import { $, el, setBusy as disable, setupEditor, storage, onGradeKeys, onLineLinks } from "./dom.js";
import { followAttempt, gradeLoop, loadFragment, readResponse } from "./api.js";

const DRAFT_DEBOUNCE_MS = 800;

const data = JSON.parse($("challenge-data").textContent);
const textarea = $("code");
const form = $("code-form");
const results = $("results");
const saveStatus = $("save-status");
const keymapSelect = $("keymap-select");
const draftKey = "arraydojo.draft." + data.id;
const challengeUrl = "/challenges/" + encodeURIComponent(data.id);
let editor = null;
let saveTimer = null;

function readLocal() {
  try { return JSON.parse(storage("get", draftKey) || "null"); } catch (e) { return null; }
}

function getCode() { return editor ? editor.getCode() : textarea.value; }

function setCode(code) {
  if (editor) editor.setCode(code);
  else { textarea.value = code; onEdit(code); }
}

function setSaveStatus(text) { saveStatus.textContent = text; }

// Every edit goes to localStorage at once (marked dirty until the server has it), then to the
// server after a pause. A reload with a dirty local copy means the server never got it: use it.
function onEdit(code) {
  storage("set", draftKey, JSON.stringify({ code, dirty: true, at: Date.now() }));
  setSaveStatus("Saved in this browser…");
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveToServer, DRAFT_DEBOUNCE_MS);
}

function saveToServer(options) {
  clearTimeout(saveTimer);
  const code = getCode();
  return fetch("/api/drafts/" + encodeURIComponent(data.id), {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
    keepalive: Boolean(options && options.keepalive),
  }).then((response) => {
    if (!response.ok) {
      return response.json().then((body) => { throw new Error(body.error ? body.error.message : response.status); });
    }
    const local = readLocal();
    if (local && local.code === code) storage("set", draftKey, JSON.stringify({ code, dirty: false, at: local.at }));
    setSaveStatus("Draft saved");
    return undefined;
  }).catch((error) => {
    setSaveStatus("Saved in this browser; the server copy failed (" + error.message + "), retrying");
    saveTimer = setTimeout(saveToServer, 5000);
  });
}

function restoreDraft() {
  const local = readLocal();
  if (local && local.dirty && typeof local.code === "string" && local.code !== textarea.value) {
    textarea.value = local.code;
    setSaveStatus("Restored unsaved changes from this browser");
    saveTimer = setTimeout(saveToServer, 0);
  } else if (!local || local.code !== textarea.value) {
    storage("set", draftKey, JSON.stringify({ code: textarea.value, dirty: false, at: Date.now() }));
  }
}

// Run posts to the page's own route, which answers with the results fragment. Submit answers at once
// with the attempt's id; its parts (tests and verdict, then the rubric, then timing) stream in.
function send(mode, ticket) {
  const url = mode === "submit" ? "/api/challenges/" + encodeURIComponent(data.id) + "/submissions" : challengeUrl + "/run";
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Fragment": "results", "X-Grade-Ticket": ticket },
    body: JSON.stringify({ code: getCode() }),
  });
}

function afterResults(verdict) {
  loadFragment(challengeUrl + "/submissions", $("submissions-body"));
  if (verdict === "accepted") loadFragment(challengeUrl + "/reference", $("reference-body"));
}

function showError(message) {
  results.replaceChildren(el("p", { class: "error-message", role: "alert", text: message }));
}

function followSubmit(eventsUrl) {
  results.setAttribute("aria-busy", "true");
  return followAttempt(eventsUrl, (progress) => {
    if (progress.html) results.innerHTML = progress.html; // rendered on the server from escaped templates
  }).then((last) => {
    results.setAttribute("aria-busy", "false");
    return last;
  });
}

function streamSubmit(response) {
  return readResponse(response).then((started) => followSubmit(started.events).then((last) => {
    if (last === null) {
      window.setTimeout(() => grade("submit"), 1000); // no slot took it: send it again
      return;
    }
    afterResults(last.verdict);
  }), (error) => showError(error.message));
}

const grading = gradeLoop({
  send,
  queueNode: $("queue-status"),
  setBusy: (value) => {
    disable([$("run-button"), $("submit-button")], value);
    form.setAttribute("aria-busy", value ? "true" : "false");
  },
  onResponse: (mode, response) => {
    const local = readLocal();
    if (local && local.dirty) saveToServer();
    if (mode === "submit") return streamSubmit(response);
    return response.text().then((html) => {
      results.innerHTML = html; // rendered on the server from escaped templates
    });
  },
  onFailure: (error) => {
    $("queue-status").textContent = "Could not reach the server (" + error.message + "). Your code is saved in this browser; try again.";
  },
});
const grade = grading.grade;

// Your own input: parsed and run in the sandbox beside the reference; the answer is plain data,
// shown with textContent only.
const customKey = "arraydojo.custom." + data.id;
const customBox = $("custom-input");
const customArguments = $("custom-arguments");
const customResult = $("custom-result");
let customBusy = false;

function customRow(term, text, className) {
  return [el("dt", { text: term }), el("dd", className ? { class: className } : {}, [el("pre", { text: text })])];
}

function showCustom(result) {
  const rows = [].concat(
    customRow("input", result.arguments),
    result.yours !== null ? customRow("yours", result.yours) : [],
    result.error ? customRow("your error", result.error, "custom-error") : [],
    result.reference !== null ? customRow("reference", result.reference) : [],
  );
  const verdict = result.input_error ? "custom-unreadable" : result.matches === true ? "custom-match"
    : result.matches === false ? "custom-mismatch" : "custom-unknown";
  const mark = result.matches === true ? "✓ " : result.matches === false ? "✗ " : "";
  customResult.replaceChildren(
    el("p", { class: "custom-verdict " + verdict, text: mark + result.message }),
    result.input_error ? el("p", { class: "custom-error", text: result.input_error }) : null,
    result.input_error ? null : el("dl", { class: "test-io" }, rows),
  );
}

function runCustom() {
  const text = customArguments.value;
  if (customBusy || !text.trim()) return Promise.resolve();
  customBusy = true;
  $("custom-run-button").disabled = true;
  customResult.replaceChildren(el("p", { class: "muted", text: "Running your function and the reference on your input…" }));
  return fetch("/api/challenges/" + encodeURIComponent(data.id) + "/try", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: getCode(), arguments: text }),
  }).then(readResponse).then(showCustom, (error) => {
    customResult.replaceChildren(el("p", { class: "custom-error", role: "alert", text: error.message }));
  }).finally(() => {
    customBusy = false;
    $("custom-run-button").disabled = false;
  });
}

function wireCustom() {
  const saved = storage("get", customKey);
  if (saved) {
    customArguments.value = saved;
    customBox.open = true;
  }
  customArguments.addEventListener("input", () => storage("set", customKey, customArguments.value));
  $("custom-run-button").addEventListener("click", runCustom);
}

function gradeWithCustom(mode) {
  grade(mode);
  if (mode === "run" && customBox.open && customArguments.value.trim()) runCustom();
}

function postFragment(url, target) {
  return fetch(url, { method: "POST", headers: { "X-Fragment": "1" } }).then((response) =>
    response.text().then((html) => { target.innerHTML = html; return response.ok; }));
}

function startEditor() {
  const keymap = storage("get", "arraydojo.keymap") || "default";
  keymapSelect.value = keymap;
  // Line wrapping is remembered; until chosen, narrow screens wrap (a cut-off line hides code).
  const wrapToggle = $("wrap-toggle");
  const savedWrap = storage("get", "arraydojo.wrap");
  const wrap = savedWrap === null ? window.matchMedia("(max-width: 600px)").matches : savedWrap === "on";
  wrapToggle.checked = wrap;
  editor = setupEditor(textarea, {
    keymap,
    lineWrapping: wrap,
    completeOnTyping: true, // NumPy names and the code's own names, as one types

    label: "Your solution (Python). Press Escape then Tab to leave the editor.",
    onChange: onEdit,
    onRun: () => gradeWithCustom("run"),
    onSubmit: () => grade("submit"),
  });
  if (!editor) { keymapSelect.disabled = true; wrapToggle.disabled = true; }
  wrapToggle.addEventListener("change", () => {
    storage("set", "arraydojo.wrap", wrapToggle.checked ? "on" : "off");
    if (editor) editor.setLineWrapping(wrapToggle.checked);
  });
  keymapSelect.addEventListener("change", () => {
    storage("set", "arraydojo.keymap", keymapSelect.value);
    if (editor) { editor.setKeymap(keymapSelect.value); editor.focus(); }
  });
}

function wire() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    gradeWithCustom(submitter && submitter.id === "submit-button" ? "submit" : "run");
  });

  $("reset-button").addEventListener("click", () => {
    setCode(data.starter);
    setSaveStatus("Reset to the starter code (Ctrl+Z undoes it)");
    if (editor) editor.focus();
  });

  onGradeKeys(gradeWithCustom);
  wireCustom();
  onLineLinks(results, () => editor);

  $("hints").addEventListener("submit", (event) => {
    if (event.target.id !== "hint-form") return;
    event.preventDefault();
    const body = $("hints-body");
    postFragment(event.target.action, body).then(() => {
      const hints = body.querySelectorAll(".hint");
      if (hints.length) {
        const last = hints[hints.length - 1];
        last.setAttribute("tabindex", "-1");
        last.focus();
      }
    });
  });

  $("reference").addEventListener("submit", (event) => {
    if (event.target.id !== "give-up-form") return;
    event.preventDefault();
    if (!window.confirm("Give up and show the reference solution? You can keep working on your own code afterwards.")) return;
    postFragment(event.target.action, $("reference-body"));
  });

  // A past submission's report loads when it is opened, rendered as a fresh one is.
  $("submissions").addEventListener("toggle", (event) => {
    const details = event.target;
    const report = details.open && details.querySelector(".submission-report");
    if (!report || report.getAttribute("data-loaded")) return;
    report.setAttribute("data-loaded", "1");
    loadFragment(report.getAttribute("data-src"), report);
  }, true);
  onLineLinks($("submissions"), () => editor);

  $("submissions").addEventListener("submit", (event) => {
    if (event.target.id !== "diff-form") return;
    event.preventDefault();
    const url = event.target.action + "?old=" + encodeURIComponent($("diff-old").value) + "&new=" + encodeURIComponent($("diff-new").value);
    loadFragment(url, $("diff-body"));
  });

  $("submissions").addEventListener("click", (event) => {
    const button = event.target.closest(".load-code");
    if (!button) return;
    const code = button.closest("details").querySelector(".submission-code code").textContent;
    setCode(code);
    setSaveStatus("Loaded submission #" + button.getAttribute("data-submission") + " (Ctrl+Z undoes it)");
    if (editor) editor.focus();
  });

  window.addEventListener("pagehide", () => {
    const local = readLocal();
    if (local && local.dirty) saveToServer({ keepalive: true });
  });
  document.addEventListener("visibilitychange", () => {
    const local = readLocal();
    if (document.visibilityState === "hidden" && local && local.dirty) saveToServer({ keepalive: true });
  });
}

// A reload while a submit is still grading picks its stream up again where the stored parts are.
function resumeGrading() {
  const grading = results.querySelector(".results.is-grading[data-attempt]");
  if (!grading) return;
  followSubmit("/api/submissions/" + grading.getAttribute("data-attempt") + "/events").then((last) => {
    if (last) afterResults(last.verdict);
  }).catch(() => { /* the panel keeps what it showed; a reload tries again */ });
}

restoreDraft();
startEditor();
wire();
resumeGrading();
