// Shared by the interview pages: the token from the link's fragment, API calls with it as a Bearer
// token, the live stream (Server-Sent Events read with fetch, so the token goes in a header), the
// server-owned countdown and a compact results panel.
(function () {
  "use strict";
  var root = document.getElementById("session-root");
  var sessionId = root.getAttribute("data-session");
  var tokenKey = "arraydojo.session." + sessionId;

  // The token lives in the fragment (never sent to the server in the URL); keep it for reloads
  // in this tab only, and take it off the address bar so it is not shown over a shoulder.
  var token = window.location.hash.slice(1);
  try {
    if (token) sessionStorage.setItem(tokenKey, token);
    else token = sessionStorage.getItem(tokenKey) || "";
  } catch (e) { /* no storage: the fragment is all we have */ }
  if (token && window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + window.location.search);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function api(method, path, body) {
    var options = { method: method, headers: { Authorization: "Bearer " + token } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch("/api/sessions/" + encodeURIComponent(sessionId) + path, options).then(function (response) {
      var type = response.headers.get("content-type") || "";
      var parsed = type.indexOf("json") >= 0 ? response.json() : response.text();
      return parsed.then(function (data) {
        if (!response.ok) {
          var error = new Error(data && data.error ? data.error.message : "HTTP " + response.status);
          error.status = response.status;
          error.retryAfter = parseInt(response.headers.get("Retry-After") || "0", 10);
          throw error;
        }
        return data;
      });
    });
  }

  // The live stream: fetch + a stream reader, reconnecting after a drop with the last event id.
  function stream(onEvent, onStatus, after) {
    var lastId = after || 0;
    var stopped = false;
    function connect() {
      if (stopped) return;
      fetch("/api/sessions/" + encodeURIComponent(sessionId) + "/events?after=" + lastId, {
        headers: { Authorization: "Bearer " + token, Accept: "text/event-stream" },
      }).then(function (response) {
        if (!response.ok || !response.body) throw new Error("HTTP " + response.status);
        if (onStatus) onStatus(true);
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error("closed");
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split("\n\n");
            buffer = parts.pop();
            parts.forEach(function (block) {
              var kind = "message", data = null, id = null;
              block.split("\n").forEach(function (line) {
                if (line.indexOf("event: ") === 0) kind = line.slice(7);
                else if (line.indexOf("data: ") === 0) data = line.slice(6);
                else if (line.indexOf("id: ") === 0) id = parseInt(line.slice(4), 10);
              });
              if (id) lastId = id;
              if (data !== null) {
                try { onEvent(kind, JSON.parse(data)); } catch (e) { window.console.error(e); }
              }
            });
            return pump();
          });
        }
        return pump();
      }).catch(function () {
        if (onStatus) onStatus(false);
        setTimeout(connect, 1000);
      });
    }
    connect();
    return { stop: function () { stopped = true; }, lastId: function () { return lastId; } };
  }

  // The countdown: the server's deadline and its clock at the last answer; the browser's own clock
  // only measures the time since, so a wrong system clock on this computer changes nothing.
  function Countdown(node, onZero) {
    this.node = node;
    this.onZero = onZero;
    this.clock = null;
    this.offsetMs = 0;
    this.fired = false;
    var self = this;
    setInterval(function () { self.draw(); }, 250);
  }
  Countdown.prototype.update = function (clock) {
    this.clock = clock;
    this.offsetMs = Date.parse(clock.server_now) - Date.now();
    this.draw();
  };
  Countdown.prototype.remainingSeconds = function () {
    var clock = this.clock;
    if (!clock) return null;
    if (clock.status === "running" && clock.deadline) {
      return Math.max(0, (Date.parse(clock.deadline) - (Date.now() + this.offsetMs)) / 1000);
    }
    return clock.remaining_seconds;
  };
  Countdown.prototype.draw = function () {
    var clock = this.clock;
    if (!clock) return;
    var seconds = this.remainingSeconds();
    var over = clock.status === "ended" || clock.status === "time_up" || (clock.status === "running" && seconds <= 0);
    this.node.textContent = over ? "00:00" : format(seconds);
    this.node.classList.toggle("amber", !over && clock.status === "running" && seconds <= 300 && seconds > 60);
    this.node.classList.toggle("red", over || (clock.status === "running" && seconds <= 60));
    this.node.setAttribute("data-status", over ? "over" : clock.status);
    // Screen readers hear the two warnings once each, not every second of the countdown.
    var warning = over ? "Time is up." : clock.status !== "running" ? "" : seconds <= 60 ? "One minute left." : seconds <= 300 ? "Five minutes left." : "";
    var announce = document.getElementById("countdown-announce");
    if (announce && warning !== this.warning) {
      this.warning = warning;
      announce.textContent = warning;
    }
    if (over && !this.fired) {
      this.fired = true;
      if (this.onZero) this.onZero(clock);
    }
  };

  function format(seconds) {
    seconds = Math.max(0, Math.ceil(seconds || 0));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = (m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  var VERDICTS = {
    accepted: "Accepted", wrong_answer: "Wrong answer", runtime_error: "Runtime error",
    time_limit_exceeded: "Time limit exceeded", memory_limit_exceeded: "Memory limit exceeded",
    output_limit_exceeded: "Output limit exceeded", internal_error: "Internal error",
  };
  var RATINGS = { pass: "Good", warn: "Could be better", fail: "Needs work", "n/a": "Not assessed" };
  var CRITERIA = {
    vectorization: "Vectorization", numerical_stability: "Numerical stability", axis_awareness: "Axis awareness",
    broadcasting: "Broadcasting", memory_efficiency: "Memory efficiency",
  };

  // A report as a compact results panel (the same classes as the practice page's).
  function renderReport(report, options) {
    options = options || {};
    var verdict = report.verdict || "internal_error";
    var tests = report.tests || [];
    var passed = tests.filter(function (t) { return t.passed; }).length;
    var meta = (report.mode === "run" ? "Run · examples only" : "Submit · every test") +
      (tests.length ? " · " + passed + "/" + tests.length + " passed" : "") +
      (report.score !== null && report.score !== undefined ? " · rubric " + Math.round(report.score) + "%" : "") +
      (options.automatic ? " · submitted automatically" : "");
    var article = el("article", { class: "results compact verdict-" + verdict, "data-verdict": verdict, "data-mode": report.mode }, [
      el("header", { class: "verdict-banner" }, [
        el("span", { class: "verdict-icon", "aria-hidden": "true", text: verdict === "accepted" ? "✓" : "✗" }),
        el("div", {}, [
          el("h3", { class: "verdict-title", text: VERDICTS[verdict] || verdict }),
          el("p", { class: "verdict-meta", text: meta }),
        ]),
      ]),
      report.summary ? el("p", { class: "summary", text: report.summary }) : null,
    ]);
    if (report.error) {
      article.appendChild(el("div", { class: "error-detail" }, [el("p", {
        text: report.error.type + (report.error.line ? " on line " + report.error.line : "") + ": " + report.error.message,
      })]));
    }
    var failed = tests.filter(function (t) { return !t.passed; }).slice(0, 3);
    if (failed.length) {
      article.appendChild(el("ul", { class: "test-list" }, failed.map(function (t) {
        return el("li", { class: "test failed" }, [el("span", { class: "test-mark", text: "✗" }),
          document.createTextNode(" " + t.name + (t.message ? ": " + t.message : ""))]);
      })));
    }
    var rubric = report.rubric || {};
    var rated = Object.keys(rubric).filter(function (k) { return rubric[k].rating !== "n/a"; });
    if (rated.length) {
      article.appendChild(el("ul", { class: "rubric" }, rated.map(function (name) {
        var rating = rubric[name].rating;
        var feedback = (rubric[name].feedback || []).map(function (item) {
          return el("li", { class: "feedback-item severity-" + item.severity, text: item.message + (item.line ? " (line " + item.line + ")" : "") });
        });
        return el("li", { class: "criterion rating-" + rating.replace("/", ""), "data-criterion": name }, [
          el("div", { class: "criterion-head" }, [
            el("span", { class: "criterion-name", text: CRITERIA[name] || name }),
            el("span", { class: "rating rating-" + rating.replace("/", ""), text: RATINGS[rating] || rating }),
          ]),
          feedback.length ? el("ul", { class: "feedback" }, feedback) : null,
        ]);
      })));
    }
    (report.timing_words || []).forEach(function (sentence) {
      article.appendChild(el("p", { class: "timing-words", text: sentence }));
    });
    return article;
  }

  function clockTime(iso) {
    var date = new Date(iso);
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  // Both interview pages show request errors in the same #session-error box.
  function showError(message) {
    var box = document.getElementById("session-error");
    box.textContent = message;
    box.hidden = !message;
  }

  window.ArrayDojoSession = {
    id: sessionId, token: token, api: api, stream: stream, Countdown: Countdown, format: format, el: el,
    renderReport: renderReport, clockTime: clockTime, showError: showError, VERDICTS: VERDICTS, CRITERIA: CRITERIA,
  };
})();
