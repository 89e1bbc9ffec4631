// The report in the app: fetched with the interviewer's token, drawn by report.js, downloadable.
(function () {
  "use strict";
  var S = window.ArrayDojoSession;

  function showError(message) {
    var box = document.getElementById("session-error");
    box.textContent = message;
    box.hidden = false;
  }

  function download(path, name) {
    var status = document.getElementById("download-status");
    status.textContent = "Preparing…";
    fetch("/api/sessions/" + encodeURIComponent(S.id) + path, { headers: { Authorization: "Bearer " + S.token } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.blob();
      }).then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        status.textContent = "Downloaded " + name;
      }).catch(function (error) { status.textContent = "Download failed: " + error.message; });
  }

  document.getElementById("back-link").href = "/sessions/" + encodeURIComponent(S.id) + "/interviewer#" + S.token;
  document.getElementById("download-html").addEventListener("click", function () {
    download("/report.html", "interview-" + S.id + ".html");
  });
  document.getElementById("download-json").addEventListener("click", function () {
    download("/report?download=1", "interview-" + S.id + ".json");
  });
  if (!S.token) { showError("This link has no token. Open the report from the interviewer's page."); return; }
  S.api("GET", "/report").then(function (data) {
    window.ArrayDojoReport.render(document.getElementById("report"), data);
    document.title = "Interview report: " + (data.session.candidate_name || "Candidate") + " · ArrayDojo";
  }).catch(function (error) {
    showError(error.message);
    document.getElementById("report").textContent = "";
  });
})();
