// The candidate's room: waiting room, the session's challenges in the shared editor (the interviewer
// may type too), Run / Submit of the server's text (a submit's parts stream in), the server's
// countdown, follow-ups as they arrive, presence, and the lock at the end. It also tells the server,
// as the interview's rules say it will, of large pastes and of the page being hidden or unfocused.
import { $, el, clockTime, formatDuration, plural, setBusy as disable, onGradeKeys, onLineLinks } from "./dom.js";
import { gradeLoop, readResponse, sessionClient } from "./api.js";
import { Countdown, buildTabs, markTab, openRoom, showError } from "./session.js";
import { PairedEditor, showPresence } from "./pairing.js";

// A paste this large (characters or lines) is reported; smaller ones are ordinary editing (the server's figures).
const LARGE_PASTE_CHARS = parseInt($("session-root").getAttribute("data-large-paste-chars"), 10) || 200;
const LARGE_PASTE_LINES = parseInt($("session-root").getAttribute("data-large-paste-lines"), 10) || 5;
const BLUR_SETTLE_MS = 150; // a tab switch blurs, then hides: wait to tell the two apart

const S = sessionClient($("session-root").getAttribute("data-session"));

let state = null;
let current = null; // challenge id in the editor
let editor = null; // the PairedEditor
const textarea = $("code");
let locked = false;
let loadedOnce = false; // the first load tells the server the page is here (a reopened tab is back)
const seenFollowups = {};
const countdown = new Countdown($("countdown"), (clock) => lock(clock));

const grading = gradeLoop({
  // Everything typed here reaches the server first; the server grades its own text at that version.
  // A submit answers at once with its attempt's id (202); its parts stream in on the attempt's events.
  send: (mode, ticket) => editor.flush().then(() => S.request("POST", "/" + (mode === "submit" ? "submissions" : "run") +
    "?version=" + editor.version(), { challenge: current, code: getCode() }, { "X-Grade-Ticket": ticket })),
  queueNode: $("queue-status"),
  setBusy: (value) => disable([$("run-button"), $("submit-button")], value || locked),
  onResponse: (mode, response) => readResponse(response).then((result) => (mode === "submit"
    ? followSubmit(result.attempt_id) : S.results(result.attempt_id, $("results"))))
    .catch((error) => {
      $("queue-status").textContent = error.message;
      if (error.status === 409) refreshClock();
    }),
  onFailure: (error) => { $("queue-status").textContent = "Could not reach the server (" + error.message + "); try again."; },
});

// Tests and verdict first, then the rubric (as the session shows it), then timing; the server renders each.
function followSubmit(attemptId, resend = true) {
  const results = $("results");
  results.setAttribute("aria-busy", "true");
  return S.follow(attemptId, (progress) => {
    if (progress.html) results.innerHTML = progress.html; // rendered on the server from escaped templates
  }).then((last) => {
    results.setAttribute("aria-busy", "false");
    if (last === null && resend) window.setTimeout(() => grade("submit"), 1000); // no slot took it: send it again
  });
}

function grade(mode) {
  if (locked || !current) return;
  grading.grade(mode);
}

function getCode() { return editor ? editor.getCode() : textarea.value; }

function starterOf(id) {
  return state.challenges.filter((c) => c.id === id)[0].starter.replace(/\r\n?/g, "\n");
}

function load() {
  return S.api("GET", "").then((data) => {
    state = data;
    countdown.update(data.clock);
    $("session-title").textContent = data.candidate_name ? "Welcome, " + data.candidate_name : "Your mock interview";
    if (data.clock.status === "waiting") showWaiting();
    else showWorkspace();
    (data.followups || []).forEach(addFollowup);
    if (data.clock.status === "ended" || data.clock.status === "time_up") lock(data.clock);
    // Reopened: the latest submit's results again (its parts stream in if it is still grading).
    if (!loadedOnce && data.latest_submit_id && data.clock.status !== "waiting") followSubmit(data.latest_submit_id, false).catch(() => {});
    // Opened (or reopened after closing the tab): back on the page, if the server still counts it away.
    if (isLive() && document.visibilityState === "visible" && !loadedOnce) S.signal({ kind: "back" }).catch(() => {});
    loadedOnce = true;
  }).catch((error) => {
    showError(error.status === 401 || error.status === 404
      ? error.message + " Open the full candidate link you were sent (it ends with #…)."
      : "Could not load the session: " + error.message);
  });
}

function showWaiting() {
  $("waiting-room").hidden = false;
  $("workspace").hidden = true;
  $("waiting-details").textContent = plural(state.challenge_count, "challenge") +
    " · " + formatDuration(state.clock.duration_seconds) +
    " · hints " + (state.hints_allowed ? "allowed" : "off");
  $("candidate-start").hidden = !state.candidate_may_start;
  if (state.candidate_may_start) $("waiting-text").textContent = "Start when you are ready: the clock starts for both of you.";
}

function showWorkspace() {
  $("waiting-room").hidden = true;
  $("workspace").hidden = false;
  buildTabs(state.challenges, select).hidden = state.challenges.length < 2;
  if (!editor) {
    editor = new PairedEditor({
      client: S, textarea, role: "candidate",
      label: "Your solution (Python), shared with your interviewer. Press Escape then Tab to leave the editor.",
      onRun: () => grade("run"), onSubmit: () => grade("submit"),
      onSync: (sync) => {
        $("save-status").textContent = sync.text || (sync.pending ? "Saving…" : "Saved");
        if (sync.presence) showPresence($("presence"), sync.presence, "candidate");
      },
    });
  }
  open(current || state.challenges[0].id, state);
}

// Another challenge: its shared document as the server has it now.
function select(id) {
  if (id === current) return;
  // What was typed here reaches the server first: the editor of this challenge closes on the switch.
  editor.flush(5000).then((saved) => {
    if (!saved) { showError("Your last edits here are not on the server yet (the connection?); switch again in a moment."); return; }
    showError("");
    return S.api("GET", "").then((data) => { state = Object.assign(state, { code: data.code, versions: data.versions }); open(id, state); });
  }).catch((error) => showError(error.message));
}

function open(id, data) {
  current = id;
  const challenge = state.challenges.filter((c) => c.id === id)[0];
  markTab(id, false);
  $("challenge-title").textContent = challenge.title;
  const meta = $("challenge-meta");
  meta.textContent = "";
  meta.appendChild(el("span", { class: "badge difficulty-" + challenge.difficulty, text: challenge.difficulty }));
  $("challenge-signature").textContent = "def " + challenge.signature;
  $("challenge-statement").innerHTML = challenge.statement_html; // rendered on the server, raw HTML escaped
  editor.open(id, data.code[id] !== undefined ? data.code[id] : starterOf(id), (data.versions || {})[id] || 0);
  if (locked) editor.setReadOnly(true);
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
  locked = true;
  if (editor) { editor.flush(); editor.setReadOnly(true); } else textarea.readOnly = true;
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
  } else if (kind === "submit" && data.automatic && data.attempt_id) {
    S.results(data.attempt_id, $("results")); // the final submit made for the candidate at the deadline
  } else if (kind === "submit") {
    // their own submit: its results are shown by the request that made it
  } else if (kind === "started" || kind === "extended" || kind === "ended") {
    refreshClock();
  }
}

// Integrity signals: sizes and moments only (never the pasted text); the server stamps the times.
function isLive() {
  return Boolean(state && state.clock && state.clock.status === "running" && !locked);
}

function onPaste(event) {
  if (!isLive() || !event.clipboardData) return;
  const text = event.clipboardData.getData("text/plain") || "";
  const lines = text ? text.split(/\r\n|\r|\n/).length : 0;
  if (text.length < LARGE_PASTE_CHARS && lines < LARGE_PASTE_LINES) return;
  S.signal({ kind: "paste", chars: text.length, lines, challenge: current }).catch(() => { /* a fact lost, not an error */ });
}

let away = false;
function goAway(how) {
  if (away || !isLive()) return;
  away = true;
  S.signal({ kind: "away", how }).catch(() => {});
}
function comeBack() {
  if (!away || document.visibilityState !== "visible") return;
  away = false;
  S.signal({ kind: "back" }).catch(() => {});
}

function watchFocus() {
  $("workspace").addEventListener("paste", onPaste, true);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") goAway("hidden");
    else comeBack();
  });
  window.addEventListener("blur", () => {
    window.setTimeout(() => {
      if (document.visibilityState === "hidden") goAway("hidden");
      else if (!document.hasFocus()) goAway("blur"); // focus came back within the moment: nothing to report
    }, BLUR_SETTLE_MS);
  });
  window.addEventListener("focus", comeBack);
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
  window.addEventListener("pagehide", () => { if (editor) editor.push(); });
  watchFocus();
}

wire();
openRoom(S, { who: "candidate", load, lastEventId: () => (state ? state.last_event_id : 0), onEvent, liveText: "" });
