// Every page: the theme toggle, the `?` shortcuts overlay, the progress import form, the new-session form.
// (theme.js stays a classic script in <head>: it must set the theme before the first paint.)
import { readResponse } from "./api.js";
import { plural } from "./dom.js";

var root = document.documentElement;
var media = window.matchMedia("(prefers-color-scheme: dark)");

function effectiveTheme() {
  var chosen = root.getAttribute("data-theme");
  return chosen || (media.matches ? "dark" : "light");
}

function showTheme() {
  var theme = effectiveTheme();
  root.setAttribute("data-effective-theme", theme);
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    toggle.title = theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme";
  }
}

function toggleTheme() {
  var next = effectiveTheme() === "dark" ? "light" : "dark";
  // Back to following the OS when the choice matches it, so a later OS change still applies.
  if ((next === "dark") === media.matches) root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", next);
  try {
    if (root.hasAttribute("data-theme")) localStorage.setItem("arraydojo.theme", next);
    else localStorage.removeItem("arraydojo.theme");
  } catch (e) { /* not saved: fine */ }
  showTheme();
}

function isTyping(target) {
  if (!target) return false;
  var tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable ||
    (target.closest && target.closest(".cm-editor"));
}

function openShortcuts() {
  var dialog = document.getElementById("shortcuts");
  if (dialog && !dialog.open) dialog.showModal();
}

document.addEventListener("DOMContentLoaded", function () {
  showTheme();
  var toggle = document.getElementById("theme-toggle");
  if (toggle) toggle.addEventListener("click", toggleTheme);
  var help = document.getElementById("shortcuts-button");
  if (help) help.addEventListener("click", openShortcuts);
  var importForm = document.getElementById("import-form");
  if (importForm) importForm.addEventListener("submit", importProgress);
  var sessionForm = document.getElementById("session-form");
  if (sessionForm) sessionForm.addEventListener("input", choosePick);
});

// The new-session form: ticking a challenge means "pick them", touching the draw means "random".
function choosePick(event) {
  var target = event.target;
  if (target.name === "pick") return;
  var value = target.name === "challenges" ? "list"
    : ["count", "lesson_from", "lesson_to", "difficulty"].indexOf(target.name) >= 0 ? "random" : null;
  if (!value) return;
  var radio = document.querySelector('#session-form input[name="pick"][value="' + value + '"]');
  if (radio) radio.checked = true;
}
media.addEventListener("change", showTheme);

document.addEventListener("keydown", function (event) {
  if (event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
    event.preventDefault();
    openShortcuts();
  }
});

function importProgress(event) {
  var input = document.getElementById("import-file");
  var status = document.getElementById("import-status");
  if (!input.files || !input.files[0]) return;
  event.preventDefault();
  status.textContent = "Importing…";
  input.files[0].text().then(function (text) {
    return fetch("/api/progress/import", { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
  }).then(readResponse).then(function (body) {
    var n = body.imported;
    status.textContent = "Imported " + plural(n.submissions, "submission") + ", " + plural(n.drafts, "draft") + " and " +
      plural(n.challenges, "hint record") + (n.skipped ? " (" + n.skipped + " skipped: unknown challenges)" : "") + ". Reloading…";
    setTimeout(function () { window.location.reload(); }, 900);
  }).catch(function (error) {
    status.textContent = "Import failed: " + error.message;
  });
}
