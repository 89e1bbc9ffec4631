// The interview report: scorecard, challenges with final code and their results (rendered by the
// server as on the practice page), notes, timeline, and a playback of the code over time. Used in
// the app (report_page.js) and inlined in the downloaded HTML file (report_file.js), which the
// server joins with dom.js into one module so the file needs nothing else.
import { el, labels, plural, setLabels, verdictLabel } from "./dom.js";

const IDLE_CAP_SECONDS = 2; // playback skips idle time: a pause longer than this plays as this long
const SPEEDS = [1, 2, 4, 8, 16];
const KINDS = { run: "Run", submit: "Submit", followup: "Follow-up", started: "Start", ended: "End", extended: "Extended", hint: "Hint",
  paste: "Activity", away: "Activity", back: "Activity" };
// Integrity signals, worded by the server as facts; shown on the timeline and as marks on the playback.
var SIGNALS = ["paste", "away", "back"];

function mmss(seconds) {
  seconds = Math.max(0, Math.round(seconds || 0));
  var m = Math.floor(seconds / 60), s = seconds % 60;
  return m + ":" + (s < 10 ? "0" : "") + s;
}

function when(iso) { return iso ? new Date(iso).toLocaleString() : "–"; }

function section(title, id, children) {
  return el("section", { class: "card report-section", id: id }, [el("h2", { text: title })].concat(children));
}

function header(data) {
  var s = data.session;
  var card = data.scorecard || {};
  return el("header", { class: "report-header" }, [
    el("div", {}, [
      el("p", { class: "session-kicker", text: "Mock interview report" }),
      el("h1", { text: s.candidate_name || "Candidate" }),
      el("p", { class: "muted", text: "Started " + when(s.started_at) + " · " + mmss(s.elapsed_seconds) + " of " +
        mmss(s.duration_seconds + s.extension_seconds) + (s.extension_seconds ? " (extended by " + mmss(s.extension_seconds) + ")" : "") +
        " · " + (s.end_reason === "time" ? "time ran out" : s.end_reason === "interviewer" ? "ended by the interviewer" : s.status) }),
      data.integrity ? el("p", { class: "muted small integrity-summary", id: "integrity-summary", text: "Activity: " + data.integrity.description }) : null,
    ]),
    card.recommendation ? el("p", { class: "recommendation rec-" + card.recommendation, "data-recommendation": card.recommendation },
      [el("span", { class: "muted small", text: "Recommendation" }), el("strong", { text: card.recommendation_label || card.recommendation })]) : null,
  ]);
}

function scorecard(data) {
  var card = data.scorecard || { criteria: {} };
  // The criteria it was scored against (a template's, or the default seven); older reports: the rubric's.
  var definitions = card.definitions || Object.keys(labels().criteria).map(function (key) {
    return { key: key, label: labels().criteria[key], anchors: [] };
  });
  var rows = definitions.map(function (def) {
    var score = card.criteria[def.key];
    var bar = el("span", { class: "score-bar" }, [el("span", { style: "width:" + (score ? score * 25 : 0) + "%" })]);
    var anchor = score && def.anchors[score - 1] ? el("span", { class: "anchor muted small", text: def.anchors[score - 1] }) : null;
    // Evidence: the attempts that show the criterion, linking to their challenge's section below.
    var items = ((card.evidence || {})[def.key] || []).map(function (item) {
      var what = item.rating ? (labels().ratings[item.rating] || item.rating) : (labels().verdicts[item.verdict] || item.verdict || "");
      return el("a", { href: "#challenge-" + item.challenge, "data-attempt": String(item.attempt_id), text: item.challenge + (what ? " · " + what : "") });
    });
    var evidence = items.length ? el("span", { class: "score-evidence" }, [el("span", { class: "muted", text: "Evidence:" })].concat(items)) : null;
    return el("tr", { "data-criterion": def.key }, [el("th", { text: def.label }), el("td", { class: "num", text: score ? score + " / 4" : "–" }), el("td", {}, [bar, anchor, evidence])]);
  });
  return section("Scorecard", "scorecard", [
    card.is_prefilled ? el("p", { class: "muted small", text: "Pre-filled from the rubric evidence; the interviewer has not edited it." }) : null,
    el("table", { class: "report-table" }, [el("tbody", {}, rows)]),
    card.summary ? el("p", { class: "scorecard-summary", text: card.summary }) : null,
  ]);
}

function challenges(data) {
  return section("Challenges", "challenges", data.challenges.map(function (c) {
    var verdict = c.verdict || "not_submitted";
    var submit = c.final_submit;
    var results = el("div", { class: "report-results" });
    if (c.results_html) results.innerHTML = c.results_html; // the server's _results.html fragment, escaped there
    return el("article", { class: "report-challenge", id: "challenge-" + c.id, "data-challenge": c.id }, [
      el("h3", {}, [c.title + " ", el("span", { class: "badge difficulty-" + c.difficulty, text: c.difficulty }),
        el("span", { class: "verdict-pill verdict-" + verdict, text: c.verdict ? verdictLabel(c.verdict) : "Not submitted" })]),
      el("p", { class: "muted small", text: plural(c.submits, "submit") + ", " + plural(c.runs, "run") +
        (c.score !== null && c.score !== undefined ? " · rubric score " + Math.round(c.score) + "%" : "") +
        (c.first_edit_seconds !== null ? " · first edit at " + mmss(c.first_edit_seconds) : "") +
        (c.accepted_at_seconds !== null ? " · accepted at " + mmss(c.accepted_at_seconds) : "") +
        (submit && submit.automatic ? " · final submit was automatic" : "") }),
      c.results_html ? results : null,
      c.first_edit_seconds === null
        ? el("p", { class: "muted", text: "Never edited: the code is the starter." })
        : el("details", { open: "" }, [el("summary", { text: "Final code" }), el("pre", { class: "code-block final-code" }, [el("code", { text: c.final_code })])]),
    ]);
  }));
}

function notes(data) {
  var body = el("div", { class: "prose notes-body" });
  if (data.notes_html) body.innerHTML = data.notes_html; // Markdown rendered on the server with raw HTML escaped
  else body.appendChild(el("p", { class: "muted", text: "No notes." }));
  return section("Interviewer's notes", "notes", [body]);
}

function timeline(data) {
  return section("Timeline", "timeline", [el("ol", { class: "timeline" }, data.timeline.map(function (e) {
    var text = KINDS[e.kind] || e.kind;
    if (e.verdict) text += ": " + verdictLabel(e.verdict) + (e.automatic ? " (automatic)" : "");
    if (e.text) text += ": " + e.text;
    if (SIGNALS.indexOf(e.kind) >= 0 && e.description) text += ": " + e.description;
    if (e.reason) text += e.reason === "time" ? ": time ran out" : ": by the interviewer";
    if (e.challenge) text += " · " + e.challenge;
    return el("li", { class: "timeline-item kind-" + e.kind }, [el("time", { class: "muted small", text: mmss(e.at_seconds) }), " " + text]);
  }))]);
}

// CodeMirror's ChangeSet JSON applied to a text: a number keeps that many UTF-16 units (JavaScript's
// own string units), [deleted, ...lines] removes and inserts. The same as app/collab.py on the server.
export function applyChanges(text, changes) {
  var out = [], pos = 0;
  changes.forEach(function (part) {
    if (typeof part === "number") { out.push(text.slice(pos, pos + part)); pos += part; return; }
    pos += part[0];
    if (part.length > 1) out.push(part.slice(1).join("\n"));
  });
  if (pos !== text.length) throw new RangeError("The change does not cover the text (" + pos + " of " + text.length + ")");
  return out.join("");
}

// One frame per update of the log, keystroke by keystroke: the text after it and who typed it.
export function playbackFrames(data) {
  var texts = Object.assign({}, data.starters || {});
  return data.playback.map(function (u) {
    texts[u.challenge] = applyChanges(texts[u.challenge] || "", u.changes);
    return { t: u.t, challenge: u.challenge, code: texts[u.challenge], author: u.author };
  });
}

var AUTHORS = { candidate: "Candidate", interviewer: "Interviewer" };

// Playback: frames on a compressed time axis where idle gaps are capped, so minutes of thinking
// do not play as minutes of nothing; markers for runs, submits and follow-ups on the same axis.
function playback(data) {
  var frames = playbackFrames(data);
  if (!frames.length) return section("Playback", "playback", [el("p", { class: "muted", text: "No code was typed." })]);
  var axis = [0];
  for (var i = 1; i < frames.length; i++) axis.push(axis[i - 1] + Math.min(frames[i].t - frames[i - 1].t, IDLE_CAP_SECONDS));
  function compress(t) {
    var index = 0;
    while (index + 1 < frames.length && frames[index + 1].t <= t) index++;
    if (t < frames[0].t) return 0;
    return axis[index] + Math.min(t - frames[index].t, IDLE_CAP_SECONDS);
  }
  var markers = data.timeline.filter(function (e) { return ["run", "submit", "followup", "paste", "away"].indexOf(e.kind) >= 0; });
  var total = Math.max(axis[axis.length - 1], markers.length ? compress(markers[markers.length - 1].at_seconds) : 0, 0.1);
  var slider = el("input", { type: "range", min: "0", max: String(total), step: "0.05", value: String(total), id: "playback-slider", "aria-label": "Moment of the session" });
  var speed = el("select", { id: "playback-speed", "aria-label": "Playback speed" }, SPEEDS.map(function (x) { return el("option", { value: String(x), text: x + "x" }); }));
  var play = el("button", { type: "button", class: "button small", id: "playback-play", text: "Play" });
  var label = el("span", { class: "playback-time", id: "playback-time" });
  var challengeLabel = el("span", { class: "tag", id: "playback-challenge" });
  var author = el("span", { class: "tag author-tag", id: "playback-author" });
  var code = el("code", { id: "playback-code" });
  var track = el("div", { class: "playback-markers", "aria-hidden": "true" }, markers.map(function (e) {
    var marker = el("button", { type: "button", class: "marker marker-" + e.kind, title: mmss(e.at_seconds) + " " + (KINDS[e.kind] || e.kind) + (e.verdict ? ": " + verdictLabel(e.verdict) : e.text ? ": " + e.text : e.description ? ": " + e.description : ""), tabindex: "-1" });
    marker.style.left = (100 * compress(e.at_seconds) / total) + "%";
    marker.addEventListener("click", function () { seek(compress(e.at_seconds)); });
    return marker;
  }));
  // Who typed when: one coloured stretch per run of edits by the same person, on the same axis.
  var runs = [];
  frames.forEach(function (frame, index) {
    var last = runs[runs.length - 1];
    if (last && last.author === frame.author) last.end = index;
    else runs.push({ author: frame.author, start: index, end: index });
  });
  var strip = el("div", { class: "author-strip", "aria-hidden": "true" }, runs.map(function (run) {
    var span = el("span", { class: "author-run author-" + run.author, title: (AUTHORS[run.author] || run.author) + " typing" });
    span.style.left = (100 * axis[run.start] / total) + "%";
    span.style.width = Math.max(0.4, 100 * (axis[run.end] - axis[run.start]) / total) + "%";
    return span;
  }));
  function frameAt(position) {
    var index = 0;
    while (index + 1 < frames.length && axis[index + 1] <= position + 1e-9) index++;
    return index;
  }
  function seek(position) {
    slider.value = String(position);
    var index = frameAt(position);
    var frame = frames[index];
    code.textContent = frame.code;
    challengeLabel.textContent = frame.challenge;
    var real = frame.t + Math.max(0, position - axis[index]);
    label.textContent = mmss(real) + " into the session · edit " + (index + 1) + " of " + frames.length;
    author.textContent = AUTHORS[frame.author] || frame.author;
    author.className = "tag author-tag author-" + frame.author;
    code.parentNode.setAttribute("data-author", frame.author);
    slider.setAttribute("aria-valuetext", mmss(real));
    root.setAttribute("data-frame", String(index));
  }
  var timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = "Play"; }
  play.addEventListener("click", function () {
    if (timer) { stop(); return; }
    if (parseFloat(slider.value) >= total) seek(0);
    play.textContent = "Pause";
    timer = setInterval(function () {
      var next = parseFloat(slider.value) + 0.1 * parseFloat(speed.value);
      if (next >= total) { seek(total); stop(); return; }
      seek(next);
    }, 100);
  });
  slider.addEventListener("input", function () { seek(parseFloat(slider.value)); });
  var root = section("Playback", "playback", [
    el("p", { class: "muted small", text: "The code as it was typed, keystroke by keystroke, by both people (the tag and the strip under the track: blue the candidate, red the interviewer). Pauses longer than " + IDLE_CAP_SECONDS + " s are skipped; marks show runs, submits, follow-ups, large pastes and the page losing focus." }),
    el("div", { class: "playback-controls" }, [play, el("label", { class: "inline-label" }, ["Speed ", speed]), label, challengeLabel, author]),
    el("div", { class: "playback-track" }, [track, slider, strip]),
    el("pre", { class: "code-block playback-code" }, [code]),
  ]);
  seek(total);
  return root;
}

export function render(container, data) {
  if (data.labels) setLabels(data.labels);
  container.textContent = "";
  container.appendChild(header(data));
  container.appendChild(scorecard(data));
  container.appendChild(challenges(data));
  container.appendChild(playback(data));
  container.appendChild(notes(data));
  container.appendChild(timeline(data));
}
