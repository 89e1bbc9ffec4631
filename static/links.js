// Copy buttons: any button[data-copy] copies the value of the input it names, and says so.
export function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain http on another host has no Clipboard API: fall back to selecting and copying.
  return new Promise((resolve, reject) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand && document.execCommand("copy");
    area.remove();
    if (copied) resolve(); else reject(new Error("copy refused"));
  });
}

export function wireCopyButtons(root) {
  (root || document).querySelectorAll("button[data-copy]").forEach((button) => {
    if (button.dataset.wired) return;
    button.dataset.wired = "1";
    button.addEventListener("click", () => {
      const field = document.getElementById(button.getAttribute("data-copy"));
      if (!field || !field.value) return;
      const label = button.textContent;
      copyText(field.value).then(() => {
        button.textContent = "Copied";
      }).catch(() => {
        field.select();
        button.textContent = "Press Ctrl+C";
      }).finally(() => { setTimeout(() => { button.textContent = label; }, 2000); });
    });
  });
}
