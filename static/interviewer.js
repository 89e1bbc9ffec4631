// The interviewer's room: the shared editor (the interviewer types too while "Interviewer may type"
// is on), both cursors and who is connected, runs and submits as they happen, follow-ups, private
// notes, the scorecard, the timeline, extend and end.
import { $, el, clockTime, labels, verdictLabel } from "./dom.js";
import { sessionClient } from "./api.js";
import { Countdown, buildTabs, formatClock, markTab, openRoom, showError } from "./session.js";
import { PairedEditor, showPresence } from "./pairing.js";

const NOTES_DEBOUNCE_MS = 700;
const KINDS = {
  started: "Clock started", run: "Run", submit: "Submit", followup: "Follow-up sent", hint: "Hint revealed",
  extended: "Time extended", ended: "Session ended",
  // Integrity signals: worded by the server as facts ("pasted 412 characters", "page hidden for 1 min 12 s").
  paste: "Activity", away: "Activity", back: "Activity",
};
const SIGNALS = ["paste", "away", "back"];
const S = sessionClient($("session-root").getAttribute("data-session"));

let state = null;
let current = null;
const lastEdit = {};
let editor = null;
const textarea = $("code");
const seen = {};
let notesTimer = null;
let scorecardTouched = false;
const countdown = new Countdown($("countdown"), () => refresh());

function load() {
  return S.api("GET", "").then((data) => {
    state = data;
    $("session-title").textContent = "Interview" + (data.candidate_name ? " with " + data.candidate_name : "");
    $("session-settings").textContent = "After a submit the candidate sees: " +
      (labels().candidate_sees[data.candidate_sees] || data.candidate_sees) + " · hints " + (data.hints_allowed ? "allowed" : "off");
    $("report-link").href = "/sessions/" + encodeURIComponent(S.id) + "/report" + (S.token ? "#" + S.token : "");
    buildTabs(data.challenges, select);
    if (!editor) {
      editor = new PairedEditor({
        client: S, textarea, role: "interviewer", label: "The shared code: the candidate's, and yours when you type",
        onChange: (code, info) => { if (info.remote) lastEdit[current] = Date.now(); }, // the candidate's typing
        onSync: (sync) => {
          if (sync.presence) showPresence($("presence"), sync.presence, "interviewer");
          if (sync.mayType !== undefined) $("interviewer-may-type").checked = sync.mayType;
          $("pair-status").textContent = sync.text || "";
        },
      });
    }
    $("interviewer-may-type").checked = data.interviewer_may_type;
    editor.mayType = data.interviewer_may_type;
    open(data.challenges[0].id, data);
    showClock(data.clock);
    data.runs.forEach(showAttempt);
    data.timeline.forEach(addTimeline);
    $("notes").value = data.notes;
    loadScorecard();
  }).catch((error) => {
    showError(error.status === 401 || error.status === 404
      ? error.message + " Open the full interviewer link (it ends with #…), or log in with the account that created it."
      : "Could not load the session: " + error.message);
    throw error;
  });
}

function refresh() {
  return S.api("GET", "").then((data) => { state.clock = data.clock; showClock(data.clock); });
}

function showClock(clock) {
  countdown.update(clock);
  const names = { waiting: "Waiting to start", running: "Running", time_up: "Time is up", ended: "Ended" };
  const pill = $("status-pill");
  pill.textContent = names[clock.status] || clock.status;
  pill.className = "status-pill session-status-" + clock.status;
  $("start-button").hidden = clock.status !== "waiting";
  const over = clock.status === "ended" || clock.status === "time_up";
  $("extend-button").disabled = over;
  $("extend-minutes").disabled = over;
  $("end-button").disabled = clock.status === "ended";
  if (editor) editor.setReadOnly(over || clock.status === "waiting"); // the server takes edits only while it runs
  $("session-root").setAttribute("data-status", clock.status);
}

// Another challenge: its shared document as the server has it now.
function select(id) {
  if (id === current) return;
  // What was typed here reaches the server first: the editor of this challenge closes on the switch.
  editor.flush(5000).then((saved) => {
    if (!saved) { showError("Your last edits here are not on the server yet (the connection?); switch again in a moment."); return; }
    showError("");
    return S.api("GET", "").then((data) => open(id, data));
  }).catch((error) => showError(error.message));
}

function open(id, data) {
  current = id;
  const challenge = state.challenges.filter((c) => c.id === id)[0];
  markTab(id, true);
  $("challenge-statement").innerHTML = challenge.statement_html; // rendered on the server, raw HTML escaped
  editor.open(id, data.code[id] !== undefined ? data.code[id] : challenge.starter.replace(/\r\n?/g, "\n"),
    (data.versions || {})[id] || 0);
  showLastEdit();
  const list = $("suggested-followups");
  list.textContent = "";
  challenge.followups.forEach((text, index) => {
    const send = el("button", { type: "button", class: "button small", text: "Send" });
    send.addEventListener("click", () => sendFollowup({ challenge: id, index }, send));
    list.appendChild(el("li", { class: "suggested" }, [el("span", { text }), send]));
  });
}

function showLastEdit() {
  const at = lastEdit[current];
  if (!at) { $("last-edit").textContent = "No edits yet"; return; }
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  $("last-edit").textContent = seconds < 3 ? "Typing…" : "Last edit " + (seconds < 60 ? seconds + " s" : formatClock(seconds)) + " ago";
}

// One run or submit in the activity list; once graded, its results as the practice page shows them.
function showAttempt(attempt) {
  const key = "attempt" + attempt.id + attempt.status;
  if (seen[key]) return;
  seen[key] = true;
  $("activity-empty").hidden = true;
  const challenge = state.challenges.filter((c) => c.id === attempt.challenge)[0];
  const item = el("li", { class: "activity-item", "data-attempt": String(attempt.id), "data-mode": attempt.mode }, [
    el("p", { class: "activity-head" }, [
      el("strong", { text: (attempt.mode === "run" ? "Run" : "Submit") + (attempt.automatic ? " (automatic, at the end)" : "") }),
      el("span", { class: "muted small", text: " · " + (challenge ? challenge.title : attempt.challenge) + " · " + clockTime(attempt.created_at) }),
    ]),
  ]);
  const body = el("div", { class: "activity-results" });
  item.appendChild(body);
  if (attempt.status === "grading" && attempt.mode === "submit") followSubmit(attempt.id, body);
  else if (attempt.status === "grading") body.appendChild(el("p", { class: "queue-status busy", text: "Grading…" }));
  else if (attempt.status === "graded") S.results(attempt.id, body);
  else body.appendChild(el("p", { class: "muted", text: "Interrupted: the server stopped while grading it." }));
  const existing = document.querySelector('.activity-item[data-attempt="' + attempt.id + '"]');
  const list = $("activity-list");
  if (existing) list.replaceChild(item, existing);
  else list.insertBefore(item, list.firstChild);
}

// A submit's parts as they are graded: tests and verdict, then the rubric with its advice, then timing.
function followSubmit(attemptId, body) {
  body.appendChild(el("p", { class: "queue-status busy", text: "Grading…" }));
  S.follow(attemptId, (progress) => {
    if (progress.html && body.isConnected) body.innerHTML = progress.html; // rendered on the server, escaped there
  }).catch(() => { /* the "submit" event shows the finished results */ });
}

function addTimeline(event) {
  if (seen["t" + event.id]) return;
  seen["t" + event.id] = true;
  let text = KINDS[event.kind] || event.kind;
  if (event.kind === "run" || event.kind === "submit") text += ": " + verdictLabel(event.verdict) + (event.automatic ? " (automatic)" : "");
  if (event.kind === "followup") text += ": " + event.text;
  if (event.kind === "extended") text += " by " + Math.round(event.seconds / 60) + " min";
  if (event.kind === "ended") text += event.reason === "time" ? ": time ran out" : ": by the interviewer";
  if (event.kind === "hint") text += " " + event.tier;
  if (SIGNALS.indexOf(event.kind) >= 0) text += ": " + event.description;
  if (event.challenge && state && state.challenge_ids.length > 1) text += " · " + event.challenge;
  const list = $("timeline");
  list.insertBefore(el("li", { class: "timeline-item kind-" + event.kind }, [
    el("time", { class: "muted small", datetime: event.at, text: clockTime(event.at) }),
    el("span", { text: " " + text }),
  ]), list.firstChild);
}

function onEvent(kind, data) {
  if (kind === "clock") { if (state) { state.clock = data; showClock(data); } return; }
  if (!state) return;
  if (kind === "snapshot") return; // the shared editor has every keystroke already
  const attempt = { id: data.attempt_id, challenge: data.challenge, mode: data.mode, automatic: data.automatic, created_at: data.at };
  if (kind === "grading") {
    showAttempt(Object.assign(attempt, { status: "grading" }));
    return;
  }
  if (kind === "graded" && data.dropped) {
    const dropped = document.querySelector('.activity-item[data-attempt="' + data.attempt_id + '"]');
    if (dropped) dropped.remove();
    return;
  }
  if (kind === "run" || kind === "submit") {
    showAttempt(Object.assign(attempt, { status: "graded" }));
    if (kind === "submit") loadScorecard(true);
  }
  addTimeline(data);
}

function sendFollowup(body, button) {
  if (button) button.disabled = true;
  return S.api("POST", "/followups", body).then(() => {
    if (button) button.textContent = "Sent";
  }).catch((error) => {
    if (button) button.disabled = false;
    showError(error.message);
  });
}

function saveNotes() {
  clearTimeout(notesTimer);
  S.api("PUT", "/notes", { notes: $("notes").value }).then(() => {
    $("notes-status").textContent = "Saved";
  }).catch((error) => { $("notes-status").textContent = "Not saved: " + error.message; });
}

// The scorecard: each criterion 1-4 with the anchor text of the chosen rating, the attempts that
// show it (evidence links to the activity list), and the account's templates when logged in.
let scorecardDefs = [];
let scorecardTemplate = null;
const templates = {};

function scoreRow(def, value, evidence) {
  const id = "score-" + def.key;
  const select = el("select", { id, "data-criterion": def.key, "aria-describedby": id + "-anchor" });
  [["", "–"], ["4", "4"], ["3", "3"], ["2", "2"], ["1", "1"]].forEach((pair) => {
    const option = el("option", { value: pair[0], text: pair[1] });
    if (pair[0]) option.title = def.anchors[parseInt(pair[0], 10) - 1];
    if (String(value || "") === pair[0]) option.selected = true;
    select.appendChild(option);
  });
  const anchor = el("span", { class: "anchor", id: id + "-anchor" });
  const showAnchor = () => { anchor.textContent = select.value ? def.anchors[parseInt(select.value, 10) - 1] : ""; };
  showAnchor();
  select.addEventListener("change", () => { scorecardTouched = true; showAnchor(); });
  const links = (evidence || []).map((item) => {
    const challenge = state.challenges.filter((c) => c.id === item.challenge)[0];
    const text = (challenge ? challenge.title : item.challenge) + (item.rating ? " · " + (labels().ratings[item.rating] || item.rating)
      : item.verdict ? " · " + verdictLabel(item.verdict) : "");
    const link = el("a", { href: item.url, "data-attempt": String(item.attempt_id), text });
    link.addEventListener("click", (event) => {
      const target = document.querySelector('.activity-item[data-attempt="' + item.attempt_id + '"]');
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.classList.add("evidence-target");
      setTimeout(() => target.classList.remove("evidence-target"), 2000);
    });
    return link;
  });
  return el("div", { class: "score-item", "data-criterion": def.key }, [
    el("div", { class: "score-row" }, [el("label", { for: id, text: def.label }), select]),
    anchor,
    links.length ? el("p", { class: "score-evidence" }, [el("span", { class: "muted", text: "Evidence:" })].concat(links)) : null,
  ]);
}

function drawScorecard(defs, values, evidence) {
  scorecardDefs = defs;
  const box = $("scorecard-criteria");
  box.textContent = "";
  defs.forEach((def) => box.appendChild(scoreRow(def, values[def.key], evidence[def.key])));
}

function loadTemplates() {
  // 401 when not logged in: the account's templates are simply not offered.
  fetch("/api/scorecard-templates").then((r) => (r.ok ? r.json() : [])).then((list) => {
    if (!list.length) return;
    const picker = $("scorecard-template");
    list.forEach((t) => {
      templates[t.id] = t;
      picker.appendChild(el("option", { value: t.id, text: t.name }));
    });
    $("scorecard-template-row").hidden = false;
  }).catch(() => { /* templates are optional */ });
}

let lastScorecard = null;

function loadScorecard(onlyIfPrefilled) {
  if (onlyIfPrefilled && scorecardTouched) return;
  S.api("GET", "/scorecard").then((body) => {
    if (onlyIfPrefilled && !body.is_prefilled) return;
    lastScorecard = body;
    const card = body.scorecard;
    drawScorecard(body.criteria, card.criteria, body.evidence);
    if (scorecardTemplate) chooseTemplate(); // picked before the scorecard had loaded: apply it now
    $("recommendation").value = card.recommendation || "";
    $("scorecard-summary").value = card.summary || "";
    $("scorecard-hint").textContent = body.is_prefilled
      ? "Pre-filled from the rubric of the last rated submits; 4 is best." + (body.recommendation_open ? ""
        : " No recommendation is suggested before an accepted submit or the end of the session.") + " Change anything, then save."
      : "Saved" + (card.saved_at ? " at " + clockTime(card.saved_at) : "") + (card.template_name ? " with " + card.template_name : "") + ". 4 is best.";
  }).catch((error) => showError(error.message));
}

function chooseTemplate() {
  const chosen = $("scorecard-template").value;
  scorecardTemplate = chosen || null;
  if (!lastScorecard) return; // loadScorecard applies it once the scorecard is here
  const values = {};
  scorecardDefs.forEach((def) => { const v = $("score-" + def.key).value; if (v) values[def.key] = parseInt(v, 10); });
  const defs = !chosen ? lastScorecard.criteria : chosen === "default" ? null : templates[chosen].criteria;
  if (defs) drawScorecard(defs, values, lastScorecard.evidence);
  else fetch("/api/scorecard-templates/default").then((r) => r.json())
    .then((list) => drawScorecard(list, values, lastScorecard.evidence));
  scorecardTouched = true;
}

function saveScorecard(event) {
  event.preventDefault();
  const criteria = {};
  scorecardDefs.forEach((def) => {
    const value = $("score-" + def.key).value;
    criteria[def.key] = value ? parseInt(value, 10) : null;
  });
  const body = { criteria, recommendation: $("recommendation").value || null, summary: $("scorecard-summary").value };
  if (scorecardTemplate) body.template_id = scorecardTemplate;
  S.api("PUT", "/scorecard", body).then(() => {
    scorecardTouched = true;
    scorecardTemplate = null; // saved: the scorecard now carries the template's criteria itself
    $("scorecard-template").value = "";
    $("scorecard-status").textContent = "Saved";
    loadScorecard();
  }).catch((error) => { $("scorecard-status").textContent = error.message; });
}

function wire() {
  $("start-button").addEventListener("click", () => {
    S.api("POST", "/start").then(showClock).catch((error) => showError(error.message));
  });
  $("extend-button").addEventListener("click", () => {
    S.api("POST", "/extend", { minutes: parseFloat($("extend-minutes").value) }).then(showClock)
      .catch((error) => showError(error.message));
  });
  $("end-button").addEventListener("click", () => {
    if (!window.confirm("End the session now? The candidate's editor locks and their last code is submitted.")) return;
    S.api("POST", "/end").then(showClock).catch((error) => showError(error.message));
  });
  $("followup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("followup-text").value.trim();
    if (!text) return;
    sendFollowup({ text, challenge: current }).then(() => { $("followup-text").value = ""; });
  });
  $("notes").addEventListener("input", () => {
    $("notes-status").textContent = "Saving…";
    clearTimeout(notesTimer);
    notesTimer = setTimeout(saveNotes, NOTES_DEBOUNCE_MS);
  });
  $("scorecard-form").addEventListener("submit", saveScorecard);
  $("interviewer-may-type").addEventListener("change", (event) => {
    const on = event.target.checked;
    S.api("PUT", "/pairing", { interviewer_may_type: on }).then((body) => {
      editor.mayType = body.interviewer_may_type;
      editor.applyReadOnly();
    }).catch((error) => { event.target.checked = !on; showError(error.message); });
  });
  $("scorecard-template").addEventListener("change", chooseTemplate);
  loadTemplates();
  setInterval(showLastEdit, 1000);
}

wire();
openRoom(S, { who: "interviewer", load, lastEventId: () => state.last_event_id, onEvent, liveText: "Live" });
