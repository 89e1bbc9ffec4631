// "Your session is ready": the links come from this page's fragment (#c=<candidate>&i=<interviewer>),
// put there by the create form's redirect, so reloading shows them again and creates nothing.
import { $ } from "./dom.js";
import { readResponse } from "./api.js";
import { wireCopyButtons } from "./links.js";

const sessionId = $("session-ready").getAttribute("data-session");
const params = new URLSearchParams(window.location.hash.slice(1));
const candidate = params.get("c") || "";
const interviewer = params.get("i") || "";
const base = window.location.origin + "/sessions/" + encodeURIComponent(sessionId);

if (candidate && interviewer) {
  $("candidate-url").value = base + "/candidate#" + candidate;
  $("interviewer-url").value = base + "/interviewer#" + interviewer;
  $("open-interviewer").href = "/sessions/" + encodeURIComponent(sessionId) + "/interviewer#" + interviewer;
  if (!$("session-summary").textContent) {
    fetch("/api/sessions/" + encodeURIComponent(sessionId), { headers: { Authorization: "Bearer " + interviewer } })
      .then(readResponse).then((data) => {
        const minutes = (data.clock.duration_seconds / 60).toFixed(1);
        $("session-summary").textContent = data.challenges.map((c) => c.title).join(", ") + " · " + minutes + " minutes" +
          (data.candidate_name ? " · " + data.candidate_name : "") + " · hints " + (data.hints_allowed ? "allowed" : "off");
      }).catch(() => { /* the links are what matters here */ });
  }
} else {
  $("links-missing").hidden = false;
  $("candidate-card").hidden = true;
  $("interviewer-card").hidden = true;
}
wireCopyButtons();
