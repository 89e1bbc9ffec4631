// Sign-up, log-in and account pages: the forms go to the JSON API; its messages are shown as they come.
import { $ } from "./dom.js";
import { readResponse } from "./api.js";

function post(method, url, body) {
  return fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
    .then(readResponse);
}

// Only a path on this site: never follow ?next= to another origin.
function nextPath() {
  const next = new URLSearchParams(window.location.search).get("next") || "";
  return /^\/(?![\/\\])/.test(next) ? next : "/sessions";
}

function showFormError(form, error) {
  const box = $(form.id + "-error");
  box.textContent = error ? error.message : "";
  box.hidden = !error;
}

function wireAuthForm(form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { email: $("email").value, password: $("password").value };
    if ($("display-name")) body.display_name = $("display-name").value;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    showFormError(form, null);
    post("POST", form.getAttribute("data-api"), body).then(() => {
      window.location.assign(nextPath());
    }).catch((error) => {
      showFormError(form, error);
      button.disabled = false;
    });
  });
}

["signup-form", "login-form"].forEach((id) => { if ($(id)) wireAuthForm($(id)); });

if ($("password-form")) {
  $("password-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = $("password-form");
    showFormError(form, null);
    $("password-status").textContent = "";
    post("PUT", "/api/me/password", { current_password: $("current-password").value, new_password: $("new-password").value })
      .then((result) => {
        form.reset();
        $("password-status").textContent = "Password changed." + (result.other_sessions_ended
          ? " " + result.other_sessions_ended + " other login(s) ended." : "");
      }).catch((error) => showFormError(form, error));
  });
}

if ($("logout-button")) {
  $("logout-button").addEventListener("click", () => {
    post("POST", "/api/logout", {}).then(() => window.location.assign("/login"));
  });
}
