// "Your session is ready": the links come from this page's fragment (#c=<candidate>&i=<interviewer>),
// put there by the create form's redirect, so reloading shows them again and creates nothing.
import { $, formatDuration } from "./dom.js";
import { readResponse } from "./api.js";
import { wireCopyButtons } from "./links.js";

const sessionId = $("session-ready").getAttribute("data-session");
const params = new URLSearchParams(window.location.hash.slice(1));
const candidate = params.get("c") || "";
const interviewer = params.get("i") || "";
// The server's public address for this session (ARRAYDOJO_PUBLIC_BASE_URL), never the address bar's.
const base = $("session-ready").getAttribute("data-base");

if (candidate && interviewer) {
  $("candidate-url").value = base + "/candidate#" + candidate;
  $("interviewer-url").value = base + "/interviewer#" + interviewer;
  $("open-interviewer").href = "/sessions/" + encodeURIComponent(sessionId) + "/interviewer#" + interviewer;
  if (!$("session-summary").textContent) {
    fetch("/api/sessions/" + encodeURIComponent(sessionId), { headers: { Authorization: "Bearer " + interviewer } })
      .then(readResponse).then((data) => {
        $("session-summary").textContent = data.challenges.map((c) => c.title).join(", ") + " · " +
          formatDuration(data.clock.duration_seconds) +
          (data.candidate_name ? " · " + data.candidate_name : "") + " · hints " + (data.hints_allowed ? "allowed" : "off");
      }).catch(() => { /* the links are what matters here */ });
  }
} else {
  $("links-missing").hidden = false;
  $("candidate-card").hidden = true;
  $("interviewer-card").hidden = true;
}
wireCopyButtons();
