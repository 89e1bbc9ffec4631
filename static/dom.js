// Shared by every page's module: building elements, the label table, storage that never throws,
// and the editor set-up (the CodeMirror bundle, editor.js, stays a classic script: it defines
// window.ArrayDojoEditor, and a page without it falls back to its textarea).

export function $(id) { return document.getElementById(id); }

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((key) => {
    if (key === "text") node.textContent = attrs[key];
    else if (key === "class") node.className = attrs[key];
    else node.setAttribute(key, attrs[key]);
  });
  (children || []).forEach((child) => {
    if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

// The server's one label table (app/labels.toml), embedded in the page as JSON.
let cachedLabels = null;
export function labels() {
  if (!cachedLabels) {
    const node = document.getElementById("labels");
    cachedLabels = node ? JSON.parse(node.textContent) : { verdicts: {}, ratings: {}, criteria: {}, recommendations: {} };
  }
  return cachedLabels;
}

export function setLabels(table) { cachedLabels = table; }

export function verdictLabel(verdict) { return labels().verdicts[verdict] || verdict; }

export function storage(action, key, value) {
  try {
    if (action === "get") return localStorage.getItem(key);
    if (action === "set") localStorage.setItem(key, value);
    if (action === "remove") localStorage.removeItem(key);
  } catch (e) { /* private mode or full: the server copy still saves */ }
  return null;
}

export function clockTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function showQueue(node, text, spinning) {
  node.textContent = text;
  node.classList.toggle("busy", Boolean(spinning));
}

export function setBusy(buttons, value) {
  buttons.forEach((button) => { button.disabled = value; });
}

// The editor over a textarea: CodeMirror when its bundle loaded, else the textarea itself.
export function setupEditor(textarea, options) {
  if (!window.ArrayDojoEditor) {
    if (options.onChange) textarea.addEventListener("input", () => options.onChange(textarea.value));
    return null;
  }
  const editor = window.ArrayDojoEditor.create(textarea, {
    keymap: options.keymap || "default",
    label: options.label,
    onChange: options.onChange,
    onRun: options.onRun,
    onSubmit: options.onSubmit,
    lineWrapping: Boolean(options.lineWrapping),
    completeOnTyping: Boolean(options.completeOnTyping),
  });
  if (options.readOnly) editor.setReadOnly(true);
  window.arraydojoEditor = editor; // for the browser tests and the console
  return editor;
}

// Ctrl/Cmd+Enter runs, Ctrl/Cmd+Shift+Enter submits, wherever the focus is.
export function onGradeKeys(grade) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    grade(event.shiftKey ? "submit" : "run");
  });
}

// Line links in a results fragment highlight that line in the editor.
export function onLineLinks(container, getEditor) {
  container.addEventListener("click", (event) => {
    const link = event.target.closest(".line-link");
    const editor = getEditor();
    if (link && editor) editor.highlightLine(parseInt(link.getAttribute("data-line"), 10));
  });
}

// Counts, ratios and durations as the pages write them (the same rules as app/wording.py).
export function plural(count, noun, pluralNoun) {
  const number = Number.isInteger(count) ? count.toLocaleString("en-US") : String(count);
  return number + " " + (count === 1 ? noun : pluralNoun || noun + "s");
}

export function formatRatio(value) {
  if (!Number.isFinite(value)) return "—";
  if (value >= 10) return Math.round(value).toLocaleString("en-US") + "×";
  const text = value < 1 ? String(Number(value.toPrecision(2))) : value.toFixed(1).replace(/\.0$/, "");
  return text + "×";
}

export function formatDuration(seconds) {
  const s = Math.max(0, seconds);
  if (s < 60) return s >= 1 ? plural(Math.round(s), "second") : Number(s.toPrecision(2)) + " s";
  const minutes = Math.round(s / 60);
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60), rest = minutes % 60;
  return rest === 0 ? plural(hours, "hour") : hours + " h " + rest + " min";
}
