// The candidate's room: waiting room, the session's challenges in the editor, Run / Submit, the
// server's countdown, follow-ups as they arrive, debounced snapshots, and the lock at the end.
(function () {
  "use strict";
  var S = window.ArrayDojoSession;
  var el = S.el;
  var SNAPSHOT_DEBOUNCE_MS = 300;

  var state = null;
  var current = null; // challenge id in the editor
  var codes = {};
  var editor = null;
  var textarea = document.getElementById("code");
  var locked = false;
  var busy = false;
  var switching = false;
  var snapshotTimer = null;
  var pending = {}; // challenge -> code not yet on the server
  var seenFollowups = {};
  var countdown = new S.Countdown(document.getElementById("countdown"), function (clock) { lock(clock); });

  function $(id) { return document.getElementById(id); }

  var showError = S.showError;

  function load() {
    return S.api("GET", "").then(function (data) {
      state = data;
      countdown.update(data.clock);
      $("session-title").textContent = data.candidate_name ? "Welcome, " + data.candidate_name : "Your mock interview";
      if (data.clock.status === "waiting") showWaiting();
      else showWorkspace();
      (data.followups || []).forEach(addFollowup);
      if (data.clock.status === "ended" || data.clock.status === "time_up") lock(data.clock);
    }).catch(function (error) {
      showError(error.status === 401 || error.status === 404
        ? error.message + " Open the full candidate link you were sent (it ends with #…)."
        : "Could not load the session: " + error.message);
    });
  }

  function showWaiting() {
    $("waiting-room").hidden = false;
    $("workspace").hidden = true;
    var minutes = Math.round(state.clock.duration_seconds / 60);
    $("waiting-details").textContent = state.challenge_count + " challenge" + (state.challenge_count > 1 ? "s" : "") +
      " · " + (minutes ? minutes + " minutes" : Math.round(state.clock.duration_seconds) + " seconds") +
      " · hints " + (state.hints_allowed ? "allowed" : "off");
    var start = $("candidate-start");
    start.hidden = !state.candidate_may_start;
    if (state.candidate_may_start) $("waiting-text").textContent = "Start when you are ready: the clock starts for both of you.";
  }

  function showWorkspace() {
    $("waiting-room").hidden = true;
    $("workspace").hidden = false;
    state.challenges.forEach(function (challenge) {
      if (codes[challenge.id] === undefined) codes[challenge.id] = state.code[challenge.id] !== undefined ? state.code[challenge.id] : challenge.starter;
    });
    var tabs = $("challenge-tabs");
    tabs.textContent = "";
    state.challenges.forEach(function (challenge, index) {
      var tab = el("button", { type: "button", class: "tab", "data-challenge": challenge.id, text: (index + 1) + ". " + challenge.title });
      tab.addEventListener("click", function () { select(challenge.id); });
      tabs.appendChild(tab);
    });
    tabs.hidden = state.challenges.length < 2;
    setupEditor();
    select(current || state.challenges[0].id);
  }

  function select(id) {
    if (current && editor) codes[current] = editor.getCode();
    current = id;
    var challenge = state.challenges.filter(function (c) { return c.id === id; })[0];
    Array.prototype.forEach.call(document.querySelectorAll("#challenge-tabs .tab"), function (tab) {
      tab.setAttribute("aria-current", tab.getAttribute("data-challenge") === id ? "true" : "false");
    });
    $("challenge-title").textContent = challenge.title;
    var meta = $("challenge-meta");
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
    var section = $("hints");
    section.hidden = !state.hints_allowed || !challenge.hint_count;
    var list = $("hint-list");
    list.textContent = "";
    ((state.hints || {})[challenge.id] || []).forEach(function (text, index) {
      list.appendChild(el("li", { class: "hint" }, [el("span", { class: "hint-tier", text: "Hint " + (index + 1) }), el("p", { text: text })]));
    });
    $("hint-button").disabled = locked || list.children.length >= challenge.hint_count;
  }

  function setupEditor() {
    if (editor || !window.ArrayDojoEditor) {
      if (!editor) textarea.addEventListener("input", function () { onEdit(textarea.value); });
      return;
    }
    editor = window.ArrayDojoEditor.create(textarea, {
      label: "Your solution (Python). Press Escape then Tab to leave the editor.",
      onChange: onEdit,
      onRun: function () { grade("run"); },
      onSubmit: function () { grade("submit"); },
    });
    window.arraydojoEditor = editor;
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
    var ids = Object.keys(pending);
    if (!ids.length) return Promise.resolve();
    var id = ids[0];
    var code = pending[id];
    delete pending[id];
    return S.api("POST", "/snapshots", { challenge: id, code: code }).then(function () {
      $("save-status").textContent = "Saved";
      if (Object.keys(pending).length) snapshotTimer = setTimeout(flush, SNAPSHOT_DEBOUNCE_MS);
    }).catch(function (error) {
      if (pending[id] === undefined) pending[id] = code;
      if (error.status === 409) { delete pending[id]; return; }
      $("save-status").textContent = error.status === 429 ? "Saving in a moment…" : "Not saved yet (" + error.message + "), retrying";
      snapshotTimer = setTimeout(flush, error.status === 429 ? (error.retryAfter || 2) * 1000 : 2000);
    });
  }

  function setBusy(value) {
    busy = value;
    $("run-button").disabled = value || locked;
    $("submit-button").disabled = value || locked;
  }

  function showQueue(text, spinning) {
    var node = $("queue-status");
    node.textContent = text;
    node.classList.toggle("busy", Boolean(spinning));
  }

  function grade(mode) {
    if (busy || locked || !current) return;
    setBusy(true);
    showQueue(mode === "run" ? "Running on the examples…" : "Grading every test and timing…", true);
    var code = editor ? editor.getCode() : textarea.value;
    S.api("POST", "/" + mode, { challenge: current, code: code }).then(function (report) {
      setBusy(false);
      showQueue("", false);
      var results = $("results");
      results.textContent = "";
      results.appendChild(S.renderReport(report));
    }).catch(function (error) {
      setBusy(false);
      if (error.status === 503) {
        showQueue("Queued: every grader is busy, retrying in " + (error.retryAfter || 2) + " s", true);
        setTimeout(function () { grade(mode); }, (error.retryAfter || 2) * 1000);
        return;
      }
      showQueue(error.message, false);
      if (error.status === 409) refreshClock();
    });
  }

  function refreshClock() {
    return S.api("GET", "").then(function (data) {
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
    setBusy(busy);
    $("hint-button").disabled = true;
    var notice = $("locked-notice");
    var byInterviewer = clock && clock.end_reason === "interviewer";
    notice.textContent = byInterviewer
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
    var item = el("li", { class: "followup fresh", "data-id": String(event.id) }, [
      el("span", { class: "followup-time muted small", text: S.clockTime(event.at) }),
      el("p", { text: event.text }),
    ]);
    $("followup-list").appendChild(item);
    setTimeout(function () { item.classList.remove("fresh"); }, 4000);
  }

  function onEvent(kind, data) {
    if (kind === "clock") {
      if (!state) return;
      var wasWaiting = state.clock.status === "waiting";
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
    $("run-button").addEventListener("click", function () { grade("run"); });
    $("submit-button").addEventListener("click", function () { grade("submit"); });
    $("candidate-start").addEventListener("click", function () {
      S.api("POST", "/start").then(load).catch(function (error) { showError(error.message); });
    });
    $("hint-button").addEventListener("click", function () {
      S.api("POST", "/hints", { challenge: current }).then(function (body) {
        state.hints = state.hints || {};
        state.hints[current] = body.hints;
        showHints(state.challenges.filter(function (c) { return c.id === current; })[0]);
      }).catch(function (error) { showError(error.message); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      grade(event.shiftKey ? "submit" : "run");
    });
    window.addEventListener("pagehide", function () { flush(); });
  }

  wire();
  if (!S.token) {
    showError("This link has no token. Open the full candidate link you were sent (it ends with #…).");
    return;
  }
  load().then(function () {
    S.stream(onEvent, function (connected) {
      $("stream-status").textContent = connected ? "" : "Reconnecting…";
    }, state ? state.last_event_id : 0);
  });
})();
