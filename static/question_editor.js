// The question editor: the draft's fields (four CodeMirror editors), a live Markdown preview rendered by
// the server, save with progress (the server validates in the sandbox: seconds), the server's refusal
// next to the field it concerns, an unsaved-changes warning, and a copy in this browser until it saves.
import { $, setupEditor, storage } from "./dom.js";

const PREVIEW_DEBOUNCE_MS = 350;
const LOCAL_DEBOUNCE_MS = 500;
const CODE_FIELDS = ["starter", "reference", "generator", "naive"];
const TEXT_FIELDS = ["title", "summary", "difficulty", "function", "signature", "statement"];
const CRITERIA = ["vectorization", "numerical_stability", "axis_awareness", "broadcasting", "memory_efficiency"];
// Every field the server may name in a refusal, each with an error slot in the page.
const FIELDS = TEXT_FIELDS.concat(CODE_FIELDS, ["hints", "followups", "criteria", "probes", "rtol", "atol",
  "timing_sizes", "loop_sizes"]);

const data = JSON.parse($("question-data").textContent);
let questionId = data.id;
const localKey = () => "arraydojo.question." + (questionId || "new");
const editors = {};
let saved = null; // the draft as the server last accepted it (JSON text), to tell unsaved changes
let saving = false;

// --- reading and writing the form ---------------------------------------------------------------

function codeOf(name) { return editors[name] ? editors[name].getCode() : $("q-" + name).value; }

function setCode(name, text) {
  $("q-" + name).value = text;
  if (editors[name]) editors[name].setCode(text);
}

function lines(text) { return text.split("\n").map((line) => line.trim()).filter(Boolean); }

function numbers(selector) {
  return Array.prototype.map.call(document.querySelectorAll(selector), (input) => Number(input.value));
}

function readDraft() {
  const draft = {};
  TEXT_FIELDS.forEach((name) => { draft[name] = $("q-" + name).value; });
  CODE_FIELDS.forEach((name) => { draft[name] = codeOf(name); });
  if (!draft.naive.trim()) draft.naive = null;
  draft.hints = Array.prototype.map.call(document.querySelectorAll(".hint-source"), (a) => a.value.trim()).filter(Boolean);
  draft.followups = lines($("q-followups").value);
  draft.criteria = CRITERIA.filter((key) => $("q-criterion-" + key).checked);
  draft.probes = {};
  draft.criteria.forEach((key) => {
    const names = lines($("q-probes-" + key).value);
    if (names.length) draft.probes[key] = names;
  });
  draft.rtol = Number($("q-rtol").value);
  draft.atol = Number($("q-atol").value);
  draft.timing_sizes = numbers(".timing-size");
  draft.loop_sizes = numbers(".loop-size");
  return draft;
}

function fillForm(draft) {
  TEXT_FIELDS.forEach((name) => { $("q-" + name).value = draft[name] == null ? "" : draft[name]; });
  CODE_FIELDS.forEach((name) => setCode(name, draft[name] || ""));
  document.querySelectorAll(".hint-source").forEach((area, i) => { area.value = (draft.hints || [])[i] || ""; });
  $("q-followups").value = (draft.followups || []).join("\n");
  CRITERIA.forEach((key) => {
    $("q-criterion-" + key).checked = (draft.criteria || []).indexOf(key) >= 0;
    $("q-probes-" + key).value = ((draft.probes || {})[key] || []).join("\n");
  });
  $("q-rtol").value = draft.rtol;
  $("q-atol").value = draft.atol;
  document.querySelectorAll(".timing-size").forEach((input, i) => { input.value = (draft.timing_sizes || [])[i] || ""; });
  document.querySelectorAll(".loop-size").forEach((input, i) => { input.value = (draft.loop_sizes || [])[i] || ""; });
  renderPreview();
}

const isDirty = () => saved !== null && JSON.stringify(readDraft()) !== saved;

// --- errors next to their fields ----------------------------------------------------------------

function clearErrors() {
  document.querySelectorAll(".field-error").forEach((node) => { node.textContent = ""; node.hidden = true; });
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  $("form-error").hidden = true;
  $("form-error").textContent = "";
}

// The field a message concerns: "reference: ..." from a validation detail, the server's own `field`,
// or else the first field the sentence names, by name or by its file ("tests.py does not compile",
// "The reference is too slow", "define sized_input(n, rng)": the fix is in that editor).
const ALIASES = { "tests.py": "generator", tests: "generator", "cases()": "generator", cases: "generator",
  case: "generator", sized_input: "generator", loop_input: "generator", memory_probe: "generator",
  "reference.py": "reference", "naive.py": "naive", "starter.py": "starter", "statement.md": "statement" };
const NAMED_IN_TEXT = FIELDS.filter((name) => name !== "function" && name !== "difficulty");

function fieldOf(text, named) {
  if (named && FIELDS.indexOf(named) >= 0) return named;
  const head = /^([a-z_]+)(?:\.[\w.]+)?: /.exec(text);
  if (head && FIELDS.indexOf(head[1]) >= 0) return head[1];
  const tokens = text.toLowerCase().match(/[a-z_][a-z0-9_.]*(?:\(\))?/g) || [];
  for (const token of tokens) {
    const word = token.replace(/\.+$/, "").replace(/\(\)$/, "");
    const found = ALIASES[word] || ALIASES[word.split(".")[0]]
      || (NAMED_IN_TEXT.indexOf(word.split(".")[0]) >= 0 ? word.split(".")[0] : null);
    if (found) return found;
  }
  return null;
}

function showError(field, text) {
  const slot = field && $(field + "-error");
  if (!slot) {
    const box = $("form-error");
    box.appendChild(document.createElement("p")).textContent = text;
    box.hidden = false;
    return box;
  }
  slot.textContent = slot.textContent ? slot.textContent + " " + text : text;
  slot.hidden = false;
  const input = $("q-" + field);
  if (input && !editors[field]) input.setAttribute("aria-invalid", "true");
  return slot;
}

function showRefusal(error) {
  clearErrors();
  const details = error.details && error.details.length ? error.details : [];
  const first = [];
  if (details.length) {
    if (!error.field) showError(null, error.message);
    details.forEach((text) => first.push(showError(fieldOf(text, error.field), text)));
  } else {
    first.push(showError(fieldOf(error.message, error.field), error.message));
  }
  const target = first[0] || $("form-error");
  target.scrollIntoView({ block: "center", behavior: "auto" });
  // The keyboard goes to the field to fix; its description (the message) is read out with it.
  const field = target.getAttribute("data-field");
  if (field && editors[field]) editors[field].focus();
  else if (field && $("q-" + field)) $("q-" + field).focus({ preventScroll: true });
}

// --- preview ------------------------------------------------------------------------------------

let previewTimer = null;
let previewSeq = 0;
function renderPreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    const seq = ++previewSeq;
    fetch("/api/markdown/preview", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ markdown: $("q-statement").value }) })
      .then((response) => response.json().then((body) => ({ response, body })))
      .then(({ response, body }) => {
        if (seq !== previewSeq) return; // a newer preview is on its way
        if (!response.ok) {
          $("preview-status").textContent = "(not updated: " + (body.error ? body.error.message : "HTTP " + response.status) + ")";
          // Too many at once: the latest text is previewed once the limit allows, without another keystroke.
          if (response.status === 429) setTimeout(renderPreview, 1000 * parseInt(response.headers.get("Retry-After") || "1", 10));
          return;
        }
        $("statement-preview").innerHTML = body.html; // rendered by the server with raw HTML escaped
        $("preview-status").textContent = "";
      }).catch(() => { $("preview-status").textContent = "(not updated: the server did not answer)"; });
  }, PREVIEW_DEBOUNCE_MS);
}

// --- the copy kept in this browser until the server has it --------------------------------------

let localTimer = null;
function onEdit() {
  clearTimeout(localTimer);
  localTimer = setTimeout(() => {
    if (isDirty()) storage("set", localKey(), JSON.stringify({ at: new Date().toISOString(), draft: readDraft() }));
  }, LOCAL_DEBOUNCE_MS);
}

function restoreLocal() {
  let kept = null;
  try { kept = JSON.parse(storage("get", localKey()) || "null"); } catch (e) { kept = null; }
  if (!kept || !kept.draft || JSON.stringify(kept.draft) === saved) return;
  const server = saved;
  fillForm(kept.draft);
  $("restored-text").textContent = "Restored the unsaved edits this browser kept at "
    + new Date(kept.at).toLocaleString() + ". Save to keep them.";
  $("restored-notice").hidden = false;
  $("discard-restored").addEventListener("click", () => {
    fillForm(JSON.parse(server));
    storage("remove", localKey());
    $("restored-notice").hidden = true;
  }, { once: true });
}

// --- save ---------------------------------------------------------------------------------------

function setSaveStatus(text, busy) {
  const node = $("save-status");
  node.textContent = text;
  node.classList.toggle("busy", Boolean(busy));
}

async function request(method, url, body) {
  const response = await fetch(url, { method, headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get("content-type") || "";
  const payload = type.indexOf("json") >= 0 ? await response.json() : null;
  if (!response.ok) {
    const error = (payload && payload.error) || { message: "HTTP " + response.status };
    error.status = response.status;
    error.retryAfter = parseInt(response.headers.get("Retry-After") || "0", 10);
    throw error;
  }
  return payload;
}

function savedText(validation) {
  if (!validation) return "Saved.";
  return "Saved: " + validation.case_count + " cases, " + validation.visible_count + " visible.";
}

async function save() {
  if (saving) return;
  saving = true;
  clearErrors();
  const draft = readDraft();
  const button = $("save-button");
  button.disabled = true;
  const started = Date.now();
  const tick = () => setSaveStatus("Validating in the sandbox: running your reference and generator… "
    + Math.round((Date.now() - started) / 1000) + " s", true);
  tick();
  const ticker = setInterval(tick, 1000);
  try {
    let question;
    if (questionId) {
      question = await request("PUT", "/api/questions/" + encodeURIComponent(questionId), draft);
    } else {
      const created = await request("POST", "/api/questions", draft);
      storage("remove", localKey());
      questionId = created.id;
      window.history.replaceState(null, "", "/questions/" + encodeURIComponent(questionId) + "/edit");
      $("editor-title").textContent = "Edit question";
      if ($("new-lead")) $("new-lead").hidden = true;
      document.title = "Edit question · ArrayDojo";
    }
    if (!question || !question.validation) question = await request("GET", "/api/questions/" + encodeURIComponent(questionId));
    saved = JSON.stringify(draft);
    storage("remove", localKey());
    setSaveStatus(savedText(question.validation), false);
    $("save-status").setAttribute("data-saved", questionId);
  } catch (error) {
    // The form keeps every edit; this browser keeps a copy too, until a save goes through.
    storage("set", localKey(), JSON.stringify({ at: new Date().toISOString(), draft }));
    if (error.status === 503 && error.retryAfter > 0) {
      // Every sandbox slot is busy: not a refusal of the question, so try again by itself.
      setSaveStatus(error.message + " Retrying in " + error.retryAfter + " s…", true);
      setTimeout(save, error.retryAfter * 1000);
    } else {
      setSaveStatus("Not saved.", false);
      showRefusal(error);
    }
  } finally {
    clearInterval(ticker);
    button.disabled = false;
    saving = false;
  }
}

// --- start --------------------------------------------------------------------------------------

function mountEditors() {
  CODE_FIELDS.forEach((name) => {
    const textarea = $("q-" + name);
    const label = $("q-" + name + "-label").textContent;
    const editor = setupEditor(textarea, {
      label: label + " (Python). Press Escape then Tab to leave the editor.",
      onChange: onEdit,
      // Wrapped, and as tall as the code (app.css): no editor is a scroll region of its own, so the
      // page scrolls them all and the keyboard never meets a region it cannot scroll (axe).
      lineWrapping: true,
      completeOnTyping: true,
      onSubmit: save,
      onRun: save,
    });
    if (editor) {
      editors[name] = editor;
      editor.view.contentDOM.setAttribute("aria-describedby", name + "-help " + name + "-error");
      // The label's click goes to the editor, as it would to the textarea it replaces.
      $("q-" + name + "-label").addEventListener("click", () => editor.focus());
    }
  });
}

function start(draft) {
  fillForm(draft);
  saved = JSON.stringify(readDraft());
  restoreLocal();
}

mountEditors();
$("question-form").addEventListener("input", onEdit);
$("question-form").addEventListener("change", onEdit);
$("q-statement").addEventListener("input", renderPreview);
$("question-form").addEventListener("submit", (event) => { event.preventDefault(); save(); });
// Ctrl/Cmd+Enter saves from any field (inside a code editor its own keymap has already done it).
document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  save();
});
window.addEventListener("beforeunload", (event) => {
  if (!isDirty() && !saving) return;
  event.preventDefault();
  event.returnValue = ""; // the browser's own "leave the page?" dialog
});

start(data.start);
if (data.validation) {
  setSaveStatus("Last saved: " + data.validation.case_count + " cases, " + data.validation.visible_count + " visible.", false);
}
