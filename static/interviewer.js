// The interviewer's room: the candidate's code live (read-only editor fed by the stream), runs and
// submits as they happen, follow-ups, private notes, the scorecard, the timeline, extend and end.
(function () {
  "use strict";
  var S = window.ArrayDojoSession;
  var el = S.el;
  var NOTES_DEBOUNCE_MS = 700;
  var LABELS = {
    started: "Clock started", run: "Run", submit: "Submit", followup: "Follow-up sent", hint: "Hint revealed",
    extended: "Time extended", ended: "Session ended",
  };

  var state = null;
  var current = null;
  var codes = {};
  var lastEdit = {};
  var editor = null;
  var textarea = document.getElementById("code");
  var seen = {};
  var notesTimer = null;
  var countdown = new S.Countdown(document.getElementById("countdown"), function () { refresh(); });

  function $(id) { return document.getElementById(id); }

  var showError = S.showError;

  function load() {
    return S.api("GET", "").then(function (data) {
      state = data;
      $("session-title").textContent = "Interview" + (data.candidate_name ? " with " + data.candidate_name : "");
      $("report-link").href = "/sessions/" + encodeURIComponent(S.id) + "/report#" + S.token;
      data.challenges.forEach(function (c) { codes[c.id] = data.code[c.id] !== undefined ? data.code[c.id] : c.starter; });
      buildTabs();
      setupEditor();
      select(data.challenges[0].id);
      showClock(data.clock);
      data.runs.forEach(function (run) { showRun(run); });
      data.timeline.forEach(addTimeline);
      $("notes").value = data.notes;
      loadScorecard();
    }).catch(function (error) {
      showError(error.status === 401 || error.status === 404
        ? error.message + " Open the full interviewer link (it ends with #…)."
        : "Could not load the session: " + error.message);
      throw error;
    });
  }

  function refresh() {
    return S.api("GET", "").then(function (data) { state.clock = data.clock; showClock(data.clock); });
  }

  function showClock(clock) {
    countdown.update(clock);
    var labels = { waiting: "Waiting to start", running: "Running", time_up: "Time is up", ended: "Ended" };
    var pill = $("status-pill");
    pill.textContent = labels[clock.status] || clock.status;
    pill.className = "status-pill session-status-" + clock.status;
    $("start-button").hidden = clock.status !== "waiting";
    var over = clock.status === "ended" || clock.status === "time_up";
    $("extend-button").disabled = over;
    $("extend-minutes").disabled = over;
    $("end-button").disabled = clock.status === "ended";
    document.getElementById("session-root").setAttribute("data-status", clock.status);
  }

  function buildTabs() {
    var tabs = $("challenge-tabs");
    tabs.textContent = "";
    state.challenges.forEach(function (challenge, index) {
      var tab = el("button", { type: "button", class: "tab", "data-challenge": challenge.id, text: (index + 1) + ". " + challenge.title });
      tab.addEventListener("click", function () { select(challenge.id); });
      tabs.appendChild(tab);
    });
  }

  function select(id) {
    current = id;
    var challenge = state.challenges.filter(function (c) { return c.id === id; })[0];
    Array.prototype.forEach.call(document.querySelectorAll("#challenge-tabs .tab"), function (tab) {
      tab.setAttribute("aria-current", tab.getAttribute("data-challenge") === id ? "true" : "false");
      tab.classList.remove("changed");
    });
    $("challenge-statement").innerHTML = challenge.statement_html; // rendered on the server, raw HTML escaped
    showCode();
    var list = $("suggested-followups");
    list.textContent = "";
    challenge.followups.forEach(function (text, index) {
      var send = el("button", { type: "button", class: "button small", text: "Send" });
      send.addEventListener("click", function () { sendFollowup({ challenge: id, index: index }, send); });
      list.appendChild(el("li", { class: "suggested" }, [el("span", { text: text }), send]));
    });
  }

  function showCode() {
    var code = codes[current] || "";
    if (editor) { if (editor.getCode() !== code) editor.setCode(code); }
    else textarea.value = code;
    showLastEdit();
  }

  function showLastEdit() {
    var at = lastEdit[current];
    if (!at) { $("last-edit").textContent = "No edits yet"; return; }
    var seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
    $("last-edit").textContent = seconds < 3 ? "Typing…" : "Last edit " + (seconds < 60 ? seconds + " s" : S.format(seconds)) + " ago";
  }

  function setupEditor() {
    if (editor || !window.ArrayDojoEditor) return;
    editor = window.ArrayDojoEditor.create(textarea, { label: "The candidate's code, read-only, updated live" });
    editor.setReadOnly(true);
    window.arraydojoEditor = editor;
  }

  function showRun(run) {
    if (run.id && seen["run" + run.id]) return;
    if (run.id) seen["run" + run.id] = true;
    $("activity-empty").hidden = true;
    var challenge = state.challenges.filter(function (c) { return c.id === run.challenge; })[0];
    var item = el("li", { class: "activity-item", "data-run": String(run.id), "data-mode": run.mode }, [
      el("p", { class: "activity-head" }, [
        el("strong", { text: (run.mode === "run" ? "Run" : "Submit") + (run.automatic ? " (automatic, at the end)" : "") }),
        el("span", { class: "muted small", text: " · " + (challenge ? challenge.title : run.challenge) + " · " + S.clockTime(run.at) }),
      ]),
    ]);
    if (run.status === "grading") item.appendChild(el("p", { class: "queue-status busy", text: "Grading…" }));
    else if (run.report) item.appendChild(S.renderReport(run.report, { automatic: run.automatic }));
    else item.appendChild(el("p", { class: "muted", text: "Interrupted: the server stopped while grading it." }));
    var existing = document.querySelector('.activity-item[data-run="' + run.id + '"]');
    var list = $("activity-list");
    if (existing) list.replaceChild(item, existing);
    else list.insertBefore(item, list.firstChild);
  }

  function addTimeline(event) {
    if (seen["t" + event.id]) return;
    seen["t" + event.id] = true;
    var text = LABELS[event.kind] || event.kind;
    if (event.kind === "run" || event.kind === "submit") text += ": " + (S.VERDICTS[event.verdict] || event.verdict) + (event.automatic ? " (automatic)" : "");
    if (event.kind === "followup") text += ": " + event.text;
    if (event.kind === "extended") text += " by " + Math.round(event.seconds / 60) + " min";
    if (event.kind === "ended") text += event.reason === "time" ? ": time ran out" : ": by the interviewer";
    if (event.kind === "hint") text += " " + event.tier;
    if (event.challenge && state && state.challenge_ids.length > 1) text += " · " + event.challenge;
    var list = $("timeline");
    list.insertBefore(el("li", { class: "timeline-item kind-" + event.kind }, [
      el("time", { class: "muted small", datetime: event.at, text: S.clockTime(event.at) }),
      el("span", { text: " " + text }),
    ]), list.firstChild);
  }

  function onEvent(kind, data) {
    if (kind === "clock") { if (state) { state.clock = data; showClock(data); } return; }
    if (!state) return;
    if (kind === "snapshot") {
      codes[data.challenge] = data.code;
      lastEdit[data.challenge] = Date.parse(data.at) || Date.now();
      if (data.challenge === current) showCode();
      else {
        var tab = document.querySelector('#challenge-tabs .tab[data-challenge="' + data.challenge + '"]');
        if (tab) tab.classList.add("changed");
      }
      return;
    }
    if (kind === "grading") {
      showRun({ id: data.run_id, challenge: data.challenge, mode: data.mode, automatic: data.automatic, status: "grading", at: data.at });
      return;
    }
    if (kind === "graded" && data.dropped) {
      var dropped = document.querySelector('.activity-item[data-run="' + data.run_id + '"]');
      if (dropped) dropped.remove();
      return;
    }
    if (kind === "run" || kind === "submit") {
      seen["run" + data.run_id] = false;
      showRun({ id: data.run_id, challenge: data.challenge, mode: data.mode, automatic: data.automatic, status: "graded", report: data.report, at: data.at });
      if (kind === "submit") loadScorecard(true);
    }
    addTimeline(data);
  }

  function sendFollowup(body, button) {
    if (button) button.disabled = true;
    return S.api("POST", "/followups", body).then(function () {
      if (button) button.textContent = "Sent";
    }).catch(function (error) {
      if (button) button.disabled = false;
      showError(error.message);
    });
  }

  function saveNotes() {
    clearTimeout(notesTimer);
    S.api("PUT", "/notes", { notes: $("notes").value }).then(function () {
      $("notes-status").textContent = "Saved";
    }).catch(function (error) { $("notes-status").textContent = "Not saved: " + error.message; });
  }

  var scorecardTouched = false;

  function loadScorecard(onlyIfPrefilled) {
    if (onlyIfPrefilled && scorecardTouched) return;
    S.api("GET", "/scorecard").then(function (body) {
      if (onlyIfPrefilled && !body.is_prefilled) return;
      var card = body.scorecard;
      var box = $("scorecard-criteria");
      box.textContent = "";
      Object.keys(S.CRITERIA).forEach(function (name) {
        var select = el("select", { id: "score-" + name, "data-criterion": name });
        [["", "–"], ["4", "4 · strong"], ["3", "3 · good"], ["2", "2 · weak"], ["1", "1 · poor"]].forEach(function (pair) {
          var option = el("option", { value: pair[0], text: pair[1] });
          if (String(card.criteria[name] || "") === pair[0]) option.selected = true;
          select.appendChild(option);
        });
        select.addEventListener("change", function () { scorecardTouched = true; });
        box.appendChild(el("div", { class: "score-row" }, [el("label", { for: "score-" + name, text: S.CRITERIA[name] }), select]));
      });
      $("recommendation").value = card.recommendation || "";
      $("scorecard-summary").value = card.summary || "";
      $("scorecard-hint").textContent = body.is_prefilled
        ? "Pre-filled from the rubric of the last submits; 4 is best. Change anything, then save."
        : "Saved" + (card.saved_at ? " at " + S.clockTime(card.saved_at) : "") + ". 4 is best.";
    }).catch(function (error) { showError(error.message); });
  }

  function saveScorecard(event) {
    event.preventDefault();
    var criteria = {};
    Object.keys(S.CRITERIA).forEach(function (name) {
      var value = $("score-" + name).value;
      criteria[name] = value ? parseInt(value, 10) : null;
    });
    S.api("PUT", "/scorecard", {
      criteria: criteria, recommendation: $("recommendation").value || null, summary: $("scorecard-summary").value,
    }).then(function () {
      scorecardTouched = true;
      $("scorecard-status").textContent = "Saved";
      loadScorecard();
    }).catch(function (error) { $("scorecard-status").textContent = error.message; });
  }

  function wire() {
    $("start-button").addEventListener("click", function () {
      S.api("POST", "/start").then(showClock).catch(function (error) { showError(error.message); });
    });
    $("extend-button").addEventListener("click", function () {
      S.api("POST", "/extend", { minutes: parseFloat($("extend-minutes").value) }).then(showClock)
        .catch(function (error) { showError(error.message); });
    });
    $("end-button").addEventListener("click", function () {
      if (!window.confirm("End the session now? The candidate's editor locks and their last code is submitted.")) return;
      S.api("POST", "/end").then(showClock).catch(function (error) { showError(error.message); });
    });
    $("followup-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("followup-text").value.trim();
      if (!text) return;
      sendFollowup({ text: text, challenge: current }).then(function () { $("followup-text").value = ""; });
    });
    $("notes").addEventListener("input", function () {
      $("notes-status").textContent = "Saving…";
      clearTimeout(notesTimer);
      notesTimer = setTimeout(saveNotes, NOTES_DEBOUNCE_MS);
    });
    $("scorecard-form").addEventListener("submit", saveScorecard);
    setInterval(showLastEdit, 1000);
  }

  wire();
  if (!S.token) {
    showError("This link has no token. Open the full interviewer link (it ends with #…).");
    return;
  }
  load().then(function () {
    S.stream(onEvent, function (connected) {
      $("stream-status").textContent = connected ? "Live" : "Reconnecting…";
      $("stream-status").classList.toggle("live", connected);
    }, state.last_event_id);
  });
})();
