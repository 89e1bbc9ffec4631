// The question library: the account's questions from GET /api/questions, with edit, export (a zip),
// delete (after a confirm), and import of a zipped question folder with the server's reason on refusal.
import { $, el, plural } from "./dom.js";
import { readResponse } from "./api.js";

const list = $("question-list");
const status = $("question-list-status");

function when(iso) {
  const date = new Date(iso);
  return el("time", { datetime: iso, text: date.toLocaleDateString() + " " + date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) });
}

function row(q) {
  const base = "/questions/" + encodeURIComponent(q.id);
  const remove = el("button", { type: "button", class: "button small danger-outline", text: "Delete" });
  remove.addEventListener("click", () => {
    if (!window.confirm("Delete the question “" + q.title + "”? Sessions that used it keep their record; it cannot be picked again.")) return;
    remove.disabled = true;
    fetch("/api/questions/" + encodeURIComponent(q.id), { method: "DELETE" }).then(readResponse).then(() => {
      status.textContent = "Deleted “" + q.title + "”.";
      load();
    }).catch((error) => { status.textContent = "Not deleted: " + error.message; remove.disabled = false; });
  });
  return el("li", { class: "card question-row", "data-question": q.id }, [
    el("div", { class: "question-main" }, [
      el("h2", {}, [el("a", { href: base + "/edit", text: q.title }), " ",
        el("span", { class: "badge difficulty-" + q.difficulty, text: q.difficulty })]),
      el("p", { class: "question-summary", text: q.summary }),
      el("dl", { class: "dashboard-facts" }, [
        el("div", {}, [el("dt", { text: "Function" }), el("dd", {}, [el("code", { text: q.function })])]),
        el("div", {}, [el("dt", { text: "Cases" }), el("dd", { class: "question-cases", text: plural(q.case_count, "case") + ", " + q.visible_count + " visible" })]),
        el("div", {}, [el("dt", { text: "Updated" }), el("dd", {}, [when(q.updated_at)])]),
      ]),
    ]),
    el("div", { class: "dashboard-actions" }, [
      el("a", { class: "button small", href: base + "/edit", text: "Edit", "aria-label": "Edit " + q.title }),
      el("a", { class: "button small", href: "/api/questions/" + encodeURIComponent(q.id) + "/export", download: q.function + ".zip",
        text: "Export", "aria-label": "Export " + q.title + " as a zip" }),
      remove,
    ]),
  ]);
}

function load() {
  return fetch("/api/questions").then(readResponse).then((questions) => {
    list.textContent = "";
    questions.forEach((q) => list.appendChild(row(q)));
    if (!questions.length) {
      status.textContent = "";
      list.appendChild(el("li", { class: "card" }, [el("p", {}, ["No questions yet. ",
        el("a", { href: "/questions/new", text: "Write your first question" }),
        ": it starts from a worked example that saves as it is."])]));
    } else if (status.textContent.indexOf("Loading") === 0) {
      status.textContent = plural(questions.length, "question") + ".";
    }
  }).catch((error) => { status.textContent = "Your questions could not be loaded: " + error.message; });
}

function showImportError(error) {
  const box = $("import-error");
  box.textContent = "";
  if (error) {
    box.appendChild(el("p", {}, [el("strong", { text: "Not imported: " }), error.message]));
  }
  box.hidden = !error;
}

$("import-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const file = $("import-file").files[0];
  showImportError(null);
  if (!file) { showImportError(new Error("Choose a .zip file first.")); return; }
  const button = $("import-form").querySelector("button[type=submit]");
  button.disabled = true;
  $("import-status").textContent = "Importing " + file.name + ": validating in the sandbox…";
  fetch("/api/questions/import", { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file })
    .then(readResponse).then((created) => {
      $("import-status").textContent = "Imported " + file.name + ".";
      $("import-form").reset();
      return load().then(() => {
        const added = list.querySelector("[data-question='" + created.id + "'] a");
        if (added) added.focus();
      });
    }).catch((error) => { $("import-status").textContent = ""; showImportError(error); })
    .finally(() => { button.disabled = false; });
});

load();
