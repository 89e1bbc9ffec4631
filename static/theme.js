// Runs before the page paints: apply the saved theme choice (or follow the OS) with no flash.
(function () {
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("arraydojo.theme"); } catch (e) { /* storage blocked: follow the OS */ }
  if (saved === "light" || saved === "dark") root.setAttribute("data-theme", saved);
  var dark = saved ? saved === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  root.setAttribute("data-effective-theme", dark ? "dark" : "light");
})();
