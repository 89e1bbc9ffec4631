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
