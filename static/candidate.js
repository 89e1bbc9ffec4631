// The candidate's room: waiting room, the session's challenges in the editor, Run / Submit, the
// server's countdown, follow-ups as they arrive, debounced snapshots, and the lock at the end.
import { $, el, clockTime, setBusy as disable, setupEditor, onGradeKeys, onLineLinks } from "./dom.js";
import { gradeLoop, readResponse, sessionClient } from "./api.js";
import { Countdown, buildTabs, markTab, openRoom, showError } from "./session.js";

const SNAPSHOT_DEBOUNCE_MS = 300;
const S = sessionClient($("session-root").getAttribute("data-session"));

let state = null;
let current = null; // challenge id in the editor
const codes = {};
let editor = null;
const textarea = $("code");
let locked = false;
let switching = false;
let snapshotTimer = null;
const pending = {}; // challenge -> code not yet on the server
const seenFollowups = {};
const countdown = new Countdown($("countdown"), (clock) => lock(clock));

const grading = gradeLoop({
  send: (mode, ticket) => S.request("POST", "/" + mode, { challenge: current, code: getCode() }, { "X-Grade-Ticket": ticket }),
  queueNode: $("queue-status"),
  setBusy: (value) => disable([$("run-button"), $("submit-button")], value || locked),
  onResponse: (mode, response) => readResponse(response).then((result) => S.results(result.attempt_id, $("results")))
    .catch((error) => {
      $("queue-status").textContent = error.message;
      if (error.status === 409) refreshClock();
    }),
  onFailure: (error) => { $("queue-status").textContent = "Could not reach the server (" + error.message + "); try again."; },
});

function grade(mode) {
  if (locked || !current) return;
  grading.grade(mode);
}

function getCode() { return editor ? editor.getCode() : textarea.value; }

function load() {
  return S.api("GET", "").then((data) => {
    state = data;
    countdown.update(data.clock);
    $("session-title").textContent = data.candidate_name ? "Welcome, " + data.candidate_name : "Your mock interview";
    if (data.clock.status === "waiting") showWaiting();
    else showWorkspace();
    (data.followups || []).forEach(addFollowup);
    if (data.clock.status === "ended" || data.clock.status === "time_up") lock(data.clock);
  }).catch((error) => {
    showError(error.status === 401 || error.status === 404
      ? error.message + " Open the full candidate link you were sent (it ends with #…)."
      : "Could not load the session: " + error.message);
  });
}

function showWaiting() {
  $("waiting-room").hidden = false;
  $("workspace").hidden = true;
  const minutes = Math.round(state.clock.duration_seconds / 60);
  $("waiting-details").textContent = state.challenge_count + " challenge" + (state.challenge_count > 1 ? "s" : "") +
    " · " + (minutes ? minutes + " minutes" : Math.round(state.clock.duration_seconds) + " seconds") +
    " · hints " + (state.hints_allowed ? "allowed" : "off");
  $("candidate-start").hidden = !state.candidate_may_start;
  if (state.candidate_may_start) $("waiting-text").textContent = "Start when you are ready: the clock starts for both of you.";
}

function showWorkspace() {
  $("waiting-room").hidden = true;
  $("workspace").hidden = false;
  state.challenges.forEach((challenge) => {
    if (codes[challenge.id] === undefined) codes[challenge.id] = state.code[challenge.id] !== undefined ? state.code[challenge.id] : challenge.starter;
  });
  buildTabs(state.challenges, select).hidden = state.challenges.length < 2;
  if (!editor && !textarea.dataset.wired) {
    textarea.dataset.wired = "1";
    editor = setupEditor(textarea, {
      label: "Your solution (Python). Press Escape then Tab to leave the editor.",
      onChange: onEdit, onRun: () => grade("run"), onSubmit: () => grade("submit"),
    });
  }
  select(current || state.challenges[0].id);
}

function select(id) {
  if (current && editor) codes[current] = editor.getCode();
  current = id;
  const challenge = state.challenges.filter((c) => c.id === id)[0];
  markTab(id, false);
  $("challenge-title").textContent = challenge.title;
  const meta = $("challenge-meta");
  meta.textContent = "";
  meta.appendChild(el("span", { class: "badge difficulty-" + challenge.difficulty, text: challenge.difficulty }));
  $("challenge-signature").textContent = "def " + challenge.signature;
  $("challenge-statement").innerHTML = challenge.statement_html; // rendered on the server, raw HTML escaped
  switching = true;
  if (editor) editor.setCode(codes[id]);
  else textarea.value = codes[id];
  switching = false;
  showHints(challenge);
}

function showHints(challenge) {
  $("hints").hidden = !state.hints_allowed || !challenge.hint_count;
  const list = $("hint-list");
  list.textContent = "";
  ((state.hints || {})[challenge.id] || []).forEach((text, index) => {
    list.appendChild(el("li", { class: "hint" }, [el("span", { class: "hint-tier", text: "Hint " + (index + 1) }), el("p", { text })]));
  });
  $("hint-button").disabled = locked || list.children.length >= challenge.hint_count;
}

function onEdit(code) {
  if (switching || locked) return;
  codes[current] = code;
  pending[current] = code;
  $("save-status").textContent = "Saving…";
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(flush, SNAPSHOT_DEBOUNCE_MS);
}

function flush() {
  clearTimeout(snapshotTimer);
  const ids = Object.keys(pending);
  if (!ids.length) return Promise.resolve();
  const id = ids[0];
  const code = pending[id];
  delete pending[id];
  return S.api("POST", "/snapshots", { challenge: id, code }).then(() => {
    $("save-status").textContent = "Saved";
    if (Object.keys(pending).length) snapshotTimer = setTimeout(flush, SNAPSHOT_DEBOUNCE_MS);
  }).catch((error) => {
    if (pending[id] === undefined) pending[id] = code;
    if (error.status === 409) { delete pending[id]; return; }
    $("save-status").textContent = error.status === 429 ? "Saving in a moment…" : "Not saved yet (" + error.message + "), retrying";
    snapshotTimer = setTimeout(flush, error.status === 429 ? (error.retryAfter || 2) * 1000 : 2000);
  });
}

function refreshClock() {
  return S.api("GET", "").then((data) => {
    state.clock = data.clock;
    countdown.update(data.clock);
    if (data.clock.status === "ended" || data.clock.status === "time_up") lock(data.clock);
  });
}

function lock(clock) {
  if (locked || !state) return;
  if (clock && clock.status === "waiting") return;
  // The last keystrokes go out now: the server accepts them for a moment past the deadline.
  if (editor) codes[current] = editor.getCode();
  flush();
  locked = true;
  if (editor) editor.setReadOnly(true);
  else textarea.readOnly = true;
  disable([$("run-button"), $("submit-button"), $("hint-button")], true);
  const notice = $("locked-notice");
  notice.textContent = clock && clock.end_reason === "interviewer"
    ? "The interviewer ended the session. Your editor is locked; your last code is submitted for you."
    : "Time is up. Your editor is locked and your last code is submitted for you.";
  notice.hidden = false;
  document.body.classList.add("session-locked");
  $("workspace").setAttribute("data-locked", "true");
}

function addFollowup(event) {
  if (seenFollowups[event.id]) return;
  seenFollowups[event.id] = true;
  $("followups").hidden = false;
  const item = el("li", { class: "followup fresh", "data-id": String(event.id) }, [
    el("span", { class: "followup-time muted small", text: clockTime(event.at) }),
    el("p", { text: event.text }),
  ]);
  $("followup-list").appendChild(item);
  setTimeout(() => item.classList.remove("fresh"), 4000);
}

function onEvent(kind, data) {
  if (kind === "clock") {
    if (!state) return;
    const wasWaiting = state.clock.status === "waiting";
    state.clock = data;
    countdown.update(data);
    if (wasWaiting && data.status !== "waiting") load();
    if (data.status === "ended" || data.status === "time_up") lock(data);
  } else if (kind === "followup") {
    addFollowup(data);
  } else if (kind === "started" || kind === "extended" || kind === "ended") {
    refreshClock();
  }
}

function wire() {
  $("run-button").addEventListener("click", () => grade("run"));
  $("submit-button").addEventListener("click", () => grade("submit"));
  $("candidate-start").addEventListener("click", () => {
    S.api("POST", "/start").then(load).catch((error) => showError(error.message));
  });
  $("hint-button").addEventListener("click", () => {
    S.api("POST", "/hints", { challenge: current }).then((body) => {
      state.hints = state.hints || {};
      state.hints[current] = body.hints;
      showHints(state.challenges.filter((c) => c.id === current)[0]);
    }).catch((error) => showError(error.message));
  });
  onGradeKeys(grade);
  onLineLinks($("results"), () => editor);
  window.addEventListener("pagehide", () => { flush(); });
}

wire();
openRoom(S, { who: "candidate", load, lastEventId: () => (state ? state.last_event_id : 0), onEvent, liveText: "" });
