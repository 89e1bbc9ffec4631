// The create-session form: the account's own questions as a group of their own beside the built-in
// challenges, sent with them as `challenges` (a question id, q_<n>, never looks like a challenge id).
import { $, el } from "./dom.js";
import { readResponse } from "./api.js";

const picker = $("question-picker");
const box = $("question-choices");
const selected = JSON.parse(picker.getAttribute("data-selected") || "[]");

fetch("/api/questions").then(readResponse).then((questions) => {
  box.textContent = "";
  if (!questions.length) {
    box.appendChild(el("p", { class: "muted small" }, ["None yet. ", el("a", { href: "/questions/new", text: "Write one" }), "."]));
    return;
  }
  questions.forEach((q) => {
    const input = el("input", { type: "checkbox", name: "challenges", value: q.id });
    input.checked = selected.indexOf(q.id) >= 0;
    box.appendChild(el("label", { class: "choice" }, [input, " " + q.title + " ",
      el("span", { class: "badge difficulty-" + q.difficulty, text: q.difficulty })]));
  });
}).catch((error) => {
  box.textContent = "";
  box.appendChild(el("p", { class: "muted small", text: "Your questions could not be loaded: " + error.message }));
});
