// The dashboard: re-issue a candidate link (the old one stops working) and copy it.
import { $ } from "./dom.js";
import { readResponse } from "./api.js";
import { wireCopyButtons } from "./links.js";

document.querySelectorAll(".reissue-button").forEach((button) => {
  button.addEventListener("click", () => {
    const id = button.getAttribute("data-session");
    if (!window.confirm("Re-issue the candidate's link? The link you sent before stops working at once.")) return;
    button.disabled = true;
    fetch("/api/me/sessions/" + encodeURIComponent(id) + "/candidate-link", { method: "POST" })
      .then(readResponse).then((issued) => {
        $("candidate-url-" + id).value = issued.candidate_url;
        $("reissue-" + id).hidden = false;
        $("dashboard-status").textContent = "New candidate link issued; the previous one no longer works.";
      }).catch((error) => { $("dashboard-status").textContent = "Not re-issued: " + error.message; })
      .finally(() => { button.disabled = false; });
  });
});
wireCopyButtons();
