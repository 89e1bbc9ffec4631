// The account's scorecard templates: list, create from the default criteria, edit, delete.
import { $, el } from "./dom.js";
import { readResponse } from "./api.js";

const BASE = "/api/scorecard-templates";
let editing = null; // the template's id, or "" for a new one
let counter = 0;

function call(method, url, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(url, options).then(readResponse);
}

function status(text) { $("template-status").textContent = text; }

function showError(error) {
  const box = $("template-editor-error");
  box.textContent = error ? error.message : "";
  box.hidden = !error;
}

function keyOf(label) {
  const key = label.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40);
  return /^[a-z]/.test(key) ? key : "c_" + key.slice(0, 38);
}

function criterionFields(criterion) {
  const n = ++counter;
  const box = el("fieldset", { class: "template-criterion", "data-key": criterion.key || "", "data-rubric": criterion.rubric ? "1" : "" });
  box.appendChild(el("legend", { text: criterion.label || "New criterion" }));
  const label = el("input", { type: "text", id: "criterion-label-" + n, maxlength: "80", value: criterion.label || "", class: "criterion-label" });
  label.addEventListener("input", () => { box.querySelector("legend").textContent = label.value || "New criterion"; });
  box.appendChild(el("label", { for: label.id, text: "Criterion" }));
  box.appendChild(label);
  for (let i = 0; i < 4; i++) {
    const area = el("textarea", { id: "criterion-" + n + "-anchor-" + (i + 1), rows: "2", class: "criterion-anchor" });
    area.value = (criterion.anchors || [])[i] || "";
    box.appendChild(el("label", { for: area.id, text: "What " + (i + 1) + " means" }));
    box.appendChild(area);
  }
  const remove = el("button", { type: "button", class: "button small danger-outline", text: "Remove this criterion" });
  remove.addEventListener("click", () => box.remove());
  box.appendChild(remove);
  return box;
}

function openEditor(template) {
  editing = template.id || "";
  showError(null);
  $("template-name").value = template.name || "";
  const box = $("template-criteria");
  box.textContent = "";
  template.criteria.forEach((c) => box.appendChild(criterionFields(c)));
  $("template-editor").hidden = false;
  $("template-name").focus();
}

function readEditor() {
  const criteria = Array.prototype.map.call(document.querySelectorAll(".template-criterion"), (box) => {
    const label = box.querySelector(".criterion-label").value.trim();
    return {
      key: box.getAttribute("data-key") || keyOf(label),
      label,
      rubric: box.getAttribute("data-rubric") === "1",
      anchors: Array.prototype.map.call(box.querySelectorAll(".criterion-anchor"), (a) => a.value.trim()),
    };
  });
  return { name: $("template-name").value, criteria };
}

function load() {
  return call("GET", BASE).then((list) => {
    const ul = $("template-list");
    ul.textContent = "";
    if (!list.length) ul.appendChild(el("li", { class: "muted", text: "No templates yet: interviews use the default criteria." }));
    list.forEach((t) => {
      const edit = el("button", { type: "button", class: "button small", text: "Edit" });
      edit.addEventListener("click", () => openEditor(t));
      const remove = el("button", { type: "button", class: "button small danger-outline", text: "Delete" });
      remove.addEventListener("click", () => {
        if (!window.confirm("Delete the template “" + t.name + "”? Scorecards saved with it keep their copy.")) return;
        call("DELETE", BASE + "/" + encodeURIComponent(t.id)).then(() => { status("Deleted " + t.name + "."); load(); })
          .catch((error) => status(error.message));
      });
      ul.appendChild(el("li", { class: "template-item", "data-template": t.id }, [
        el("span", { class: "template-name", text: t.name }),
        el("span", { class: "muted small", text: " · " + t.criteria.length + " criteria " }),
        edit, " ", remove,
      ]));
    });
  }).catch((error) => status(error.message));
}

$("new-template").addEventListener("click", () => {
  call("GET", BASE + "/default").then((criteria) => openEditor({ name: "", criteria })).catch((error) => status(error.message));
});
$("add-criterion").addEventListener("click", () => {
  const box = criterionFields({ label: "", anchors: ["", "", "", ""] });
  $("template-criteria").appendChild(box);
  box.querySelector(".criterion-label").focus();
});
$("cancel-template").addEventListener("click", () => { $("template-editor").hidden = true; });
$("template-editor").addEventListener("submit", (event) => {
  event.preventDefault();
  const body = readEditor();
  const request = editing ? call("PUT", BASE + "/" + encodeURIComponent(editing), body) : call("POST", BASE, body);
  request.then((saved) => {
    $("template-editor").hidden = true;
    status("Saved " + saved.name + ".");
    load();
  }).catch(showError);
});
load();
