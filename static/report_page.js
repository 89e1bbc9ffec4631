// The report in the app: fetched with the interviewer's token, drawn by report.js, downloadable.
import { $ } from "./dom.js";
import { sessionClient } from "./api.js";
import { render } from "./report.js";
import { showError } from "./session.js";

const S = sessionClient($("session-root").getAttribute("data-session"));

function download(path, name) {
  const status = $("download-status");
  status.textContent = "Preparing…";
  S.download(path).then((response) => {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.blob();
  }).then((blob) => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = "Downloaded " + name;
  }).catch((error) => { status.textContent = "Download failed: " + error.message; });
}

$("back-link").href = "/sessions/" + encodeURIComponent(S.id) + "/interviewer" + (S.token ? "#" + S.token : "");
$("download-html").addEventListener("click", () => download("/report.html", "interview-" + S.id + ".html"));
$("download-json").addEventListener("click", () => download("/report?download=1", "interview-" + S.id + ".json"));
// Without a token the login cookie is tried: the account that owns the session may read its report.
S.api("GET", "/report").then((data) => {
  render($("report"), data);
  document.title = "Interview report: " + (data.session.candidate_name || "Candidate") + " · ArrayDojo";
}).catch((error) => {
  showError(S.token ? error.message : "This link has no token. Open the report from the interviewer's page, " +
    "or log in with the account that created the session.");
  $("report").textContent = "";
});
