// Shared by the interview pages: the server-owned countdown, the challenge tabs, the one error box
// and opening a room.
import { el } from "./dom.js";

// The countdown: the server's deadline and its clock at the last answer; the browser's own clock
// only measures the time since, so a wrong system clock on this computer changes nothing.
export class Countdown {
  constructor(node, onZero) {
    this.node = node;
    this.onZero = onZero;
    this.clock = null;
    this.offsetMs = 0;
    this.fired = false;
    this.warning = "";
    setInterval(() => this.draw(), 250);
  }

  update(clock) {
    this.clock = clock;
    this.offsetMs = Date.parse(clock.server_now) - Date.now();
    this.draw();
  }

  remainingSeconds() {
    const clock = this.clock;
    if (!clock) return null;
    if (clock.status === "running" && clock.deadline) {
      return Math.max(0, (Date.parse(clock.deadline) - (Date.now() + this.offsetMs)) / 1000);
    }
    return clock.remaining_seconds;
  }

  draw() {
    const clock = this.clock;
    if (!clock) return;
    const seconds = this.remainingSeconds();
    const over = clock.status === "ended" || clock.status === "time_up" || (clock.status === "running" && seconds <= 0);
    this.node.textContent = over ? "00:00" : formatClock(seconds);
    this.node.classList.toggle("amber", !over && clock.status === "running" && seconds <= 300 && seconds > 60);
    this.node.classList.toggle("red", over || (clock.status === "running" && seconds <= 60));
    this.node.setAttribute("data-status", over ? "over" : clock.status);
    // Screen readers hear the two warnings once each, not every second of the countdown.
    const warning = over ? (clock.end_reason === "interviewer" ? "The interviewer ended the session." : "Time is up.") : clock.status !== "running" ? "" : seconds <= 60 ? "One minute left." : seconds <= 300 ? "Five minutes left." : "";
    const announce = document.getElementById("countdown-announce");
    if (announce && warning !== this.warning) {
      this.warning = warning;
      announce.textContent = warning;
    }
    if (over && !this.fired) {
      this.fired = true;
      if (this.onZero) this.onZero(clock);
    }
  }
}

export function formatClock(seconds) {
  seconds = Math.max(0, Math.ceil(seconds || 0));
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const mm = (m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
  return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
}

// Every interview page shows request errors in the same #session-error box.
export function showError(message) {
  const box = document.getElementById("session-error");
  box.textContent = message;
  box.hidden = !message;
}

// Open a room: without a token in the link say so (the interviewer's room tries the owner's login
// instead); else load the session, then follow its stream
// (from the last event the load saw), showing the connection in #stream-status.
export function openRoom(client, { who, load, lastEventId, onEvent, liveText }) {
  if (!client.token && who !== "interviewer") {
    showError("This link has no token. Open the full " + who + " link you were sent (it ends with #…).");
    return;
  }
  load().then(() => {
    const status = document.getElementById("stream-status");
    client.stream(onEvent, (connected) => {
      status.textContent = connected ? liveText : "Reconnecting…";
      status.classList.toggle("live", connected && Boolean(liveText));
    }, lastEventId());
  });
}

// One tab per challenge of the session in #challenge-tabs; a click selects that challenge.
export function buildTabs(challenges, select) {
  const tabs = document.getElementById("challenge-tabs");
  tabs.textContent = "";
  challenges.forEach((challenge, index) => {
    const tab = el("button", { type: "button", class: "tab", "data-challenge": challenge.id, text: (index + 1) + ". " + challenge.title });
    tab.addEventListener("click", () => select(challenge.id));
    tabs.appendChild(tab);
  });
  return tabs;
}

// Mark the selected tab (and let the others' "changed" dots stand, unless told to clear them).
export function markTab(id, clearChanged) {
  document.querySelectorAll("#challenge-tabs .tab").forEach((tab) => {
    tab.setAttribute("aria-current", tab.getAttribute("data-challenge") === id ? "true" : "false");
    if (clearChanged) tab.classList.remove("changed");
  });
}
