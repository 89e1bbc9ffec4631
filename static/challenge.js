// The challenge page: editor, autosave (browser at once, server debounced), Run / Submit with the
// queue position, hints, give up, line links into the editor, previous submissions.
(function () {
  "use strict";
  var DRAFT_DEBOUNCE_MS = 800;
  var QUEUE_POLL_MS = 400;

  var data = JSON.parse(document.getElementById("challenge-data").textContent);
  var textarea = document.getElementById("code");
  var form = document.getElementById("code-form");
  var results = document.getElementById("results");
  var queueStatus = document.getElementById("queue-status");
  var saveStatus = document.getElementById("save-status");
  var keymapSelect = document.getElementById("keymap-select");
  var runButton = document.getElementById("run-button");
  var submitButton = document.getElementById("submit-button");
  var draftKey = "arraydojo.draft." + data.id;
  var editor = null;
  var busy = false;
  var saveTimer = null;
  var retryTimer = null;

  function storage(action, key, value) {
    try {
      if (action === "get") return localStorage.getItem(key);
      if (action === "set") localStorage.setItem(key, value);
      if (action === "remove") localStorage.removeItem(key);
    } catch (e) { /* private mode or full: the server draft still saves */ }
    return null;
  }

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
    storage("set", draftKey, JSON.stringify({ code: code, dirty: true, at: Date.now() }));
    setSaveStatus("Saved in this browser…");
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveToServer, DRAFT_DEBOUNCE_MS);
  }

  function saveToServer(options) {
    clearTimeout(saveTimer);
    var code = getCode();
    return fetch("/api/drafts/" + encodeURIComponent(data.id), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: code }),
      keepalive: Boolean(options && options.keepalive),
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (body) { throw new Error(body.error ? body.error.message : response.status); });
      }
      var local = readLocal();
      if (local && local.code === code) storage("set", draftKey, JSON.stringify({ code: code, dirty: false, at: local.at }));
      setSaveStatus("Draft saved");
    }).catch(function (error) {
      setSaveStatus("Saved in this browser; the server copy failed (" + error.message + "), retrying");
      saveTimer = setTimeout(saveToServer, 5000);
    });
  }

  function restoreDraft() {
    var local = readLocal();
    if (local && local.dirty && typeof local.code === "string" && local.code !== textarea.value) {
      textarea.value = local.code;
      setSaveStatus("Restored unsaved changes from this browser");
      saveTimer = setTimeout(saveToServer, 0);
    } else if (!local || local.code !== textarea.value) {
      storage("set", draftKey, JSON.stringify({ code: textarea.value, dirty: false, at: Date.now() }));
    }
  }

  function newTicket() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
    return String(Math.random()).slice(2) + String(Date.now());
  }

  function showQueue(text, spinning) {
    queueStatus.textContent = text;
    queueStatus.classList.toggle("busy", Boolean(spinning));
  }

  function setBusy(value) {
    busy = value;
    runButton.disabled = value;
    submitButton.disabled = value;
    form.setAttribute("aria-busy", value ? "true" : "false");
  }

  function grade(mode) {
    if (busy) return;
    clearTimeout(retryTimer);
    setBusy(true);
    var ticket = newTicket();
    var label = mode === "run" ? "Running on the examples…" : "Grading every test and timing…";
    showQueue(label, true);
    var poll = setInterval(function () {
      fetch("/api/queue/" + ticket).then(function (r) { return r.json(); }).then(function (status) {
        if (!busy) return;
        if (status.state === "queued") showQueue("Queued, position " + status.position, true);
        else if (status.state === "running") showQueue(label, true);
      }).catch(function () { /* the grade's own response reports errors */ });
    }, QUEUE_POLL_MS);
    fetch("/challenges/" + encodeURIComponent(data.id) + "/" + mode, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Fragment": "results", "X-Grade-Ticket": ticket },
      body: JSON.stringify({ code: getCode() }),
    }).then(function (response) {
      return response.text().then(function (html) {
        clearInterval(poll);
        setBusy(false);
        if (response.status === 503) {
          var wait = parseInt(response.headers.get("Retry-After") || "2", 10);
          var position = parseInt(response.headers.get("X-Queue-Position") || "1", 10);
          showQueue("Queued, position " + position + ": every grader is busy, retrying in " + wait + " s", true);
          retryTimer = setTimeout(function () { grade(mode); }, wait * 1000);
          return;
        }
        showQueue("", false);
        results.innerHTML = html;
        var verdict = response.headers.get("X-Verdict");
        if (response.ok && mode === "submit") {
          refreshSubmissions();
          if (verdict === "accepted") showReference();
        }
        var local = readLocal();
        if (local && local.dirty) saveToServer();
      });
    }).catch(function (error) {
      clearInterval(poll);
      setBusy(false);
      showQueue("Could not reach the server (" + error.message + "). Your code is saved in this browser; try again.", false);
    });
  }

  function refreshFragment(url, target) {
    return fetch(url, { headers: { "X-Fragment": "1" } }).then(function (response) {
      if (response.ok) return response.text().then(function (html) { target.innerHTML = html; });
    });
  }

  function refreshSubmissions() {
    refreshFragment("/challenges/" + encodeURIComponent(data.id) + "/submissions", document.getElementById("submissions-body"));
  }

  function showReference() {
    refreshFragment("/challenges/" + encodeURIComponent(data.id) + "/reference", document.getElementById("reference-body"));
  }

  function postFragment(url, target) {
    return fetch(url, { method: "POST", headers: { "X-Fragment": "1" } }).then(function (response) {
      return response.text().then(function (html) { target.innerHTML = html; return response.ok; });
    });
  }

  function setupEditor() {
    var keymap = storage("get", "arraydojo.keymap") || "default";
    keymapSelect.value = keymap;
    if (window.ArrayDojoEditor) {
      editor = window.ArrayDojoEditor.create(textarea, {
        keymap: keymap,
        label: "Your solution (Python). Press Escape then Tab to leave the editor.",
        onChange: onEdit,
        onRun: function () { grade("run"); },
        onSubmit: function () { grade("submit"); },
      });
      window.arraydojoEditor = editor; // for the browser tests and the console
    } else {
      keymapSelect.disabled = true;
      textarea.addEventListener("input", function () { onEdit(textarea.value); });
    }
    keymapSelect.addEventListener("change", function () {
      storage("set", "arraydojo.keymap", keymapSelect.value);
      if (editor) { editor.setKeymap(keymapSelect.value); editor.focus(); }
    });
  }

  function wire() {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      grade(submitter && submitter.id === "submit-button" ? "submit" : "run");
    });

    document.getElementById("reset-button").addEventListener("click", function () {
      setCode(data.starter);
      setSaveStatus("Reset to the starter code (Ctrl+Z undoes it)");
      if (editor) editor.focus();
    });

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      grade(event.shiftKey ? "submit" : "run");
    });

    results.addEventListener("click", function (event) {
      var link = event.target.closest(".line-link");
      if (link && editor) editor.highlightLine(parseInt(link.getAttribute("data-line"), 10));
    });

    document.getElementById("hints").addEventListener("submit", function (event) {
      if (event.target.id !== "hint-form") return;
      event.preventDefault();
      var body = document.getElementById("hints-body");
      postFragment(event.target.action, body).then(function () {
        var hints = body.querySelectorAll(".hint");
        if (hints.length) {
          var last = hints[hints.length - 1];
          last.setAttribute("tabindex", "-1");
          last.focus();
        }
      });
    });

    document.getElementById("reference").addEventListener("submit", function (event) {
      if (event.target.id !== "give-up-form") return;
      event.preventDefault();
      if (!window.confirm("Give up and show the reference solution? You can keep working on your own code afterwards.")) return;
      postFragment(event.target.action, document.getElementById("reference-body"));
    });

    document.getElementById("submissions").addEventListener("click", function (event) {
      var button = event.target.closest(".load-code");
      if (!button) return;
      var code = button.closest("details").querySelector(".submission-code code").textContent;
      setCode(code);
      setSaveStatus("Loaded submission #" + button.getAttribute("data-submission") + " (Ctrl+Z undoes it)");
      if (editor) editor.focus();
    });

    window.addEventListener("pagehide", function () {
      var local = readLocal();
      if (local && local.dirty) saveToServer({ keepalive: true });
    });
    document.addEventListener("visibilitychange", function () {
      var local = readLocal();
      if (document.visibilityState === "hidden" && local && local.dirty) saveToServer({ keepalive: true });
    });
  }

  restoreDraft();
  setupEditor();
  wire();
})();
